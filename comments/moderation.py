"""The moderation policy: given a valid submission, decide pending, approved or spam, and why.

One function, `decide()`, holds every rule, in the order a moderator would apply them:
crisis language on a mental-health article first (held, whatever the rest say: a person who
may be in danger must reach a person, never the spam folder nor an unread page), then
disallowed words (spam), then the reasons to hold a comment (links, moderation
words), then the one reason to publish at once (a known author, when the site owner
turned that on). Everything else waits for a moderator.
"""

import ipaddress
import re
from dataclasses import dataclass
from functools import cached_property
from html import unescape

from django.utils.html import strip_tags
from django.utils.text import Truncator

from articles.article_body import shows_crisis_help
from articles.markdown import render_comment_markdown

from .crisis import crisis_phrase_in
from .models import Comment, DiscussionSettings

ANCHOR = re.compile(r"<a [^>]*>.*?</a>", re.DOTALL)
BARE_ADDRESS = re.compile(r"https?://|www\.", re.IGNORECASE)
CRISIS_PHRASE_SHOWN = Comment._meta.get_field("crisis_phrase").max_length


@dataclass(frozen=True)
class Submission:
    name: str
    email: str
    website: str
    body: str
    ip_address: str | None = None

    @cached_property
    def html(self) -> str:
        """The text as readers will see it, rendered once: the rules read it, and the poster stores it."""
        return render_comment_markdown(self.body)


@dataclass(frozen=True)
class Decision:
    status: str
    reason: str
    crisis_phrase: str = ""  # the crisis phrase that held it, as the editors wrote it


def decide(submission: Submission, *, rules: DiscussionSettings, article) -> Decision:
    """`article`: the one commented on; its topic says whether crisis language is looked for."""
    html = submission.html
    if shows_crisis_help(article):  # a mental-health topic: the same rule as the help box at the article's top
        phrases = DiscussionSettings.entries(rules.crisis_phrases)
        exceptions = DiscussionSettings.entries(rules.crisis_exceptions)
        if phrase := crisis_phrase_in(html, article=article, phrases=phrases, exceptions=exceptions):
            phrase = Truncator(phrase).chars(CRISIS_PHRASE_SHOWN)
            return Decision(Comment.Status.PENDING, f"Possible crisis: “{phrase}”.", crisis_phrase=phrase)

    # The word lists are matched against what was typed and against what readers will see:
    # "&#115;pam" or "sp**am**" is typed differently from "spam" but reads the same once shown.
    searchable = "\n".join(
        [submission.name, submission.email, submission.website, submission.body, _visible_text(html)]
    ).lower()

    if word := _first_entry_in(rules.disallowed_words, searchable, submission.ip_address):
        return Decision(Comment.Status.SPAM, f"Contains “{word}” from the spam list.")

    links = _count_links(html)
    if rules.link_limit and links >= rules.link_limit:
        return Decision(Comment.Status.PENDING, f"Has {links} links (the limit is {rules.link_limit}).")

    if word := _first_entry_in(rules.moderation_words, searchable, submission.ip_address):
        return Decision(Comment.Status.PENDING, f"Contains “{word}” from the moderation list.")

    if rules.auto_approve_known_authors and _is_known_author(submission.name, submission.email):
        return Decision(Comment.Status.APPROVED, "The author has an approved comment.")

    return Decision(Comment.Status.PENDING, "Waiting for a moderator.")


def _count_links(html: str) -> int:
    """Links in the rendered comment, whatever their Markdown form ([a](//x), <https://x>), plus
    addresses written out bare."""
    bare_text = ANCHOR.sub("", html)
    return html.count("<a ") + len(BARE_ADDRESS.findall(bare_text))


def _visible_text(html: str) -> str:
    """The rendered comment as a reader sees it: tags gone, entities decoded."""
    return unescape(strip_tags(html))


def _first_entry_in(entries: str, text: str, ip_address: str | None) -> str | None:
    """The first entry found: an IP address entry must equal the client's (10.0.0.1 is not 10.0.0.12);
    any other entry matches anywhere in the name, email, website or text."""
    for entry in DiscussionSettings.entries(entries):
        if _is_ip_address(entry):
            if entry == (ip_address or "").lower():
                return entry
        elif entry in text:
            return entry
    return None


def _is_ip_address(entry: str) -> bool:
    try:
        ipaddress.ip_address(entry)
    except ValueError:
        return False
    return True


def _is_known_author(name: str, email: str) -> bool:
    """Name and email together, as WordPress does: an email alone is easy to borrow."""
    return Comment.objects.approved().filter(name__iexact=name, email__iexact=email, is_staff_reply=False).exists()
