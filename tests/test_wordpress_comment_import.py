"""The comments of a WordPress export item, imported under an article (comments.wordpress_comments).

The fixture is a real WordPress 6.1.9 export; the article is made here, as the import command
(articles) would make or find it.
"""

import copy
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.test import Client

from comments.models import MAX_DEPTH, Comment
from comments.personal_data import erase
from comments.wordpress_comments import CommentNotImportable, import_item_comments
from tests.conftest import staff_user
from tests.wordpress_export import FIXTURE, GUIDE_POST_ID, SOURCE, Report, export_item

WP = "{http://wordpress.org/export/1.2/}"


def comment_element(item: ET.Element, wp_id: str) -> ET.Element:
    return next(c for c in item.findall(f"{WP}comment") if c.findtext(f"{WP}comment_id") == wp_id)


def set_field(element: ET.Element, name: str, value: str) -> None:
    element.find(f"{WP}{name}").text = value


def run(item, article, *, user_map=None, dry_run=False) -> Report:
    report = Report()
    import_item_comments(item, article, source=SOURCE, user_map=user_map or {}, report=report, dry_run=dry_run)
    return report


@pytest.fixture
def guide_item():
    return export_item(GUIDE_POST_ID)


@pytest.fixture
def article(make_article):
    return make_article(title="What Is Ketamine Infusion Used For", slug="what-is-ketamine-infusion-used-for")


def wp_parents(item) -> dict[int, int]:
    return {
        int(c.findtext(f"{WP}comment_id")): int(c.findtext(f"{WP}comment_parent")) for c in item.findall(f"{WP}comment")
    }


def test_the_guides_comments_arrive_with_their_statuses(guide_item, article):
    report = run(guide_item, article)
    imported = Comment.objects.filter(article=article)
    assert imported.approved().count() == 208  # the admin's comment among them
    assert imported.pending().count() == 1
    assert imported.filter(status=Comment.Status.REMOVED).get().body == "Removed by a moderator."
    assert imported.count() == 210
    assert len(report.of("created")) == 210
    skipped = {(kind, why) for _, kind, _, why in report.of("skipped")}
    why = "pingbacks and trackbacks are not imported: this site shows readers' comments only"
    assert skipped == {("pingback", why), ("trackback", why)}
    assert not imported.filter(website__in=["https://blog.example.net/ketamine-roundup/"]).exists()


def test_a_reply_keeps_its_parent_and_never_nests_past_the_limit(guide_item, article):
    run(guide_item, article)
    by_wp_id = {c.imported_id: c for c in Comment.objects.filter(article=article)}
    parents = wp_parents(guide_item)

    def chain(wp_id):  # the comment's WordPress ancestors, nearest first
        above = []
        while parents[wp_id]:
            wp_id = parents[wp_id]
            above.append(wp_id)
        return above

    deep = 0
    for wp_id, comment in by_wp_id.items():
        ancestors = chain(wp_id)
        assert comment.depth <= MAX_DEPTH
        if not ancestors:
            assert comment.parent is None
        elif len(ancestors) < MAX_DEPTH:
            assert comment.parent.imported_id == ancestors[0]
        else:  # deeper in WordPress: under its deepest ancestor that takes replies here
            deep += 1
            assert comment.parent.imported_id == ancestors[-(MAX_DEPTH - 1)]
            assert comment.depth == MAX_DEPTH
    assert deep == 2  # the export's replies at depths 4 and 5


def test_replies_listed_before_their_parent_still_find_it(guide_item, article):
    comments = guide_item.findall(f"{WP}comment")
    for element in comments:
        guide_item.remove(element)
    for element in reversed(comments):
        guide_item.append(element)
    run(guide_item, article)
    assert Comment.objects.get(imported_id=36).parent.imported_id == 10


def test_a_reply_whose_parent_is_not_in_the_export_is_top_level_and_marked(guide_item, article):
    set_field(comment_element(guide_item, "36"), "comment_parent", "9999")
    run(guide_item, article)
    orphan = Comment.objects.get(imported_id=36)
    assert orphan.parent is None and orphan.depth == 1
    assert orphan.status_reason == "Imported: its parent was not in the export."
    assert orphan.status == Comment.Status.APPROVED


