"""wpautop goes through a long run of spaces (or tabs) once: a post or comment with hundreds of
thousands of them, pasted from somewhere, still becomes one line break. Speed is never timed in a
test (the team's rule); before the fix this input took about 30 s, which a suite run shows."""

from articles.wordpress_autop import wpautop


def test_a_long_run_of_spaces_before_a_line_end_is_one_line_break():
    text = "First line." + " " * 200_000 + "\nSecond line." + "\t" * 100_000 + "end"
    html = wpautop(text)
    assert html == "<p>First line.<br>\nSecond line." + "\t" * 100_000 + "end</p>"
