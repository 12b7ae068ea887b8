"""An imported post becomes a structured article: an introduction, then a section for each of its
top-level headings and a subsection for each heading one level down, with the page's table of contents."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, Section
from tests.wordpress_export import FIXTURE, GUIDE_SLUG, export, item


def run_import(path=FIXTURE, *args) -> str:
    out = StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out)
    return out.getvalue()


def import_post(tmp_path, html: str) -> tuple[Article, str]:
    path = tmp_path / "export.xml"
    path.write_text(export(item(1, "one").replace("<p>Text of one.</p>", html)))
    summary = run_import(path)
    return Article.objects.get(slug="one"), summary


def outline(article) -> list[tuple[int, str]]:
    return [(section.level, section.heading) for section in article.sections.all()]


@pytest.mark.django_db
def test_the_guide_arrives_as_its_introduction_sections_and_subsections():
    summary = run_import()
    guide = Article.objects.get(slug=GUIDE_SLUG)
    assert guide.introduction_heading == "Introduction"
    assert guide.introduction.startswith("Ketamine infusion therapy has become a topic")
    assert "#" not in guide.introduction
    assert outline(guide) == [
        (Section.Level.SECTION, "Top Takeaways"),
        (Section.Level.SECTION, "Understanding Ketamine"),
        (Section.Level.SECTION, "Medical Applications of Ketamine Infusion"),
        (Section.Level.SUBSECTION, "Depression Treatment"),
        (Section.Level.SUBSECTION, "Chronic Pain Management"),
        (Section.Level.SUBSECTION, "PTSD and Anxiety Relief"),
        (Section.Level.SECTION, "Benefits and Risks"),
        (Section.Level.SECTION, "Frequently Asked Questions"),
    ]
    understanding = guide.sections.get(heading="Understanding Ketamine")
    assert understanding.body.startswith("Ketamine is a compound initially developed as an anesthetic.")
    assert "Ketamine infusion therapy is increasingly used" not in understanding.body
    assert (
        "heading “Table of Contents in “What Is Ketamine Infusion Used For””: a table of contents plugin filled "
        "it on WordPress; the site builds its own table of contents from the sections"
    ) in summary


@pytest.mark.django_db
def test_the_guide_s_page_has_a_table_of_contents_linking_to_each_section(client):
    run_import()
    guide = Article.objects.get(slug=GUIDE_SLUG)
    page = client.get(guide.get_absolute_url()).content.decode()
    contents = page.split('<nav class="toc" id="contents"', 1)[1].split("</nav>", 1)[0]
    for section in guide.sections.all():
        assert f'<a href="#{section.anchor}">{section.heading}</a>' in contents
        assert f'id="{section.anchor}"' in page
    assert "Table of Contents</a>" not in contents


@pytest.mark.django_db
def test_a_second_run_leaves_the_sections_as_they_are():
    run_import()
    before = list(Section.objects.order_by("pk").values_list("pk", "heading", "anchor", "body"))
    summary = run_import()
    assert list(Section.objects.order_by("pk").values_list("pk", "heading", "anchor", "body")) == before
    assert "article “What Is Ketamine Infusion Used For”: unchanged since the last import" in summary


@pytest.mark.django_db
def test_a_changed_post_gets_its_new_sections_and_the_summary_says_so(tmp_path):
    run_import()
    changed = tmp_path / "changed.xml"
    changed.write_text(FIXTURE.read_text().replace(">Benefits and Risks</h2>", ">Benefits and Harms</h2>"))
    summary = run_import(changed)
    guide = Article.objects.get(slug=GUIDE_SLUG)
    assert (Section.Level.SECTION, "Benefits and Harms") in outline(guide)
    assert (Section.Level.SECTION, "Benefits and Risks") not in outline(guide)
    assert len(outline(guide)) == 8
    assert "article “What Is Ketamine Infusion Used For”: changed in the export: sections (replaced)" in summary


@pytest.mark.django_db
def test_equal_headings_get_distinct_anchors(tmp_path):
    article, _ = import_post(
        tmp_path, "<p>Lead.</p><h2>Dosage</h2><p>Adults.</p><h2>Dosage</h2><p>Children.</p><h2>Dosage</h2><p>Both.</p>"
    )
    assert [section.anchor for section in article.sections.all()] == ["dosage", "dosage-2", "dosage-3"]


@pytest.mark.django_db
def test_a_heading_the_page_uses_itself_gets_another_anchor(tmp_path):
    article, _ = import_post(
        tmp_path, "<p>Lead.</p><h2>FAQ</h2><p>Asked.</p><h2>Comments</h2><p>Said.</p><h2>Comment 12</h2><p>Once.</p>"
    )
    assert [section.anchor for section in article.sections.all()] == [
        "section-faq",
        "section-comments",
        "section-comment-12",
    ]


@pytest.mark.django_db
def test_deeper_headings_stay_in_the_text_below_the_page_s_own(tmp_path):
    article, _ = import_post(
        tmp_path, "<p>Lead.</p><h1>Part</h1><h2>Sub</h2><p>Text.</p><h3>Deeper</h3><p>More.</p><h1>Other</h1><p>O.</p>"
    )
    assert outline(article) == [
        (Section.Level.SECTION, "Part"),
        (Section.Level.SUBSECTION, "Sub"),
        (Section.Level.SECTION, "Other"),
    ]
    assert "<h4>Deeper</h4>" in article.sections.get(heading="Sub").body_html


@pytest.mark.django_db
def test_an_empty_heading_with_subsections_is_kept_and_an_empty_one_without_is_dropped(tmp_path):
    article, summary = import_post(
        tmp_path, "<p>Lead.</p><h2>Uses</h2><h3>Pain</h3><p>Yes.</p><h2>Notes</h2><h2>End</h2><p>Done.</p>"
    )
    assert outline(article) == [
        (Section.Level.SECTION, "Uses"),
        (Section.Level.SUBSECTION, "Pain"),
        (Section.Level.SECTION, "End"),
    ]
    assert "heading “Notes in “Post 1””: nothing under it" in summary


@pytest.mark.django_db
def test_a_post_with_text_before_its_first_heading_has_that_text_as_introduction(tmp_path):
    article, _ = import_post(tmp_path, "<p>Lead text.</p><h2>Studies</h2><p>Two.</p>")
    assert (article.introduction_heading, article.introduction) == ("Introduction", "Lead text.")
    assert outline(article) == [(Section.Level.SECTION, "Studies")]


@pytest.mark.django_db
def test_a_heading_too_long_for_a_section_is_cut_and_reported(tmp_path):
    article, summary = import_post(tmp_path, f"<p>Lead.</p><h2>{'Long words ' * 30}</h2><p>Text.</p>")
    heading = article.sections.get().heading
    assert len(heading) == 200 and heading.endswith("…")
    assert "longer than 200 characters: cut" in summary


@pytest.mark.django_db
def test_an_opening_heading_with_nothing_under_it_is_reported_and_the_first_section_introduces(tmp_path):
    article, summary = import_post(tmp_path, "<h4>Lead</h4><h2>Overview</h2><p>Text.</p><h2>More</h2><p>M.</p>")
    assert (article.introduction_heading, article.introduction) == ("Overview", "Text.")
    assert outline(article) == [(Section.Level.SECTION, "More")]
    assert "heading “Lead in “Post 1””: nothing under it" in summary
