"""What readers write under articles, and the rules moderators set for it.

A Comment is never public until its status is approved. Moderators never delete one
by a wrong click: "removed" is a status, and an approve undoes it.
"""

import hashlib
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import apnumber
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Upper
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.formats import get_format
from django.utils.translation import ngettext
from solo.models import SingletonModel

from articles.markdown import render_comment_markdown, validate_renderable_markdown
from articles.models import Article

MAX_DEPTH = 3  # a top-level comment is depth 1; replies nest up to this depth. Read when used, never copied.
BODY_MAX_LENGTH = 5000  # characters
FRAGMENT_TEMPLATE = "comments/comment.html"
# What the stored fragment shows (or is): saving any of these makes the fragment, and its Markdown, again.
# The careful defaults of the crisis lists (DiscussionSettings.crisis_phrases, crisis_exceptions): words a
# person in danger may use of themselves, and the few names of a field of work that contain one.
DEFAULT_CRISIS_PHRASES = """\
kill myself
killing myself
end my life
ending my life
take my own life
suicide
suicidal
no reason to live
self-harm
hurt myself
want to die
better off dead
can't go on anymore
"""
DEFAULT_CRISIS_EXCEPTIONS = """\
suicide prevention
suicide awareness
"""
SHOWN_IN_FRAGMENT = frozenset({"name", "website", "body", "is_staff_reply", "created_at", "html"})


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def shown(self):
        """Approved comments under approved comments only: a reply under a hidden comment is hidden too.

        A comment has at most MAX_DEPTH - 1 comments above it (the form and the admin refuse a
        deeper reply), so that many steps up its parents reach every one.
        """
        shown, above = self.approved(), "parent"
        for _ in range(MAX_DEPTH - 1):
            shown = shown.filter(Q(**{f"{above}__isnull": True}) | Q(**{f"{above}__status": Comment.Status.APPROVED}))
            above += "__parent"
        return shown

    def posted_with(self, email: str):
        """The comments posted with this e-mail address, whatever its case.

        Upper() on both sides, not email__iexact: the expression of the comment_author_email index,
        so the search reads this author's few rows, not the table.
        """
        return self.alias(email_upper=Upper("email")).filter(email_upper=Upper(Value(email)))


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        REMOVED = "removed", "Removed"
        # Its author deleted it within their window (remembered_author.CHANGE_WINDOW): gone from
        # every reader's view, kept for moderators, who can approve it back.
        WITHDRAWN = "withdrawn", "Removed by author"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments", verbose_name="article")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies", verbose_name="reply to"
    )
    # The top-level comment of the thread (null for a top-level one): one query fetches a whole page of threads.
    root = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="+", editable=False)
    depth = models.PositiveSmallIntegerField(default=1, editable=False)

    name = models.CharField("name", max_length=100)
    email = models.EmailField("email", max_length=254, help_text="Never shown on the site.")
    website = models.URLField("website", max_length=200, blank=True)
    body = models.TextField(
        "comment",
        max_length=BODY_MAX_LENGTH,
        validators=[validate_renderable_markdown],
        help_text="Markdown, rendered with the strict comment rules.",
    )
    body_html = models.TextField(editable=False, default="")
    # The comment as every reader sees it (author, date, text), made on save: pages join these
    # (comments.comment_list) instead of rendering a template per comment.
    html = models.TextField(editable=False, default="")
    html_version = models.CharField(editable=False, max_length=16, default="")  # fragment_version() it was made with

    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    status_reason = models.CharField(
        "reason", max_length=200, blank=True, help_text="Why the moderation rules gave this status."
    )
    # Set by the rules (comments.crisis) on a mental-health article: the queue sorts it first, the mail
    # says so, and its author is shown the crisis help. Kept after a decision, so the history stays readable.
    crisis_phrase = models.CharField(
        "possible crisis", max_length=100, blank=True, editable=False, help_text="The crisis phrase the rules found."
    )
    is_staff_reply = models.BooleanField("staff reply", default=False)
    notify_author = models.BooleanField(
        "e-mail the author",
        default=False,
        help_text="The author asked for mail when this comment is published and when someone replies "
        "(comments.reader_mail). Off when they unsubscribe.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True, editable=False)
    user_agent = models.CharField("browser", max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField("posted", default=timezone.now, db_index=True)
    # Where an imported comment came from (comments.wordpress_comments): the WordPress site's address
    # and the comment's id there, the key a second import finds it by. Both empty for a comment posted here.
    imported_from = models.CharField(
        "imported from", max_length=200, blank=True, editable=False, help_text="The WordPress site it came from."
    )
    imported_id = models.PositiveBigIntegerField("WordPress comment id", null=True, blank=True, editable=False)
    # What the export said at the last import (comments.wordpress_comments._digest): a later import
    # updates the comment only when the export changed, never undoing a moderator's decision here.
    imported_digest = models.CharField(max_length=32, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "comment"
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status_time"),
            # An author's comments on an article, whatever the case of the address: the duplicate
            # check of every post (comments.services.earlier_copy).
            models.Index(Upper("email"), F("article"), name="comment_author_email"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["imported_from", "imported_id"],
                condition=Q(imported_id__isnull=False),
                name="comment_imported_once",
            )
        ]

    def __str__(self):
        return f"{self.name} on “{self.article}”"

    def save(self, *args, **kwargs):
        """Store the comment with its HTML, made only when what it shows may have changed.

        A status-only save (a moderation decision) writes the status alone: neither the Markdown
        nor the fragment depends on it. A new comment whose body_html its poster already rendered
        (comments.services renders once for the moderation rules and the row) keeps it.
        """
        update_fields = kwargs.get("update_fields")
        if self.parent_id:
            self.root_id = self.parent.root_id or self.parent_id
            self.depth = self.parent.depth + 1
        remake = update_fields is None or not SHOWN_IN_FRAGMENT.isdisjoint(update_fields)
        if remake and not (self.pk is None and self.body_html):
            self.body_html = render_comment_markdown(self.body)
        if update_fields is not None and remake:  # say, "html" for a fragment made with an older template
            kwargs["update_fields"] = {*update_fields, "body_html", "html", "html_version"}
        if self.pk is not None:
            if remake:
                self.html, self.html_version = render_fragment(self), fragment_version()
            super().save(*args, **kwargs)
            return
        with transaction.atomic(savepoint=False):  # one row, all or nothing, inside the poster's transaction
            super().save(*args, **kwargs)  # its signal retires the article's pages if the comment shows
            # The fragment names the id the insert just gave. It goes into the same row in the same
            # transaction, without a second save: that would bump the pages' versions twice more.
            self.html, self.html_version = render_fragment(self), fragment_version()
            type(self).objects.filter(pk=self.pk).update(html=self.html, html_version=self.html_version)

    def get_absolute_url(self):
        """Where the comment is on its article's public page; a waiting one is not shown there."""
        from .threads import location_of  # threads builds on this module

        return location_of(self, per_page=DiscussionSettings.get_solo().comments_per_page)

    @property
    def accepts_replies(self) -> bool:
        return accepts_replies_at(self.depth)


def accepts_replies_at(depth: int) -> bool:
    return depth < MAX_DEPTH


def too_deep() -> str:
    """Why a reply to a comment at MAX_DEPTH is refused, for the public form and the admin's staff reply."""
    levels = ngettext("%(count)s level", "%(count)s levels", MAX_DEPTH) % {"count": apnumber(MAX_DEPTH)}
    return f"Replies nest {levels} deep at most: reply to a comment above this one."


def render_fragment(comment) -> str:
    """The comment's stored HTML: what does not depend on the page, the article's address or the reader.

    Made in the site's language and time zone whoever saves, so it is the same for everyone.
    Takes anything with a comment's fields, so the migration that filled the first ones uses it too.
    """
    with timezone.override(None), translation.override(settings.LANGUAGE_CODE):
        return get_template(FRAGMENT_TEMPLATE).render({"comment": comment}).strip()


@cache
def fragment_version() -> str:
    """What a stored fragment was made with besides the comment: the template, date format and time zone.

    A deploy that changes one of them changes this, and comments.threads makes the older fragments
    again (through Comment.save) the first time a page shows them.
    """
    template = get_template(FRAGMENT_TEMPLATE).template.source
    with translation.override(settings.LANGUAGE_CODE):
        parts = [template, get_format("DATETIME_FORMAT"), settings.TIME_ZONE]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


class DiscussionSettings(SingletonModel):
    """The site owner's moderation rules, edited in the admin (like WordPress's Discussion settings)."""

    class Notify(models.TextChoices):
        EACH = "each", "One e-mail per comment that waits"
        DIGEST = "digest", "A digest (send_moderation_digest, run from cron)"
        OFF = "off", "No e-mail"

    auto_approve_known_authors = models.BooleanField(
        "approve authors with an approved comment",
        default=False,
        help_text="Publish at once a comment whose name and e-mail address together already have an "
        "approved comment (an e-mail address alone is easy to borrow).",
    )
    link_limit = models.PositiveSmallIntegerField(
        "hold comments with this many links",
        default=2,
        help_text="A comment with this many links or more waits for moderation even from a known author. "
        "0 turns this rule off.",
    )
    moderation_words = models.TextField(
        "hold for moderation",
        blank=True,
        help_text="One word, phrase, e-mail, web address or IP address per line. A comment containing "
        "one (in its name, e-mail, website, text or IP) waits for moderation. Case does not matter.",
    )
    disallowed_words = models.TextField(
        "mark as spam",
        blank=True,
        help_text="Same form as above. A comment containing one goes straight to spam.",
    )
    crisis_phrases = models.TextField(
        "possible crisis",
        blank=True,
        default=DEFAULT_CRISIS_PHRASES,
        help_text="One word or phrase per line. On an article in a mental-health topic, a comment "
        "containing one waits for a moderator whatever the other rules say, first in the queue and "
        "marked “possible crisis”, and its author is shown the crisis help at once. Whole words only; "
        "case, punctuation and apostrophes do not matter.",
    )
    crisis_exceptions = models.TextField(
        "not a crisis",
        blank=True,
        default=DEFAULT_CRISIS_EXCEPTIONS,
        help_text="Longer phrases, one per line, in which a word from the list above is not a person "
        "speaking of themselves, such as “suicide prevention”. Another crisis phrase in the same "
        "comment still holds it.",
    )
    close_after_days = models.PositiveIntegerField(
        "close comments after (days)",
        null=True,
        blank=True,
        help_text="Close comments on articles published more than this many days ago. Empty: never.",
    )
    comments_per_page = models.PositiveSmallIntegerField(
        "top-level comments per page",
        default=50,
        validators=[MinValueValidator(1)],
        help_text="Replies stay with their comment.",
    )
    notify_moderators = models.CharField("tell moderators", max_length=10, choices=Notify.choices, default=Notify.EACH)
    staff_reply_name = models.CharField(
        "sign staff replies as",
        max_length=100,
        default="The editors",
        help_text="The name shown on a staff reply when the staff member has no first or last name set "
        "(Users). A login name is never shown.",
    )

    erasure_keeps_text = models.BooleanField(
        "keep the text of erased comments",
        default=False,
        help_text="When someone has their comments erased (the “Your comments” page, or the comments' "
        "admin action), their name, e-mail address, website, IP address and browser are always cleared. "
        "Ticked, the text stays on the site under “Anonymous”; unticked (the default), the text is "
        "replaced by a note that it was removed, as its author asked. The Privacy page says which: "
        "change its text when you change this.",
    )

    class Meta:
        verbose_name = "discussion settings"

    def __str__(self):
        return "Discussion settings"

    def accepts_comments_on(self, article: Article) -> bool:
        """Open unless the article closed them or it is older than close_after_days."""
        if not article.comments_open:
            return False
        if self.close_after_days is None or article.published_at is None:
            return True
        return article.published_at >= timezone.now() - timedelta(days=self.close_after_days)

    def staff_name(self, user) -> str:
        """How a staff reply is signed in public: the person's full name, else the site's label."""
        return user.get_full_name() or self.staff_reply_name

    @staticmethod
    def entries(text: str) -> list[str]:
        return [line.strip().lower() for line in text.splitlines() if line.strip()]


class ReaderMail(models.Model):
    """A mail to a commenter about one comment's event, sent once: the record that makes it once.

    The row is written in the transaction that approves the comment, before the mail goes out
    after commit, so an undo and a second approval find it and send nothing. It names no address.
    """

    class Event(models.TextChoices):
        PUBLISHED = "published", "Your comment was published"
        REPLY = "reply", "A reply to your comment was published"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+", verbose_name="about comment")
    event = models.CharField("event", max_length=10, choices=Event.choices)
    sent_at = models.DateTimeField("sent", default=timezone.now)

    class Meta:
        verbose_name = "mail to a commenter"
        constraints = [models.UniqueConstraint(fields=["comment", "event"], name="reader_mail_once_per_event")]

    def __str__(self):
        return f"{self.get_event_display()} (comment {self.comment_id})"


class MutedAddress(models.Model):
    """An address that asked for no mail from this site, ever: only the normalized address is kept."""

    email = models.EmailField("email", max_length=254, primary_key=True)

    class Meta:
        verbose_name = "muted address"

    def __str__(self):
        return self.email

    @staticmethod
    def normalized(email: str) -> str:
        """One form per mailbox for matching: trimmed, lower-cased (providers ignore case in practice)."""
        return email.strip().lower()

    @classmethod
    def is_muted(cls, email: str) -> bool:
        return cls.objects.filter(email=cls.normalized(email)).exists()


class PersonalDataRequest(models.Model):
    """One request for a copy or the erasure of someone's comments, and what came of it.

    Kept to show what was asked and done (a reader may later ask "did you erase my comments?"),
    so it never holds a comment's text or an e-mail address: only an HMAC of the address
    (comments.personal_data.email_hash), which matches later requests for the same address.
    """

    class Kind(models.TextChoices):
        COPY = "copy", "Copy"
        ERASURE = "erasure", "Erasure"

    class Outcome(models.TextChoices):
        LINK_SENT = "link-sent", "Confirmation link mailed"
        NOTHING_KEPT = "nothing-kept", "No comment with this address: nothing mailed"
        MUTED = "muted", "The address stopped all mail from the site: nothing mailed"
        MAIL_FAILED = "mail-failed", "The confirmation mail could not be sent"
        TOO_MANY = "too-many", "Refused: too many requests"
        LINK_EXPIRED = "link-expired", "Refused: the link had expired"
        COPIED = "copied", "Copy downloaded"
        ERASED = "erased", "Erased"

    created_at = models.DateTimeField("when", default=timezone.now, db_index=True)
    kind = models.CharField("request", max_length=10, choices=Kind.choices)
    outcome = models.CharField("outcome", max_length=20, choices=Outcome.choices)
    email_hash = models.CharField(
        "address (HMAC)",
        max_length=64,
        db_index=True,
        help_text="Not the address: a keyed hash of it, the same for every request with the same address.",
    )
    comments = models.PositiveIntegerField("comments", default=0, help_text="How many comments were concerned.")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="done by",
        help_text="The moderator who did it from the admin; empty when the person asked on the site.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "personal data request"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.get_outcome_display()}"
