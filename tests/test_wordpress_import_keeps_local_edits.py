"""A re-import never overwrites an editor's work here: a page changed on this site since the last
import keeps its content unless the owner asks for the export's version (--overwrite-local-edits)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Section, SitePage, WordPressItem
from tests.admin_forms import shown_form_data
from tests.wordpress_export import FIXTURE, GUIDE_SLUG

EDITED_HERE = "edited on this site since the last import: kept; the export's changes were not applied"


def run_import(path=FIXTURE, *args) -> str:
    out = StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def changed_export(tmp_path):
    """The export after the guide's first sentence changed in WordPress."""
    path = tmp_path / "changed.xml"
    path.write_text(FIXTURE.read_text().replace("Ketamine infusion therapy has become", "Ketamine has become"))
    return path


def edit_guide_here() -> Article:
    guide = Article.objects.get(slug=GUIDE_SLUG)
    guide.introduction = "Rewritten by our editor."
    guide.save()
    return guide


@pytest.mark.django_db
def test_a_changed_post_edited_here_is_kept_and_reported_as_skipped(changed_export):
    run_import()
    edit_guide_here()
    summary = run_import(changed_export)
    assert Article.objects.get(slug=GUIDE_SLUG).introduction == "Rewritten by our editor."
    assert f"article “What Is Ketamine Infusion Used For”: {EDITED_HERE}" in summary


@pytest.mark.django_db
def test_a_section_edited_here_keeps_the_whole_article(changed_export):
    run_import()
    section = Section.objects.get(heading="Understanding Ketamine")
    section.body = "Our own words."
    section.save()
    summary = run_import(changed_export)
    guide = Article.objects.get(slug=GUIDE_SLUG)
    assert guide.sections.get(heading="Understanding Ketamine").body == "Our own words."
    assert guide.introduction.startswith("Ketamine infusion therapy has become")
    assert EDITED_HERE in summary


@pytest.mark.django_db
def test_overwrite_local_edits_takes_the_export_s_version(changed_export):
    run_import()
    edit_guide_here()
    summary = run_import(changed_export, "--overwrite-local-edits")
    assert Article.objects.get(slug=GUIDE_SLUG).introduction.startswith("Ketamine has become")
    assert (
        "article “What Is Ketamine Infusion Used For”: changed in the export: summary, introduction; "
        "an edit made here was replaced (--overwrite-local-edits)"
    ) in summary
    # from now on the export's version is the one the import wrote: a later change comes in as before
    assert "unchanged since the last import" in run_import(changed_export)


@pytest.mark.django_db
def test_an_unchanged_export_leaves_an_edit_here_alone_and_says_unchanged():
    run_import()
    edit_guide_here()
    summary = run_import()
    assert Article.objects.get(slug=GUIDE_SLUG).introduction == "Rewritten by our editor."
    assert "article “What Is Ketamine Infusion Used For”: unchanged since the last import" in summary


@pytest.mark.django_db
def test_a_changed_post_not_edited_here_is_updated(changed_export):
    run_import()
    summary = run_import(changed_export)
    assert Article.objects.get(slug=GUIDE_SLUG).introduction.startswith("Ketamine has become")
    assert "article “What Is Ketamine Infusion Used For”: changed in the export: summary, introduction" in summary
    assert "an edit made here" not in summary


@pytest.mark.django_db
def test_a_save_in_the_admin_that_changes_nothing_is_no_edit(changed_export):
    """The admin's form sends a text back with CRLF line ends and without its outer spaces."""
    run_import()
    guide = Article.objects.get(slug=GUIDE_SLUG)
    section = guide.sections.get(heading="Benefits and Risks")
    section.body = section.body.replace("\n", "\r\n") + "\r\n"
    section.save()
    summary = run_import(changed_export)
    assert Article.objects.get(slug=GUIDE_SLUG).introduction.startswith("Ketamine has become")
    assert EDITED_HERE not in summary


@pytest.mark.django_db
def test_a_site_page_edited_here_is_kept(tmp_path):
    run_import()
    about = SitePage.objects.get(slug="about")
    about.body = "Our own about text."
    about.save()
    changed = tmp_path / "changed.xml"
    changed.write_text(FIXTURE.read_text().replace("<title><![CDATA[About this site]]>", "<title><![CDATA[About us]]>"))
    summary = run_import(changed)
    about.refresh_from_db()
    assert (about.title, about.body) == ("About this site", "Our own about text.")
    assert f"site page “About us”: {EDITED_HERE}" in summary


@pytest.mark.django_db
def test_a_dry_run_reports_the_kept_edit_and_writes_nothing(changed_export):
    run_import()
    edit_guide_here()
    summary = run_import(changed_export, "--dry-run")
    assert EDITED_HERE in summary and "Dry run: nothing was written." in summary
    run_import(changed_export, "--dry-run", "--overwrite-local-edits")
    assert Article.objects.get(slug=GUIDE_SLUG).introduction == "Rewritten by our editor."


@pytest.mark.django_db
def test_an_item_imported_before_fingerprints_were_kept_counts_as_edited(changed_export):
    """Nothing tells whether its page was edited: it is kept until the owner asks for the export's version."""
    run_import()
    WordPressItem.objects.filter(kind=WordPressItem.Kind.POST).update(written_fingerprint="")
    summary = run_import(changed_export)
    assert Article.objects.get(slug=GUIDE_SLUG).introduction.startswith("Ketamine infusion therapy has become")
    assert EDITED_HERE in summary


def admin_save(client, article, **changes):
    """The article's admin form sent back as a browser sends it: its texts with CRLF line ends."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    shown = shown_form_data(client.get(url), **changes)
    data = {name: value.replace("\n", "\r\n") if isinstance(value, str) else value for name, value in shown.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


@pytest.mark.django_db
def test_an_unchanged_save_in_the_admin_is_no_edit_and_a_changed_one_is(editor_client, changed_export):
    run_import()
    guide = Article.objects.get(slug=GUIDE_SLUG)
    admin_save(editor_client, guide)
    assert EDITED_HERE not in run_import(changed_export, "--dry-run")
    admin_save(editor_client, guide, introduction="Rewritten in the admin.")
    assert EDITED_HERE in run_import(changed_export)
    assert Article.objects.get(slug=GUIDE_SLUG).introduction == "Rewritten in the admin."
