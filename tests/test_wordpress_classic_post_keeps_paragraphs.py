"""A classic-editor post (paragraphs as blank lines, no <p>) arrives with the paragraphs its readers saw;
a block-editor post arrives exactly as it did before classic posts were given their paragraphs."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from articles import wordpress_import
from articles.models import Article, SitePage
from tests.wordpress_export import FIXTURE, GUIDE_SLUG, export

# As the classic editor stores it: no <p>, paragraphs between blank lines, a <pre> with a blank line.
CLASSIC = """Ketamine has been used in anaesthesia since 1970.

Clinics now offer it for depression.
Sessions last about forty minutes.

Ask your doctor before you start.
<ul>
<li>Blood pressure is checked</li>
<li>Someone drives you home</li>
</ul>
<pre>dose = weight * 0.5

print(dose)</pre>"""


def classic_item() -> str:
    return f"""<item><title>Classic post</title><link>https://old.example/classic/</link>
<dc:creator>admin</dc:creator><content:encoded><![CDATA[{CLASSIC}]]></content:encoded>
<excerpt:encoded></excerpt:encoded><wp:post_id>9</wp:post_id>
<wp:post_date_gmt>2026-10-01 09:00:00</wp:post_date_gmt><wp:post_name>classic</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>"""


@pytest.fixture
def classic(db, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(export(classic_item()))
    call_command("import_wordpress", str(path), stdout=StringIO())
    return Article.objects.get(slug="classic")


def test_classic_post_keeps_its_three_paragraphs_and_line_break(classic):
    paragraphs = classic.introduction.split("\n\n")
    assert paragraphs[:3] == [
        "Ketamine has been used in anaesthesia since 1970.",
        "Clinics now offer it for depression.  \nSessions last about forty minutes.",
        "Ask your doctor before you start.",
    ]


def test_classic_post_keeps_its_list_and_its_pre_block_with_the_blank_line(classic):
    assert "- Blood pressure is checked\n- Someone drives you home" in classic.introduction
    assert "```\ndose = weight * 0.5\n\nprint(dose)\n```" in classic.introduction


def test_classic_post_shows_readers_its_paragraphs_break_list_and_code(classic, client):
    html = client.get(classic.get_absolute_url()).content.decode()
    assert "<p>Ket" in html and "<p>Clinics now offer it for depression.<br" in html
    assert "<p>Ask your doctor before you start.</p>" in html
    assert "<li>Blood pressure is checked</li>" in html
    assert "dose = weight * 0.5\n\nprint(dose)" in html


def fixture_as_imported(autop) -> dict:
    """Every article and site page of the fixture as imported with `autop` as the paragraph maker, then rolled back."""
    original = wordpress_import.wpautop
    wordpress_import.wpautop = autop
    try:
        with transaction.atomic():
            call_command("import_wordpress", str(FIXTURE), stdout=StringIO())
            pages = {
                article.slug: (
                    article.summary,
                    article.introduction_heading,
                    article.introduction,
                    [(s.level, s.heading, s.anchor, s.body) for s in article.sections.order_by("order")],
                )
                for article in Article.objects.all()
            } | {f"page {page.slug}": page.body for page in SitePage.objects.all()}
            transaction.set_rollback(True)
    finally:
        wordpress_import.wpautop = original
    return pages


@pytest.mark.django_db
def test_block_editor_posts_of_the_fixture_import_exactly_as_before():
    """The guide, "Hello world!", the CRPS post and the block-editor pages as without paragraph making (the
    fixture's two classic items, "About this site" and the draft, are one line each: unchanged too)."""
    before = fixture_as_imported(lambda html: html)
    after = fixture_as_imported(wordpress_import.wpautop)
    assert GUIDE_SLUG in after and "page sample-page" in after
    assert after == before
