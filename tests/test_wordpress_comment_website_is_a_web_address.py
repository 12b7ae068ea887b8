"""An imported comment's website is held to the rule of the comment form (http or https only): a
`javascript:` one in the export would be a link that runs script for every reader who clicks the
author's name. It is left out, and the summary says so."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from comments.models import Comment
from tests.wordpress_export import export, item


def comment(wordpress_id: int, website: str) -> str:
    return f"""<wp:comment><wp:comment_id>{wordpress_id}</wp:comment_id>
<wp:comment_author><![CDATA[Bob]]></wp:comment_author><wp:comment_author_email>bob@example.org</wp:comment_author_email>
<wp:comment_author_url>{website}</wp:comment_author_url><wp:comment_date_gmt>2026-10-02 10:00:00</wp:comment_date_gmt>
<wp:comment_content>Thank you.</wp:comment_content><wp:comment_approved>1</wp:comment_approved>
<wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent>
<wp:comment_user_id>0</wp:comment_user_id></wp:comment>"""


@pytest.mark.django_db
def test_a_script_address_is_left_out_and_reported_a_web_address_kept(client, tmp_path):
    comments = comment(1, "javascript:alert(document.cookie)") + comment(2, "https://bob.example/")
    path = tmp_path / "export.xml"
    path.write_text(export(item(5, "a-post").replace("</item>", comments + "</item>")))
    out = StringIO()
    call_command("import_wordpress", str(path), stdout=out)
    assert Comment.objects.get(imported_id=1).website == ""
    assert Comment.objects.get(imported_id=2).website == "https://bob.example/"
    assert "its website is no http or https address" in out.getvalue()
    html = client.get(Article.objects.get().get_absolute_url()).content.decode()
    assert "javascript:" not in html and 'href="https://bob.example/"' in html
