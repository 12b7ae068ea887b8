"""An article's summary made from its first sentence keeps the words in brackets; only a link's target
and an image, which a reader never saw as words, are left out."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.wordpress_export import export


def imported_summary(tmp_path, html: str) -> str:
    item = f"""<item><title>Post</title><link>https://old.example/post/</link>
<dc:creator>admin</dc:creator><content:encoded><![CDATA[{html}]]></content:encoded>
<excerpt:encoded></excerpt:encoded><wp:post_id>1</wp:post_id><wp:post_date_gmt>2026-10-01 09:00:00</wp:post_date_gmt>
<wp:post_name>post</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
"""
    path = tmp_path / "export.xml"
    path.write_text(export(item))
    call_command("import_wordpress", str(path), stdout=StringIO())
    return Article.objects.get().summary


@pytest.mark.django_db
def test_words_in_brackets_stay_in_the_summary(tmp_path):
    summary = imported_summary(tmp_path, "<p>Complex regional pain syndrome (CRPS) is rare. It hurts.</p>")
    assert summary == "Complex regional pain syndrome (CRPS) is rare."


@pytest.mark.django_db
def test_link_keeps_its_words_and_an_image_goes(tmp_path):
    html = (
        '<p><img src="https://old.example/a.png" alt="A chart"> Read <a href="https://old.example/crps/">the CRPS'
        " guide</a> (free) first. More.</p>"
    )
    assert imported_summary(tmp_path, html) == "Read the CRPS guide (free) first."
