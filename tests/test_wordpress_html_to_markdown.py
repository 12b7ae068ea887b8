"""A post's HTML arrives as the site's Markdown: structure survives, what cannot come is reported dropped."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.wordpress_export import export

CLASSIC = """<h2>Dosing</h2><p>Read <a href="https://example.org/a">the study</a>, <em>carefully</em>.</p>
<ol><li>First</li><li>Second</li></ol><img src="https://old.example/wp-content/uploads/a.png" alt="A chart">
<script>alert(1)</script><iframe src="https://www.youtube.com/embed/x"></iframe>
[gallery ids="1,2,3"]
<!-- wp:embed {"url":"https://youtu.be/x"} --><figure class="wp-block-embed"><div>https://youtu.be/x</div></figure>
<!-- /wp:embed --><h2>Risks</h2><p>Few.</p>"""


def classic_item() -> str:
    return f"""<item><title>Classic post</title><link>https://old.example/classic/</link>
<dc:creator>admin</dc:creator><content:encoded><![CDATA[{CLASSIC}]]></content:encoded>
<excerpt:encoded><![CDATA[A short excerpt.]]></excerpt:encoded><wp:post_id>9</wp:post_id>
<wp:post_date_gmt>2026-10-01 09:00:00</wp:post_date_gmt><wp:post_name>classic</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>"""


@pytest.fixture
def imported(db, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(export(classic_item()))
    out = StringIO()
    call_command("import_wordpress", str(path), stdout=out)
    return Article.objects.get(slug="classic"), out.getvalue()


def test_headings_lists_links_emphasis_and_images_survive(imported):
    article, _ = imported
    html = article.introduction_html
    assert article.introduction_heading == "Dosing"  # the post's opening heading names the introduction
    assert [(s.heading, s.body) for s in article.sections.all()] == [("Risks", "Few.")]  # the next h2: a section
    assert re.search(r'<a href="https://example.org/a"[^>]*>the study</a>', html)
    assert "<em>carefully</em>" in html
    assert "<ol>" in html and "<li>Second</li>" in html
    assert '<img alt="A chart" src="https://old.example/wp-content/uploads/a.png"' in html


def test_scripts_frames_shortcodes_and_embeds_are_dropped_and_reported(imported):
    article, summary = imported
    assert "alert" not in article.introduction and "youtu" not in article.introduction
    assert "[gallery" not in article.introduction
    for dropped in ("<script>", "<iframe>", "[gallery]", "embed"):
        assert f"{dropped} “Classic post”: not carried over" in summary


def test_excerpt_becomes_the_summary(imported):
    article, _ = imported
    assert article.summary == "A short excerpt."
