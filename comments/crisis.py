"""Crisis language in a comment on a mental-health article: which phrase, if any, a person may be in danger.

Matched on words, not characters, so that the editors' list reads as they wrote it: "kill myself"
is found in "Kill  myself." and "kill-myself", never in "skill myself"; "can't" is found
with a curly apostrophe or none. Two things a reader writes with these words are not theirs to worry about:

- a longer phrase the editors list as not a crisis ("suicide prevention"), which names a field
  of work rather than a person's state; any other crisis phrase in the same comment still counts;
- the article's own words in quotation marks or a > quote: readers discuss what they read. A
  quote is set aside only when it is the article's text, so crisis words merely put in quotation
  marks still count.

Holding a comment that did not need it costs a moderator a minute; missing one may cost more,
so everything else that matches holds.
"""

import re
from html import unescape

from django.utils.html import strip_tags

APOSTROPHES = re.compile(r"['’ʼ‘`´]")
WORD = re.compile(r"[^\W_]+")
# What readers see as a quote: a > block (rendered as <blockquote>) and text in straight or curly double quotes.
BLOCKQUOTE = re.compile(r"<blockquote>(.*?)</blockquote>", re.DOTALL)
QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”")


def words(text: str) -> list[str]:
    """The words of a text, lower case, apostrophes dropped (so "can't" and "cant" are one word)."""
    return WORD.findall(APOSTROPHES.sub("", text).casefold())


def crisis_phrase_in(html: str, *, article, phrases: list[str], exceptions: list[str]) -> str | None:
    """The first of `phrases` (as the editors wrote it) in the comment readers will see (`html`), if any.

    `article` is the article it answers: quotes of its text are set aside.
    """
    text = _without_quotes_of(html, article)
    said = words(text)
    excepted = _covered_by(said, [words(entry) for entry in exceptions])
    for phrase in phrases:
        wanted = words(phrase)
        for start in _occurrences(said, wanted):
            if not set(range(start, start + len(wanted))) <= excepted:
                return phrase
    return None


def _without_quotes_of(html: str, article) -> str:
    """The comment's visible text with every quote of the article's own text taken out."""
    article_words = " " + " ".join(words(f"{article.title}\n{article.search_lead}\n{article.search_body}")) + " "

    def unless_the_articles(match: re.Match) -> str:
        quoted = next(group for group in match.groups() if group is not None)
        quote = " ".join(words(unescape(strip_tags(quoted))))
        return "\n" if quote and f" {quote} " in article_words else match.group(0)

    without_blocks = BLOCKQUOTE.sub(unless_the_articles, html)
    return QUOTED.sub(unless_the_articles, unescape(strip_tags(without_blocks)))


def _occurrences(said: list[str], wanted: list[str]):
    """Where the word sequence `wanted` starts in `said`."""
    if not wanted:
        return
    for start in range(len(said) - len(wanted) + 1):
        if said[start : start + len(wanted)] == wanted:
            yield start


def _covered_by(said: list[str], exceptions: list[list[str]]) -> set[int]:
    """The positions of words that are part of an exception phrase."""
    covered = set()
    for wanted in exceptions:
        for start in _occurrences(said, wanted):
            covered.update(range(start, start + len(wanted)))
    return covered
