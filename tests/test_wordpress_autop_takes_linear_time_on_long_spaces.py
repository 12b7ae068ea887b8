"""wpautop goes through a long run of spaces (or tabs) once: a post or comment with thousands of them,
pasted from somewhere, is imported in moments, not in minutes."""

import time

from articles.wordpress_autop import wpautop


def test_a_long_run_of_spaces_takes_moments():
    text = "First line." + " " * 200_000 + "\nSecond line." + "\t" * 100_000 + "end"
    started = time.monotonic()
    html = wpautop(text)
    assert time.monotonic() - started < 3  # minutes before: each space scanned the rest of the run
    assert html.startswith("<p>First line.<br>\nSecond line.")
