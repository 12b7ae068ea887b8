"""Markdown nested or bracketed beyond what renders safely is refused with a message, by every writer.

A kilobyte of "- - - ..." used to overflow Python's stack (a 500, the text lost) and 12,000 "["
kept a worker busy for seconds. articles/markdown.py refuses such text before parsing it.
"""

import inspect
import io
import sys

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles import guide_loader
from articles.markdown import MAX_NESTING, MarkdownRefused, render_article_markdown, render_comment_markdown
from articles.models import Article
from comments.models import Comment
from tests.admin_forms import ADD, article_form
from tests.conftest import comment_form_data

DEEP_LIST = "- " * 480 + "a"  # under 1 KB; a RecursionError in Markdown before the limit
DEEP_INDENT = "\n".join("    " * level + "- item" for level in range(60))
DEEP_QUOTE = "> " * 480 + "a"
BRACKETS = "[" * 12_000
# Each took seconds before the limits (up to 20 s), and stays under 50,000 characters.
SLOW_TO_RENDER = {
    "brackets": BRACKETS,
    "brackets before a long paragraph": "[a " * 200 + "word " * 9_000,
    "link addresses left open": "[a](" * 2000,
    "angle brackets left open": "<http://x " * 2000,
    "rules in one paragraph": "-\n" * 20_000,
    "headings in one paragraph": "# a\n" * 12_000,
    "abbreviations": "*[A]: x\n" * 6_000,
    "backticks": "`` `" * 12_000,
    "definition lists": "!: \n: : \n: !: !" * 3_000,
}
PREVIEW = "/editor/markdownify/"


@pytest.mark.parametrize("text", [DEEP_LIST, DEEP_INDENT, DEEP_QUOTE])
@pytest.mark.parametrize("render", [render_article_markdown, render_comment_markdown])
def test_deeply_nested_markdown_is_refused_with_a_reason(render, text):
    with pytest.raises(MarkdownRefused, match="levels deep; the limit is 16"):
        render(text)


@pytest.mark.parametrize("text", SLOW_TO_RENDER.values(), ids=SLOW_TO_RENDER.keys())
@pytest.mark.parametrize("render", [render_article_markdown, render_comment_markdown])
def test_markdown_built_to_be_slow_is_refused_with_a_reason(render, text):
    with pytest.raises(MarkdownRefused, match="would take too long to show"):
        render(text)


def test_markdown_longer_than_50000_characters_is_refused_with_a_reason():
    with pytest.raises(MarkdownRefused, match=r"the limit is 50,000\. Split it into sections"):
        render_article_markdown("A long sentence. " * 3000)


def test_a_long_article_section_is_accepted():
    paragraph = (
        "Ketamine (an *NMDA receptor* antagonist) is given as an infusion; see [the review](https://example.org/r) "
        "and `dose < 0.5 mg/kg` [^1]. Patients report relief within hours <https://example.org/study>.\n\n"
    )
    section = "### Part\n\n" + paragraph * 100 + "| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n\n[^1]: A note."
    assert 40_000 > len(section) > 15_000
    assert render_article_markdown(section).count("<a ") >= 200


