"""Operations: one-line logs without personal data, and a backup that restores everything."""

import io
import json
import logging
import sys

from django.core.management import call_command
from django.test import Client, RequestFactory

from articles.models import Article
from comments.models import Comment
from infusion_site.log_format import OneLineFormatter


def formatted(record_factory) -> str:
    return OneLineFormatter().format(record_factory())


def test_a_log_record_is_one_line_with_the_request_path():
    request = RequestFactory().get("/articles/x/?unapproved=secret-token&q=private")

    def record():
        try:
            raise ValueError("boom\nsecond line")
        except ValueError:
            entry = logging.LogRecord(
                "django.request", logging.ERROR, __file__, 1, "Server error", None, sys.exc_info()
            )
        entry.request = request
        entry.status_code = 500
        return entry

    line = formatted(record)
    assert "\n" not in line
    assert 'path="/articles/x/"' in line and "status=500" in line and 'level="ERROR"' in line
    assert "secret-token" not in line and "private" not in line


def test_a_server_error_is_logged_with_its_path_and_no_personal_data(guide, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database exploded")

    monkeypatch.setattr("articles.views.render_frame", broken)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        Client(raise_request_exception=False).get(guide.get_absolute_url(), {"unapproved": "token"})
    line = OneLineFormatter().format(caplog.records[-1])
    assert f'path="{guide.get_absolute_url()}"' in line
    assert "database exploded" in line
    assert "token" not in line.split("error=")[0]


def test_a_comment_posted_is_not_logged_with_its_email_or_text(guide, caplog):
    from tests.conftest import comment_form_data

    with caplog.at_level(logging.DEBUG):
        Client().post(f"/articles/{guide.slug}/comments/", comment_form_data(guide, body="Very private words."))
    logged = " ".join(OneLineFormatter().format(record) for record in caplog.records)
    assert "ann@example.com" not in logged and "Very private words." not in logged


def test_dumpdata_and_loaddata_restore_content_and_comments(guide, make_comment, tmp_path):
    make_comment(guide, body="Kept in the backup.")
    backup = tmp_path / "backup.json"
    out = io.StringIO()
    call_command("dumpdata", "articles", "comments", "sites", "--natural-foreign", "--indent", "0", stdout=out)
    backup.write_text(out.getvalue(), encoding="utf-8")
    sections_before = list(guide.sections.values_list("heading", "body_html"))

    Comment.objects.all().delete()
    Article.objects.all().delete()
    call_command("loaddata", str(backup), stdout=io.StringIO())

    restored = Article.objects.get(slug=guide.slug)
    assert list(restored.sections.values_list("heading", "body_html")) == sections_before
    assert Comment.objects.get().body == "Kept in the backup."
    assert json.loads(backup.read_text())  # a readable JSON file


def test_a_refused_request_to_a_signed_link_logs_no_token_with_the_address_in_it(guide, make_comment, caplog):
    """The unsubscribe and "Your comments" links sign the address; a signature hides nothing (base64,
    perhaps zlib), so the log keeps their paths without the token."""
    import base64
    import zlib

    from comments import personal_data, reader_mail

    comment = make_comment(guide, email="private.reader@example.com")
    unsubscribe_path = reader_mail.unsubscribe_url(comment).removeprefix("http://testserver")
    copy_path = personal_data.link_for("private.reader@example.com", "copy").removeprefix("http://testserver")
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert Client().post(unsubscribe_path, {"action": "nonsense"}).status_code == 400
        assert Client().post(copy_path[:-3] + "xx/").status_code == 400
    logged = " ".join(OneLineFormatter().format(record) for record in caplog.records)
    assert len(caplog.records) == 2
    for path in (unsubscribe_path, copy_path):
        token = path.rstrip("/").rsplit("/", 1)[1]
        payload = token.split(":")[0]
        assert payload not in logged and payload.lstrip(".")[:20] not in logged
        raw = base64.urlsafe_b64decode(payload.lstrip(".") + "==")
        assert b"private.reader" in (zlib.decompress(raw) if payload.startswith(".") else raw)  # what it would leak
    assert 'path="/mail/unsubscribe/…/"' in logged and 'path="/your-comments/copy/…/"' in logged
