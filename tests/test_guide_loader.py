"""`manage.py load_guide`: every part of the seed guide arrives, and editors' work is never lost."""

import io
import re
from pathlib import Path

import pytest
from django.contrib.sites.models import Site
from django.core.management import CommandError, call_command

from articles import guide_loader
from articles.models import Article

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_0c416273546ffb6f.txt"
SEED_IN_REPO_COPY = {
    # Headings, takeaway labels and FAQ questions of the seed, written out so the test
    # also runs where ../shared is absent; test_seed_copy_matches_shared checks the copy.
    "sections": [
        "Understanding Ketamine",
        "Medical Applications of Ketamine Infusion",
        "Depression Treatment",
        "Chronic Pain Management",
        "PTSD and Anxiety Relief",
        "Benefits and Risks",
    ],
    "takeaways": ["Multifaceted Uses", "Rapid Relief", "Ongoing Research", "Safety and Risks", "Effective Care Option"],
    "faqs": [
        "What conditions can ketamine infusion treat?",
        "How quickly does ketamine infusion start working?",
        "Is ketamine infusion safe?",
        "How is ketamine administered during infusion therapy?",
        "Are there any long-term effects of ketamine infusion therapy?",
        "How many infusion sessions are typically needed?",
        "Can anyone get ketamine infusion therapy?",
    ],
}


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_guide", *args, stdout=out)
    return out.getvalue()


@pytest.mark.skipif(not SEED.exists(), reason="shared/seeds is not beside the repository")
def test_seed_copy_matches_shared():
    seed = SEED.read_text(encoding="utf-8")
    for text in [*SEED_IN_REPO_COPY["sections"], *SEED_IN_REPO_COPY["takeaways"], *SEED_IN_REPO_COPY["faqs"]]:
        assert text in seed


def test_every_heading_takeaway_and_question_of_the_seed_is_loaded(guide):
    assert [s.heading for s in guide.sections.all()] == SEED_IN_REPO_COPY["sections"]
    assert [t.label for t in guide.takeaways.all()] == SEED_IN_REPO_COPY["takeaways"]
    assert [f.question for f in guide.faqs.all()] == SEED_IN_REPO_COPY["faqs"]


@pytest.mark.skipif(not SEED.exists(), reason="shared/seeds is not beside the repository")
def test_every_sentence_of_the_seed_is_on_the_loaded_guide(guide):
    """Each sentence of the seed's body text appears in the loaded article's text."""
    loaded = " ".join(
        [
            guide.title,
            guide.introduction,
            guide.closing,
            *(f"{t.label}: {t.text}" for t in guide.takeaways.all()),
            *(f"{s.heading} {s.body}" for s in guide.sections.all()),
            *(f"{f.question} {f.answer}" for f in guide.faqs.all()),
        ]
    )
    plain_loaded = re.sub(r"\*\*|\[|\]\([^)]*\)", "", loaded)
    page_chrome = {
        "Table of Contents",
        "Comments",
        "Leave a Reply",
        "Ketamine Infusion",
        "Top Takeaways",
        "Introduction",
    }
    page_chrome |= {
        "Frequently Asked Questions",
        "Your email address will not be published. Required fields are marked *",
    }
    for line in SEED.read_text(encoding="utf-8").splitlines():
        text = re.sub(r"^[\s•]*(\d+\.\s*)?", "", line).strip()
        if not text or text in page_chrome:
            continue
        assert text in plain_loaded, f"seed line missing from the loaded guide: {text!r}"


def test_guide_is_published_with_its_parts_rendered(guide):
    assert Article.objects.published().filter(pk=guide.pk).exists()
    assert guide.introduction_html.startswith("<p>Ketamine infusion therapy")
    risks = guide.sections.get(heading="Benefits and Risks")
    assert risks.body_html.count("<ul>") == 3  # the nested Benefits / Risks lists
    assert [s.level for s in guide.sections.all()] == [2, 2, 3, 3, 3, 2]
    assert Site.objects.get_current().name == "Ketamine Infusion"


def test_no_link_of_the_guide_is_dead(guide, client):
    """Every link target in the guide exists: an anchor on the page, a page of the site, or an https address."""
    page = client.get(guide.get_absolute_url()).content.decode()
    ids = set(re.findall(r'id="([^"]+)"', page))
    html = " ".join([guide.closing_html, *(s.body_html for s in guide.sections.all())])
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs, "the guide's text should contain links"
    for href in hrefs:
        if href.startswith("#"):
            assert href[1:] in ids, href
        elif href.startswith("/"):
            assert client.get(href).status_code == 200, href
        else:
            assert href.startswith("https://"), href


def test_loading_twice_changes_nothing(guide):
    before = guide_loader.article_content(guide)
    updated_at = guide.updated_at
    output = load()
    guide.refresh_from_db()
    assert "unchanged" in output
    assert guide.updated_at == updated_at
    assert guide_loader.article_content(guide) == before
    assert Article.objects.count() == 1


def test_an_editors_change_is_kept_without_reset(guide):
    section = guide.sections.get(heading="Understanding Ketamine")
    section.body = "Rewritten by an editor."
    section.save()
    output = load()
    section.refresh_from_db()
    assert section.body == "Rewritten by an editor."
    assert "kept as it is" in output
    assert "--reset" in output


def test_an_added_faq_is_kept_without_reset(guide):
    guide.faqs.create(question="A new question?", answer="An answer.")
    load()
    assert guide.faqs.filter(question="A new question?").exists()


