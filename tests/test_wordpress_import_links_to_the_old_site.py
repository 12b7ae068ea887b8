"""Links inside an imported post or page to the old WordPress site itself become addresses on this
site (their old addresses redirect here); a link into WordPress's admin keeps its words, loses the
link, and is reported. Other sites' links and images are left as they are."""

from io import StringIO

from django.core.management import call_command

from articles.models import Article, SitePage
from tests.wordpress_export import FIXTURE, export, item


def import_file(path) -> str:
    out = StringIO()
    call_command("import_wordpress", str(path), stdout=out)
    return out.getvalue()


def test_the_fixtures_link_to_the_wordpress_dashboard_is_dropped_with_its_words_kept(db, client):
    summary = import_file(FIXTURE)
    sample = SitePage.objects.get(slug="sample-page")
    assert "your dashboard" in sample.body and "wp-admin" not in sample.body
    assert "8081" not in client.get("/sample-page/").content.decode()
    assert "link “http://127.0.0.1:8081/wp-admin/”: in “Sample Page”, into the old site's admin" in summary


def test_links_to_the_old_site_become_this_sites_addresses(db, tmp_path):
    body = (
        '<p>See <a href="http://old.example/2026/10/01/other-post/#faq">the other post</a>, '
        '<a href="HTTPS://OLD.example/?p=7&amp;x=1">by id</a>, '
        '<a href="https://elsewhere.example/page/">another site</a> and '
        '<img src="https://old.example/wp-content/uploads/a.png" alt="A chart"></p>'
    )
    path = tmp_path / "export.xml"
    path.write_text(export(item(40, "linking-post").replace("<p>Text of linking-post.</p>", body)), encoding="utf-8")
    import_file(path)
    text = Article.objects.get(slug="linking-post").introduction
    assert "[the other post](/2026/10/01/other-post/#faq)" in text
    assert "[by id](/?p=7&x=1)" in text
    assert "[another site](https://elsewhere.example/page/)" in text
    assert "https://old.example/wp-content/uploads/a.png" in text  # images stay where WordPress serves them
