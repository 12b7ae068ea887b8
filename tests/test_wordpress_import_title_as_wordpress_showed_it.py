"""A WordPress title is HTML (an author without "unfiltered HTML" saves "&" as "&amp;"): the
imported page's title is the text WordPress showed, not its entities or tags spelled out."""

from io import StringIO

from django.core.management import call_command

from articles.models import Article
from tests.wordpress_export import export, item


def test_an_escaped_title_arrives_as_the_text_wordpress_showed(client, db, tmp_path):
    post = item(9, "risks").replace("<title>Post 9</title>", "<title><![CDATA[Risks &amp; <em>benefits</em>]]></title>")
    path = tmp_path / "export.xml"
    path.write_text(export(post))
    call_command("import_wordpress", str(path), stdout=StringIO())
    article = Article.objects.get()
    assert article.title == "Risks & benefits"
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h1>Risks &amp; benefits</h1>" in html and "&amp;amp;" not in html