def test_reset_restores_the_data_file(guide):
    guide.title = "Changed"
    guide.save()
    guide.takeaways.all().delete()
    output = load("--reset")
    guide.refresh_from_db()
    assert "reset" in output
    assert guide.title == "What Is Ketamine Infusion Used For"
    assert guide.takeaways.count() == 5


def test_a_renamed_site_is_kept_without_reset(guide):
    site = Site.objects.get_current()
    site.name = "Our clinic"
    site.save()
    output = load()
    assert Site.objects.get_current().name == "Our clinic"
    assert "kept" in output


def test_a_broken_data_file_is_a_clear_error(tmp_path, monkeypatch, db):
    (tmp_path / "broken.yaml").write_text("article:\n  title: Only a title\n", encoding="utf-8")
    monkeypatch.setattr(guide_loader, "CONTENT_DIR", tmp_path)
    with pytest.raises(CommandError, match=r"broken\.yaml: article is missing slug\."):
        load()


def test_invalid_yaml_is_a_clear_error(tmp_path, monkeypatch, db):
    (tmp_path / "bad.yaml").write_text("article: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(guide_loader, "CONTENT_DIR", tmp_path)
    with pytest.raises(CommandError, match=r"bad\.yaml: cannot be read"):
        load()


def test_a_section_with_a_wrong_level_is_a_clear_error(tmp_path, monkeypatch, db):
    (tmp_path / "level.yaml").write_text(
        "article:\n  slug: s\n  title: T\n  summary: S\n  introduction: I\n"
        "  sections:\n    - heading: H\n      level: 7\n      body: B\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(guide_loader, "CONTENT_DIR", tmp_path)
    with pytest.raises(CommandError, match=r"level\.yaml: sections, entry 1: level: Value 7 is not a valid choice\."):
        load()
    assert not Article.objects.exists()


def test_the_guide_has_its_author_references_and_the_off_label_statement(guide):
    assert guide.author.name == "infusion-site editorial team"
    assert guide.medical_reviewer is None  # a real clinician is named by the team, never invented here
    assert guide.references.count() == 3
    assert all(reference.url.startswith("https://") for reference in guide.references.all())
    depression = guide.sections.get(heading="Depression Treatment").body
    assert "off-label" in depression
    assert "Esketamine nasal spray (Spravato)" in depression and "FDA-approved form" in depression


def test_reviewer_and_review_dates_load_from_the_data_file(tmp_path, monkeypatch, db):
    (tmp_path / "reviewed.yaml").write_text(
        "article:\n  slug: reviewed\n  title: T\n  summary: S\n  introduction: I\n"
        "  medical_reviewer: {name: Dr A, credentials: MD}\n"
        "  last_reviewed: 2026-11-01\n  next_review_due: 2027-11-01\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(guide_loader, "CONTENT_DIR", tmp_path)
    load()
    article = Article.objects.get(slug="reviewed")
    assert str(article.medical_reviewer) == "Dr A, MD"
    assert article.next_review_due.isoformat() == "2027-11-01"
    assert "unchanged" in load()


def test_a_review_date_that_is_not_a_date_is_a_clear_error(tmp_path, monkeypatch, db):
    (tmp_path / "bad-date.yaml").write_text(
        "article:\n  slug: s\n  title: T\n  summary: S\n  introduction: I\n  next_review_due: soon\n", encoding="utf-8"
    )
    monkeypatch.setattr(guide_loader, "CONTENT_DIR", tmp_path)
    with pytest.raises(CommandError, match="next_review_due must be a date"):
        load()


def write_guide(tmp_path, monkeypatch, body: str) -> None:
    header = "article:\n  slug: checked\n  title: T\n  summary: S\n  introduction: I\n"
    (tmp_path / "checked.yaml").write_text(header + body, encoding="utf-8")
    monkeypatch.setattr(guide_loader, "CONTENT_DIR", tmp_path)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("  status: archived-forever\n", "checked.yaml: status: Value 'archived-forever' is not a valid choice."),
        ("  summary: ''\n", "checked.yaml: summary: This field cannot be blank."),
        ("  takeaways:\n    - {label: Fast}\n", "checked.yaml: takeaways, entry 1: text: This field cannot be blank."),
        ("  last_reviewed: 2026-11-01 10:00:00\n", "last_reviewed must be a date"),
        (
            "  sections:\n    - {heading: Same, body: a}\n    - {heading: Same, body: b}\n",
            "Another section of this article already uses this anchor",
        ),
        ("  sections:\n    - {heading: FAQ, body: a}\n", "is used by the page itself"),
    ],
    ids=["status", "blank-summary", "takeaway-without-text", "datetime", "duplicate-anchor", "reserved-anchor"],
)
def test_a_guide_the_admin_would_refuse_is_refused_and_nothing_written(tmp_path, monkeypatch, db, body, message):
    write_guide(tmp_path, monkeypatch, body)
    with pytest.raises(CommandError, match=message):
        load()
    assert not Article.objects.exists()


def test_a_slug_with_a_space_is_a_clear_error(tmp_path, monkeypatch, db):
    (tmp_path / "slug.yaml").write_text(
        "article:\n  slug: not a slug\n  title: T\n  summary: S\n  introduction: I\n", encoding="utf-8"
    )
    monkeypatch.setattr(guide_loader, "CONTENT_DIR", tmp_path)
    with pytest.raises(CommandError, match=r"slug\.yaml: slug: Enter a valid “slug”"):
        load()


def test_a_reference_may_leave_out_publisher_and_link(tmp_path, monkeypatch, db):
    write_guide(tmp_path, monkeypatch, "  status: draft\n  references:\n    - {title: A book}\n")
    assert "created (Draft)" in load()
    assert Article.objects.get().references.get().title == "A book"
