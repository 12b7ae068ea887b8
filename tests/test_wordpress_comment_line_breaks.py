"""An imported WordPress comment keeps its paragraphs and single line breaks as readers saw them there
(WordPress shows comment text through wpautop), and gains none they did not see."""

import pytest

from articles.markdown import render_comment_markdown
from comments.models import Comment
from comments.wordpress_comments import comment_markdown, import_item_comments
from tests.wordpress_export import SOURCE, Report, export_item


def shown(html: str) -> str:
    """The comment's text as this site shows it: converted, then the comment renderer."""
    return render_comment_markdown(comment_markdown(html, dropped=set()))


@pytest.mark.django_db
def test_the_fixtures_multi_paragraph_comments_keep_their_paragraphs_and_line_breaks(guide):
    import_item_comments(export_item("4"), guide, source=SOURCE, user_map={}, report=Report(), dry_run=False)
    assert Comment.objects.get(imported_id=213).body_html == (
        "<p>Line one<br>\nLine two</p>\n<p>A new paragraph with &amp; an ampersand and &lt;angle brackets&gt;.</p>"
    )
    two_things = Comment.objects.get(imported_id=212).body_html
    assert two_things.startswith("<p>Two things:</p>\n<p><strong>Dosage</strong> matters")
    assert "too.<br>\n<a" in two_things


def test_a_br_written_before_a_line_end_is_one_line_break_not_a_new_paragraph():
    assert shown("First line<br>\nsecond line") == "<p>First line<br>\nsecond line</p>"


def test_a_quote_on_lines_of_its_own_has_no_empty_line_break():
    assert shown("<blockquote>\nWhat they said\n</blockquote>\nMy answer.") == (
        "<blockquote>\n<p>What they said</p>\n</blockquote>\n<p>My answer.</p>"
    )


def test_a_list_written_one_item_a_line_stays_a_tight_list():
    assert shown("Steps:\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>") == (
        "<p>Steps:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
    )


def test_windows_line_ends_are_a_line_break_and_a_paragraph_as_on_wordpress():
    assert shown("One\r\ntwo\r\n\r\nThree") == "<p>One<br>\ntwo</p>\n<p>Three</p>"