def test_markup_becomes_the_text_a_reader_could_have_typed(guide_item, article):
    run(guide_item, article)
    assert Comment.objects.get(imported_id=212).body_html == (
        "<p>Two things:</p>\n"
        "<p><strong>Dosage</strong> matters, and <em>set and setting</em> too.<br>\n"
        '<a href="https://www.nimh.nih.gov/" rel="nofollow ugc noopener">NIMH</a> has more.</p>\n'
        "<blockquote>\n<p>Quick action</p>\n</blockquote>\n"
        "<p>Thanks 🙏 — très utile, спасибо, 谢谢.</p>"
    )
    assert Comment.objects.get(imported_id=213).body_html == (
        "<p>Line one<br>\nLine two</p>\n<p>A new paragraph with &amp; an ampersand and &lt;angle brackets&gt;.</p>"
    )


def test_every_comment_with_markup_shows_only_the_comment_tags(guide_item, article):
    run(guide_item, article)
    with_markup = [
        int(c.findtext(f"{WP}comment_id"))
        for c in guide_item.findall(f"{WP}comment")
        if "<" in c.findtext(f"{WP}comment_content") and c.findtext(f"{WP}comment_type") == "comment"
    ]
    assert len(with_markup) > 20
    for comment in Comment.objects.filter(imported_id__in=with_markup):
        assert "&lt;a" not in comment.body_html  # a link a reader could type stays a link
        assert comment.body_html.count("<a ") == comment.body_html.count('rel="nofollow ugc noopener"') >= 1
        assert comment.html  # the stored fragment is made


def test_markup_a_reader_could_not_type_is_dropped_to_its_text_and_reported(guide_item, article):
    element = comment_element(guide_item, "213")
    set_field(element, "comment_content", '<h2>Big</h2><img src="x.png"> <span>kept</span><script>alert(1)</script>')
    report = run(guide_item, article)
    comment = Comment.objects.get(imported_id=213)
    assert comment.body_html == "<p>Big</p>\n<p>kept</p>"  # the heading stood apart on WordPress: its text does here
    dropped = {why for _, _, what, why in report.of("dropped") if "WordPress comment 213" in what}
    assert dropped == {f"<{tag}> is not kept: its text is" for tag in ("h2", "img", "span", "script")}


def test_author_details_this_site_cannot_hold_are_left_out_and_reported(guide_item, article):
    element = comment_element(guide_item, "213")
    set_field(element, "comment_author_url", "https://example.com/" + "a" * 300)
    set_field(element, "comment_author_IP", "unknown")
    report = run(guide_item, article)
    comment = Comment.objects.get(imported_id=213)
    assert comment.website == "" and comment.ip_address is None
    reasons = {why for _, _, what, why in report.of("dropped") if "WordPress comment 213 " in what}
    assert reasons == {"its website was longer than 200 characters", "its IP address 'unknown' is not one"}


def test_an_email_address_longer_than_the_field_is_left_out_and_reported(guide_item, article):
    """PostgreSQL refuses a value longer than the column, stopping the whole import."""
    set_field(comment_element(guide_item, "213"), "comment_author_email", "a" * 250 + "@example.org")
    report = run(guide_item, article)
    assert Comment.objects.get(imported_id=213).email == ""
    assert (
        "dropped",
        "comment",
        "WordPress comment 213 on “What Is Ketamine Infusion Used For”",
        "its email was longer than 254 characters",
    ) in report.lines


def test_a_second_import_changes_nothing(guide_item, article):
    run(guide_item, article)
    before = list(Comment.objects.values_list("id", "status", "body_html", "parent_id", "created_at"))
    report = run(export_item(GUIDE_POST_ID), article)
    assert report.lines == [line for line in report.lines if line[0] == "skipped"]
    assert list(Comment.objects.values_list("id", "status", "body_html", "parent_id", "created_at")) == before


