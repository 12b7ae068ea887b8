"""The one Markdown pipeline: editors' Markdown becomes HTML with nothing executable left."""

import pytest

from articles.markdown import render_article_markdown, render_comment_markdown


def test_markdown_becomes_html():
    html = render_article_markdown("Some **bold** text\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert "<ul>" in html
    assert html.count("<li>") == 2


def test_nested_lists_of_the_guide_are_kept():
    html = render_article_markdown(
        "- **Benefits:**\n    - Rapid mood enhancement.\n    - Effective.\n- **Risks:**\n    - Dizziness."
    )
    assert html.count("<ul>") == 3


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src="x.png" onerror="alert(1)">',
        '<a href="#" onclick="alert(1)">x</a>',
        '<svg onload="alert(1)"></svg>',
        '<iframe src="https://evil.example"></iframe>',
        "<style>body{display:none}</style>",
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_scripts_and_event_handlers_are_stripped(markdown):
    html = render_article_markdown(markdown).lower()
    for dangerous in ("<script", "onerror", "onclick", "onload", "<iframe", "<style", "style=", "alert(1)</"):
        assert dangerous not in html


@pytest.mark.parametrize(
    "markdown",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">click</a>',
        "![x](javascript:alert(1))",
    ],
)
def test_dangerous_link_schemes_are_removed(markdown):
    html = render_article_markdown(markdown).lower()
    assert "javascript:" not in html
    assert "data:" not in html


def test_safe_links_keep_their_address_and_get_noopener():
    html = render_article_markdown("[Mayo Clinic](https://www.mayoclinic.org/) and [FAQ](#faq)")
    assert 'href="https://www.mayoclinic.org/"' in html
    assert 'href="#faq"' in html
    assert 'rel="noopener noreferrer"' in html


def test_images_and_tables_are_allowed_in_articles():
    html = render_article_markdown("![A chart](/media/uploads/a.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert '<img alt="A chart" src="/media/uploads/a.png">' in html or 'src="/media/uploads/a.png"' in html
    assert "<table>" in html


def test_page_level_headings_are_not_allowed_in_bodies():
    html = render_article_markdown("# Big\n\n## Also big\n\n### Fine")
    assert "<h1" not in html
    assert "<h2" not in html
    assert "<h3>Fine</h3>" in html


def test_empty_text_gives_empty_html():
    assert render_article_markdown("") == ""


def test_a_comment_s_link_definitions_never_reach_the_next_comment():
    # One Markdown instance serves many comments: what one defines must not resolve in another.
    render_comment_markdown("[doctor]: https://evil.example/pills")

    assert "evil.example" not in render_comment_markdown("Ask your [doctor] first.")
