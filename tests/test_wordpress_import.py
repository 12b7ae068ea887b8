"""`manage.py import_wordpress`: a WordPress export arrives as articles, site pages and topics, once."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils.module_loading import import_string

from articles.models import Article, Person, SitePage, Topic, WordPressItem
from articles.wordpress_hooks import ITEM_COMMENT_IMPORTERS
from comments.models import Comment
from comments.wordpress_comments import import_item_comments
from tests.wordpress_export import FIXTURE, GUIDE_SLUG


def run_import(*args) -> str:
    out = StringIO()
    call_command("import_wordpress", str(FIXTURE), *args, stdout=out)
    return out.getvalue()


def written_rows() -> tuple[int, ...]:
    return (Article.objects.count(), SitePage.objects.count(), Topic.objects.count(), WordPressItem.objects.count())


@pytest.mark.django_db
def test_fixture_arrives_in_an_empty_site_as_articles_pages_and_topics():
    summary = run_import()
    assert Article.objects.count() == 4  # Hello world!, the guide, the CRPS post, the draft
    assert set(SitePage.objects.values_list("slug", flat=True)) == {"sample-page", "privacy-policy", "about"}
    assert list(Topic.objects.values_list("name", flat=True)) == ["Chronic Pain"]
    # 4 articles, 3 site pages, 1 topic, 1 person (the posts' author), and each comment the comments app brought in
    assert f"Created: {9 + Comment.objects.count()}" in summary
    assert "tag “crps”: the site has no tags" in summary


@pytest.mark.django_db
def test_published_posts_keep_their_date_and_drafts_stay_drafts():
    run_import()
    guide = Article.objects.get(slug=GUIDE_SLUG)
    assert guide.publication_state() == Article.PublicationState.PUBLISHED
    assert guide.published_at.isoformat() == "2026-10-01T09:00:00+00:00"
    draft = Article.objects.get(slug="esketamine-vs-ketamine")
    assert draft.status == Article.Status.DRAFT and draft.published_at is None
    assert not SitePage.objects.get(slug="privacy-policy").is_published
    assert SitePage.objects.get(slug="sample-page").is_published


@pytest.mark.django_db
def test_author_is_the_display_name_and_review_stays_pending():
    run_import()
    guide = Article.objects.get(slug=GUIDE_SLUG)
    assert guide.author == Person.objects.get(name="admin")
    assert guide.medical_reviewer is None and guide.last_reviewed is None


@pytest.mark.django_db
def test_first_category_is_the_topic_and_uncategorized_is_none():
    run_import()
    assert Article.objects.get(slug="ketamine-for-crps").topic.name == "Chronic Pain"
    assert Article.objects.get(slug=GUIDE_SLUG).topic is None


@pytest.mark.django_db
def test_block_editor_body_keeps_headings_lists_and_links(client):
    run_import()
    guide = Article.objects.get(slug=GUIDE_SLUG)
    assert "<!-- wp:" not in guide.introduction
    bodies = "".join(section.body_html for section in guide.sections.all())
    assert "<li>" in bodies and "<a href=" in bodies
    assert guide.summary
    page = client.get(guide.get_absolute_url())
    assert page.status_code == 200
    assert "<h3" in page.content.decode()  # the headings are the sections' and subsections'


@pytest.mark.django_db
def test_second_run_changes_nothing_and_says_unchanged():
    run_import()
    before = written_rows()
    summary = run_import()
    assert written_rows() == before
    assert "Created: 0" in summary
    assert "unchanged since the last import" in summary


@pytest.mark.django_db
def test_changed_export_updates_the_article_and_says_what(tmp_path):
    run_import()
    changed = tmp_path / "changed.xml"
    changed.write_text(
        FIXTURE.read_text().replace("Ketamine for CRPS: What the Studies Say", "Ketamine for CRPS: the studies")
    )
    out = StringIO()
    call_command("import_wordpress", str(changed), stdout=out)
    assert Article.objects.get(slug="ketamine-for-crps").title == "Ketamine for CRPS: the studies"
    assert "changed in the export: title" in out.getvalue()
    assert Article.objects.count() == 4


@pytest.mark.django_db
def test_dry_run_writes_nothing_and_prints_the_summary():
    summary = run_import("--dry-run")
    assert written_rows() == (0, 0, 0, 0)
    assert "Created:" in summary and "Dry run: nothing was written." in summary


@pytest.mark.django_db
def test_site_with_the_guide_refuses_without_attach(guide):
    before = written_rows()
    with pytest.raises(CommandError, match=f"already has an article at the address “{GUIDE_SLUG}”"):
        run_import()
    assert written_rows() == before


@pytest.mark.django_db
def test_site_with_the_guide_attaches_and_keeps_its_content(guide):
    introduction = Article.objects.get(slug=GUIDE_SLUG).introduction
    summary = run_import("--attach-to-existing")
    article = Article.objects.get(slug=GUIDE_SLUG)
    assert article.introduction == introduction
    assert WordPressItem.objects.get(article=article).attached
    assert "attached to the existing one" in summary
    assert run_import("--attach-to-existing").count("Created: 0") == 1


@pytest.mark.django_db
def test_attached_article_is_never_overwritten_by_a_changed_export(guide, tmp_path):
    run_import("--attach-to-existing")
    changed = tmp_path / "changed.xml"
    changed.write_text(FIXTURE.read_text().replace("Ketamine infusion therapy has become", "Ketamine has become"))
    out = StringIO()
    call_command("import_wordpress", str(changed), "--attach-to-existing", stdout=out)
    assert Article.objects.get(slug=GUIDE_SLUG).introduction == guide.introduction
    assert "changed in the export, but attached to a page here: its content is kept" in out.getvalue()


@pytest.mark.django_db
def test_pages_seen_before_the_import_show_it_the_moment_it_ends(client):
    assert "Ketamine for CRPS" not in client.get("/").content.decode()
    run_import()
    home = client.get("/").content.decode()
    assert "Ketamine for CRPS: What the Studies Say" in home
    assert "About this site" in home  # the footer lists the published site pages


@pytest.mark.django_db
def test_comments_app_is_asked_for_each_item_s_comments():
    assert [import_string(path) for path in ITEM_COMMENT_IMPORTERS] == [import_item_comments]


def test_comments_of_each_item_go_to_its_article_the_existing_one_when_attached(guide, monkeypatch):
    calls = []

    def record(item, article, *, source, user_map, report, dry_run, authors, staff_replies):
        calls.append((item.findtext("title"), article, source, user_map, dry_run))
        assert authors == {1: "admin"}  # the channel's <wp:author>s, id -> login

    monkeypatch.setattr("articles.wordpress_import.ITEM_COMMENT_IMPORTERS", ["tests.record"])
    monkeypatch.setattr("articles.wordpress_import.import_string", {"tests.record": record}.get)
    editor = User.objects.create_user("ed", is_staff=True)
    run_import("--attach-to-existing", "--map-user", "admin=ed")
    by_title = {title: (article, source, user_map) for title, article, source, user_map, _ in calls}
    assert len(calls) == 7
    assert by_title["What Is Ketamine Infusion Used For"] == (guide, "http://127.0.0.1:8081", {"admin": editor})
    assert by_title["Sample Page"][0] is None  # comments on a page are the comments slice's to report


@pytest.mark.django_db
def test_map_user_refuses_an_account_that_is_not_staff():
    User.objects.create_user("reader")
    with pytest.raises(CommandError, match="--map-user admin=reader"):
        run_import("--map-user", "admin=reader")
    assert written_rows() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_progress_counter_only_on_a_terminal(monkeypatch):
    assert "Importing item" not in run_import("--dry-run")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert "Importing item 7 of 7" in run_import("--dry-run")


@pytest.mark.django_db
def test_export_naming_its_site_in_other_case_is_the_same_site(tmp_path):
    run_import()
    before = written_rows()
    shouted = tmp_path / "shouted.xml"
    shouted.write_text(
        FIXTURE.read_text().replace(
            "<wp:base_site_url>http://127.0.0.1:8081</wp:base_site_url>",
            "<wp:base_site_url>HTTP://127.0.0.1:8081/</wp:base_site_url>",
        )
    )
    call_command("import_wordpress", str(shouted), stdout=StringIO())
    assert written_rows() == before


@pytest.mark.django_db
def test_dry_run_leaves_the_kept_pages_version_alone():
    """A dry run saves rows it then rolls back: the cache bump their saves made must not retire every kept page."""
    from django.core.cache import cache

    from articles.page_cache import CONTENT_VERSION_KEY, page_versions

    before = page_versions(0)[0]
    run_import("--dry-run")
    assert cache.get(CONTENT_VERSION_KEY) == before