def test_a_changed_status_in_the_export_updates_the_comment_and_says_so(guide_item, article):
    run(guide_item, article)
    set_field(comment_element(guide_item, "207"), "comment_approved", "1")
    report = run(guide_item, article)
    assert Comment.objects.get(imported_id=207).status == Comment.Status.APPROVED
    assert [(kind, why) for _, kind, _, why in report.of("updated")] == [("comment", "status pending -> approved")]
    assert not report.of("created")


def test_a_moderators_decision_here_survives_an_unchanged_export(guide_item, article):
    run(guide_item, article)
    waiting = Comment.objects.get(imported_id=207)
    waiting.status = Comment.Status.APPROVED
    waiting.save(update_fields=["status"])
    report = run(guide_item, article)
    assert Comment.objects.get(imported_id=207).status == Comment.Status.APPROVED
    assert not report.of("updated")


def test_an_erased_comment_stays_erased_when_the_export_changes(guide_item, article):
    run(guide_item, article)
    erase("variety11@example.org")
    set_field(comment_element(guide_item, "212"), "comment_content", "Edited in WordPress since.")
    report = run(guide_item, article)
    comment = Comment.objects.get(imported_id=212)
    assert comment.email == "" and comment.name != "Variety reader 11" and "Edited" not in comment.body
    erased = [why for _, _, what, why in report.of("skipped") if "WordPress comment 212 " in what]
    assert erased == ["its author's data was erased here"]


def test_the_approved_comments_show_on_the_article_page_the_moment_the_import_ends(
    guide_item, article, django_assert_max_num_queries
):
    client = Client()
    run(guide_item, article)
    cache.clear()
    with django_assert_max_num_queries(12):  # the page's budget with 200 comments (test_comment_display)
        page = client.get(article.get_absolute_url()).content.decode()
    assert '<h2 id="comments-heading">208 Comments</h2>' in page
    first = Comment.objects.filter(article=article, parent=None).approved().first()
    assert first.body_html in page
    assert "Still waiting for approval" not in page and "Removed by a moderator" not in page
    assert first.email not in page and first.ip_address not in page  # private, as for new comments


def test_the_shared_page_kept_before_the_import_is_retired(guide_item, article):
    client = Client()
    assert '<h2 id="comments-heading">Comments</h2>' in client.get(article.get_absolute_url()).content.decode()
    run(guide_item, article)
    assert '<h2 id="comments-heading">208 Comments</h2>' in client.get(article.get_absolute_url()).content.decode()


def test_a_mapped_wordpress_user_becomes_a_staff_reply(guide_item, article):
    editor = staff_user("editor-on-wordpress", [])
    editor.first_name, editor.last_name = "Dana", "Reyes"
    editor.save()
    run(guide_item, article, user_map={"admin": editor})
    reply = Comment.objects.get(imported_id=214)
    assert reply.is_staff_reply and reply.user == editor
    assert reply.name == "Dana Reyes"  # never the WordPress login


def test_an_unmapped_wordpress_user_is_a_plain_comment(guide_item, article):
    run(guide_item, article)
    comment = Comment.objects.get(imported_id=214)
    assert not comment.is_staff_reply and comment.user is None and comment.name == "admin"