def test_text_at_the_limits_renders_even_on_a_short_stack():
    """The limits leave room: text at them renders with only 150 frames to spare."""
    nested = (
        "\n".join("    " * level + "- item" for level in range(MAX_NESTING // 2)) + "\n\n" + "> - " * (MAX_NESTING // 2)
    )
    links = "\n\n".join(["[unclosed " * 300] * 2)  # 810,000 of the 1,000,000 work allowed
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 150)
    try:
        html = render_article_markdown(nested + "\n\n" + links)
    finally:
        sys.setrecursionlimit(limit)
    assert html.count("<ul>") == MAX_NESTING
    assert "[unclosed" in html


def test_a_long_list_of_links_is_accepted():
    references = "\n".join(
        f"- [Study {number}](https://example.org/{number}) (page {number})" for number in range(1000)
    )
    assert render_article_markdown(references).count("<a ") == 1000


def test_ordinary_nesting_and_indented_code_are_accepted():
    code = "```\n" + "\n".join(" " * (4 * level) + "{" for level in range(12)) + "\n```"
    html = render_article_markdown("- one\n    - two\n        - three\n\n> quoted\n\n" + code)
    assert html.count("<ul>") == 3
    assert "<blockquote>" in html
    assert "<pre><code>" in html


def test_a_deeply_nested_comment_is_400_with_the_text_kept(client, guide):
    response = client.post(f"/articles/{guide.slug}/comments/", comment_form_data(guide, body=DEEP_LIST))
    page = response.content.decode()
    assert response.status_code == 400
    assert f"nested 480 levels deep; the limit is {MAX_NESTING}" in page
    assert DEEP_LIST in page
    assert not Comment.objects.exists()


def test_a_comment_nesting_lists_inside_a_code_fence_is_400_not_500(client, guide):
    """Comments have no fenced code: what an article would show as code, a comment parses as lists."""
    body = "```\n" + DEEP_LIST + "\n```"
    response = client.post(f"/articles/{guide.slug}/comments/", comment_form_data(guide, body=body))
    assert response.status_code == 400
    assert "levels deep" in response.content.decode()


def test_a_comment_full_of_brackets_is_400_with_the_text_kept(client, guide):
    response = client.post(f"/articles/{guide.slug}/comments/", comment_form_data(guide, body="[" * 5000))
    assert response.status_code == 400
    assert "fewer square brackets" in response.content.decode()
    assert "[" * 5000 in response.content.decode()


@pytest.mark.parametrize("text", [DEEP_LIST, BRACKETS])
def test_the_editor_preview_shows_the_refusal_in_the_preview_pane(editor_client, text):
    response = editor_client.post(PREVIEW, {"content": text})
    assert response.status_code == 400
    assert response.content.decode().startswith('<p class="errornote" role="alert">')
    assert b"nested" in response.content or b"fewer square brackets" in response.content


def test_saving_a_deeply_nested_section_in_the_admin_is_a_form_error_with_nothing_lost(editor_client):
    response = editor_client.post(ADD, article_form(**{"sections-0-body": DEEP_LIST}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "nested 480 levels deep" in page
    assert DEEP_LIST in page  # the editor's text is in the form again
    assert not Article.objects.exists()


def test_a_moderator_cannot_save_a_comment_edited_into_hostile_markdown(client, moderator, guide, make_comment):
    comment = make_comment(guide, body="Fine.")
    client.force_login(moderator)
    change = reverse("admin:comments_comment_change", args=[comment.pk])
    data = {"name": comment.name, "email": comment.email, "website": "", "status": comment.status}
    response = client.post(change, data | {"body": DEEP_LIST, "staff_reply": ""})
    assert response.status_code == 200
    assert "nested 480 levels deep" in response.content.decode()
    response = client.post(change, data | {"body": "Fine.", "staff_reply": BRACKETS})
    assert response.status_code == 200
    assert "fewer square brackets" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Fine."
    assert Comment.objects.count() == 1  # no staff reply was published


def test_load_guide_names_the_file_and_writes_nothing(tmp_path, monkeypatch, db):
    (tmp_path / "deep.yaml").write_text(
        f"article:\n  slug: s\n  title: T\n  summary: S\n  introduction: '{DEEP_LIST}'\n", encoding="utf-8"
    )
    monkeypatch.setattr(guide_loader, "CONTENT_DIR", tmp_path)
    with pytest.raises(CommandError, match="nested 480 levels deep"):
        call_command("load_guide", stdout=io.StringIO())
    assert not Article.objects.exists()


def test_a_body_full_of_brackets_is_refused_before_markdown_spends_seconds_on_it(client, guide):
    response = client.post(f"/articles/{guide.slug}/comments/", comment_form_data(guide, body="[" * 5000))
    assert response.status_code == 400
    assert "fewer square brackets" in response.content.decode()
