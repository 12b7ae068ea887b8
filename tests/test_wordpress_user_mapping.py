"""`import_wordpress --map-user WPNAME=DJANGOUSER`: a registered WordPress user's comments become staff
replies of a staff account, WPNAME being the WordPress login (as WordPress's Users screen shows it)."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from articles.models import Article
from comments.models import Comment
from tests.wordpress_export import FIXTURE, export, item

ADMIN_COMMENT = 214  # the fixture's comment by the admin: user id 1, e-mail admin@example.org (profile: .com)


def run_import(*args, path=FIXTURE) -> str:
    out = StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def ed(db):
    return User.objects.create_user("ed", "ed@example.net", first_name="Ed", last_name="Stone", is_staff=True)


def small_export(tmp_path, *, authors: str, comment_author: str, user_id: int):
    """One post with one comment by the registered WordPress user `user_id`, and the channel's `authors`."""
    comment = f"""<wp:comment><wp:comment_id>9</wp:comment_id>
<wp:comment_author><![CDATA[{comment_author}]]></wp:comment_author>
<wp:comment_author_email>someone@example.org</wp:comment_author_email>
<wp:comment_date_gmt>2026-10-02 10:00:00</wp:comment_date_gmt><wp:comment_content>Ask your doctor.</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>
<wp:comment_parent>0</wp:comment_parent><wp:comment_user_id>{user_id}</wp:comment_user_id></wp:comment>"""
    xml = export(authors + item(5, "a-post").replace("</item>", comment + "</item>"))
    path = tmp_path / "export.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def author(author_id: int, login: str, display_name: str) -> str:
    return (
        f"<wp:author><wp:author_id>{author_id}</wp:author_id><wp:author_login>{login}</wp:author_login>"
        f"<wp:author_email>{login}@example.com</wp:author_email>"
        f"<wp:author_display_name><![CDATA[{display_name}]]></wp:author_display_name></wp:author>\n"
    )


@pytest.mark.django_db
def test_the_admins_comment_becomes_a_staff_reply_of_the_mapped_account(ed):
    summary = run_import("--map-user", "admin=ed")
    reply = Comment.objects.get(imported_id=ADMIN_COMMENT)
    assert reply.is_staff_reply and reply.user == ed
    assert reply.name == "Ed Stone"
    assert "--map-user admin=ed: 1 comment is a staff reply" in summary
    assert Comment.objects.filter(is_staff_reply=True).count() == 1  # visitors' comments stay theirs


@pytest.mark.django_db
def test_without_a_mapping_the_admins_comment_stays_a_plain_comment(ed):
    summary = run_import()
    comment = Comment.objects.get(imported_id=ADMIN_COMMENT)
    assert not comment.is_staff_reply and comment.user is None and comment.name == "admin"
    assert "--map-user" not in summary


@pytest.mark.django_db
def test_the_login_maps_even_where_the_comment_shows_another_name(tmp_path, ed):
    path = small_export(tmp_path, authors=author(2, "dana", "Dana Reyes"), comment_author="Dana Reyes", user_id=2)
    run_import("--map-user", "dana=ed", path=path)
    assert Comment.objects.get(imported_id=9).user == ed


@pytest.mark.django_db
def test_a_login_not_in_the_export_is_refused_with_the_logins_it_has_and_nothing_written(ed):
    with pytest.raises(CommandError, match=r"--map-user admni: no such WordPress login .*its logins: admin"):
        run_import("--map-user", "admni=ed")
    assert not Article.objects.exists() and not Comment.objects.exists()


@pytest.mark.django_db
def test_a_display_name_of_a_listed_user_is_not_its_login(tmp_path, ed):
    path = small_export(tmp_path, authors=author(2, "dana", "Dana Reyes"), comment_author="Dana Reyes", user_id=2)
    with pytest.raises(CommandError, match="--map-user Dana Reyes: no such WordPress login"):
        run_import("--map-user", "Dana Reyes=ed", path=path)


@pytest.mark.django_db
def test_a_user_missing_from_the_author_list_is_found_by_the_name_they_commented_under(tmp_path, ed):
    # WordPress lists only users who wrote posts: this one only commented.
    path = small_export(tmp_path, authors=author(1, "admin", "admin"), comment_author="dana", user_id=7)
    summary = run_import("--map-user", "dana=ed", path=path)
    reply = Comment.objects.get(imported_id=9)
    assert reply.is_staff_reply and reply.user == ed
    assert "--map-user dana=ed: 1 comment is a staff reply" in summary


@pytest.mark.django_db
def test_a_visitor_with_the_mapped_name_stays_a_visitor(tmp_path, ed):
    path = small_export(tmp_path, authors="", comment_author="dana", user_id=0)
    with pytest.raises(CommandError, match="--map-user dana: no such WordPress login"):
        run_import("--map-user", "dana=ed", path=path)


@pytest.mark.django_db
def test_the_same_login_given_twice_is_refused(ed):
    User.objects.create_user("flo", is_staff=True)
    with pytest.raises(CommandError, match="admin is already mapped"):
        run_import("--map-user", "admin=ed", "--map-user", "admin=flo")
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_an_inactive_staff_account_is_refused(ed):
    ed.is_active = False
    ed.save()
    with pytest.raises(CommandError, match="--map-user admin=ed: the account “ed” is inactive"):
        run_import("--map-user", "admin=ed")


@pytest.mark.django_db
def test_running_it_again_with_the_mapping_changes_nothing(ed):
    run_import("--map-user", "admin=ed")
    before = list(Comment.objects.order_by("pk").values_list("pk", "is_staff_reply", "user", "name", "body"))
    again = run_import("--map-user", "admin=ed")
    assert list(Comment.objects.order_by("pk").values_list("pk", "is_staff_reply", "user", "name", "body")) == before
    assert "Created: 0" in again and "Updated: 0" in again
    assert "--map-user admin=ed: 1 comment is a staff reply" in again


@pytest.mark.django_db
def test_a_dry_run_counts_the_staff_replies_and_writes_nothing(ed):
    summary = run_import("--dry-run", "--map-user", "admin=ed")
    assert "--map-user admin=ed: 1 comment is a staff reply" in summary
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_a_mapping_given_on_a_later_run_makes_the_imported_comment_a_staff_reply(ed):
    run_import()
    later = run_import("--map-user", "admin=ed")
    reply = Comment.objects.get(imported_id=ADMIN_COMMENT)
    assert reply.is_staff_reply and reply.user == ed and reply.name == "Ed Stone"
    assert "Updated: 1" in later and "now a staff reply by ed" in later


@pytest.mark.django_db
def test_a_run_without_the_mapping_says_the_staff_reply_is_a_plain_comment_again(ed):
    run_import("--map-user", "admin=ed")
    later = run_import()
    comment = Comment.objects.get(imported_id=ADMIN_COMMENT)
    assert not comment.is_staff_reply and comment.user is None and comment.name == "admin"
    assert "Updated: 1" in later and "no longer a staff reply: its WordPress user is not mapped" in later


@pytest.mark.django_db
def test_an_unlisted_user_posting_under_a_listed_login_is_not_that_logins_reply(tmp_path, ed):
    # User 7 is not in the author list, but commented as "admin": the admin's login is user 1's, not theirs.
    path = small_export(tmp_path, authors=author(1, "admin", "Site Admin"), comment_author="admin", user_id=7)
    summary = run_import("--map-user", "admin=ed", path=path)
    assert not Comment.objects.get(imported_id=9).is_staff_reply
    assert "--map-user admin=ed: 0 comments are staff replies" in summary