def test_importing_sends_no_mail(guide_item, article, moderator, smtp_inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run(guide_item, article)
    assert smtp_inbox.messages == []


def test_a_dry_run_writes_nothing_and_says_what_it_would_do(guide_item, article):
    report = run(guide_item, article, dry_run=True)
    assert len(report.of("created")) == 210
    assert not Comment.objects.exists()


def test_comments_on_a_page_are_reported_as_skipped(guide_item, db):
    report = run(guide_item, None)
    assert {why for *_, why in report.lines} == {"comments on a page are not imported: site pages have no comments"}
    assert not Comment.objects.exists()


def test_a_comment_too_long_to_show_stops_the_import_naming_it(guide_item, article):
    set_field(comment_element(guide_item, "213"), "comment_content", "word." * 12_000)
    with pytest.raises(CommentNotImportable, match=r"WordPress comment 213 .* 60,000 characters long"):
        run(guide_item, article)
    assert not Comment.objects.exists()


def test_a_comment_longer_than_the_form_allows_is_kept_whole(guide_item, article):
    text = "A long story. " * 700
    set_field(comment_element(guide_item, "213"), "comment_content", text)
    run(guide_item, article)
    assert Comment.objects.get(imported_id=213).body == text.strip()


def test_a_comment_without_a_gmt_date_is_dated_in_the_sites_zone(guide_item, article, settings):
    settings.TIME_ZONE = "America/New_York"
    element = comment_element(guide_item, "213")
    set_field(element, "comment_date_gmt", "0000-00-00 00:00:00")
    set_field(element, "comment_date", "2026-10-20 16:00:00")
    run(guide_item, article)
    posted = Comment.objects.get(imported_id=213).created_at
    assert posted == datetime(2026, 10, 20, 20, 0, tzinfo=UTC)  # 16:00 in New York (EDT)


@pytest.mark.parametrize("date", ["2026-13-45 99:00:00", "yesterday"])
def test_an_invalid_date_stops_the_import_naming_the_comment(guide_item, article, date):
    set_field(comment_element(guide_item, "213"), "comment_date_gmt", date)
    with pytest.raises(CommentNotImportable, match=r"WordPress comment 213 .* no valid date"):
        run(guide_item, article)
    assert not Comment.objects.exists()


def test_a_duplicate_comment_id_stops_the_import(guide_item, article):
    guide_item.append(copy.deepcopy(comment_element(guide_item, "213")))
    with pytest.raises(CommentNotImportable, match="WordPress comment 213 appears twice"):
        run(guide_item, article)


def test_an_unknown_status_is_reported_and_skipped(guide_item, article):
    set_field(comment_element(guide_item, "213"), "comment_approved", "post-trashed")
    report = run(guide_item, article)
    assert not Comment.objects.filter(imported_id=213).exists()
    assert any("“post-trashed” is not one this site knows" in why for *_, why in report.of("skipped"))


def test_the_admin_filters_imported_comments_from_those_posted_here(
    guide_item, article, make_comment, moderator_client
):
    make_comment(article, name="Posted Here Reader")
    run(guide_item, article)
    listing = {"status": "all", "q": "Reader"}
    page = moderator_client.get("/admin/comments/comment/", listing | {"origin": "imported"}).content.decode()
    assert "Variety reader 11" in page and "Posted Here Reader" not in page
    assert f"Imported from {SOURCE}" in page
    here = moderator_client.get("/admin/comments/comment/", listing | {"origin": "here"}).content.decode()
    assert "Posted Here Reader" in here and "Variety reader 11" not in here
    reply = Comment.objects.get(imported_id=213)
    change_page = moderator_client.get(f"/admin/comments/comment/{reply.pk}/change/").content.decode()
    assert SOURCE in change_page and "WordPress comment id" in change_page


def test_every_post_of_the_export_brings_its_own_comments(make_article):
    root = ET.parse(FIXTURE).getroot()
    for number, item in enumerate(root.iter("item")):
        if item.findtext(f"{WP}post_type") == "post":
            run(item, make_article(title=item.findtext("title"), slug=f"post-{number}"))
    counts = {title: Comment.objects.filter(article__title=title).count() for title in ["Hello world!"]}
    assert counts == {"Hello world!": 1}
    crps = Comment.objects.filter(article__title="Ketamine for CRPS: What the Studies Say")
    assert [c.depth for c in crps] == [1, 2]
    assert Comment.objects.count() == 1 + 210 + 2


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        (
            '<a href="https://example.org/x) [more](https://evil.example/">docs</a>',
            '<p><a href="https://example.org/x%29%20[more]%28https://evil.example/" rel="nofollow ugc noopener">'
            "docs</a></p>",
        ),
        (
            '<a href="https://en.wikipedia.org/wiki/Ketamine_(drug)">wiki</a>',
            '<p><a href="https://en.wikipedia.org/wiki/Ketamine_%28drug%29" rel="nofollow ugc noopener">wiki</a></p>',
        ),
    ],
)
def test_a_links_address_stays_one_address(html, shown):
    """A space or a parenthesis in an href must not end the Markdown link and make text or a link of its own."""
    from articles.markdown import render_comment_markdown
    from comments.wordpress_comments import comment_markdown

    assert render_comment_markdown(comment_markdown(html, dropped=set())) == shown
