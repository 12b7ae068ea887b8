"""articles.wordpress_autop: classic-editor HTML gets its paragraphs as WordPress's wpautop() gives them."""

from articles.wordpress_autop import has_blocks, wpautop


def test_blank_text_stays_empty():
    assert wpautop("  \n\n ") == ""


def test_text_runs_separated_by_blank_lines_are_paragraphs():
    assert wpautop("One.\n\nTwo.\n\n\n\nThree.") == "<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>"


def test_a_single_line_break_inside_a_paragraph_is_a_br():
    assert wpautop("Line one\nline two") == "<p>Line one<br>\nline two</p>"


def test_windows_line_ends_count_as_line_ends():
    assert wpautop("One\r\n\r\nTwo\r\nthree") == "<p>One</p>\n<p>Two<br>\nthree</p>"


def test_a_br_the_author_wrote_before_a_line_break_is_not_doubled():
    assert wpautop("one<br />\ntwo") == "<p>one<br />\ntwo</p>"


def test_two_brs_in_a_row_are_a_paragraph_break():
    assert wpautop("one<br><br>two") == "<p>one</p>\n<p>two</p>"


def test_block_elements_stand_alone_and_are_not_wrapped():
    html = "Intro\n<h2>Heading</h2>\n<ul>\n<li>one</li>\n<li>two\nlines</li>\n</ul>\n<hr>\nEnd"
    assert wpautop(html) == (
        "<p>Intro</p>\n<h2>Heading</h2>\n<ul>\n<li>one</li>\n<li>two<br>\nlines</li>\n</ul>\n<hr>\n<p>End</p>"
    )


def test_existing_paragraphs_are_left_as_they_are():
    assert wpautop("<p>Already a paragraph.</p>\n\n<p>And another.</p>") == (
        "<p>Already a paragraph.</p>\n<p>And another.</p>"
    )


def test_paragraphs_inside_a_quote_are_paragraphs_inside_it():
    assert wpautop("<blockquote>Said once.\n\nSaid twice.</blockquote>") == (
        "<blockquote><p>Said once.</p>\n<p>Said twice.</p></blockquote>"
    )


def test_what_is_inside_pre_is_never_touched():
    code = "<pre>def f():\n\n    return 1\n</pre>"
    assert wpautop(f"Before\n{code}\nAfter") == f"<p>Before</p>\n{code}\n<p>After</p>"


def test_a_line_break_inside_a_tag_is_not_a_br():
    html = '<a\nhref="https://example.org/">a link</a> in text'
    assert wpautop(html) == f"<p>{html}</p>"


def test_content_with_block_comments_is_the_block_editors():
    assert has_blocks("<!-- wp:paragraph -->\n<p>Hi</p>\n<!-- /wp:paragraph -->")
    assert not has_blocks("Hi\n\nthere")


def test_unclosed_pre_and_comment_and_stray_control_characters_are_taken_without_error():
    assert wpautop("One\n\n<pre>never closed") == "<p>One</p>\n<pre><p>never closed</p>"
    comment = "Text <!-- never closed\n\nstill the comment"
    assert wpautop(comment) == f"<p>{comment}</p>"
    assert wpautop("a\x000\x00b") == "<p>a0b</p>"
