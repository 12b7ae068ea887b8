"""The page a link in a moderator's mail opens: the comment and one button (comments.mail_links).

GET only shows (mail scanners and link previews open links, and must approve nothing); the
button's POST acts through the admin's own code (`queue.apply`, `services.post_staff_reply`),
as the moderator the link was mailed to, while the admin would still let them. A link works
once in effect: it acts only on a comment that still waits, and otherwise says what was done,
by whom and when, from the admin's history. Its button acts only on the text its page showed: a
text its author edited meanwhile (own_comment, within 15 minutes) is shown again, nothing done.
"""

from django import forms
from django.contrib import admin
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from articles.markdown import validate_renderable_markdown
from articles.models import Article

from . import mail_links, queue, remembered_author, services
from .models import Comment, too_deep
from .token_pages import private

JUST_DONE = "done"  # the query of the page a pressed button leads to; it changes only the wording
LOGGED_NOTE = " From the mail link."  # ends the "Recent actions" entry of a decision made here
SEEN_FIELD = "seen"  # the button's form: which text the moderator read (its author may edit it meanwhile)
EDITED = "Its author edited this comment since you opened this page: read it again, then decide."
DONE = {
    Comment.Status.APPROVED: "approved",
    Comment.Status.SPAM: "marked as spam",
    Comment.Status.REMOVED: "removed",
    Comment.Status.WITHDRAWN: "deleted by its author",  # own_comment.delete, within the author's window
}


class StaffReplyForm(forms.Form):
    """The Reply link's box: the admin's staff reply, with its rules (renderable Markdown, depth)."""

    reply = forms.CharField(
        label="Your reply",
        validators=[validate_renderable_markdown],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Markdown. Published at once under the comment, marked as a staff reply; "
        "the comment is approved with it.",
        error_messages={"required": "Write your reply, then press “Approve and reply”."},
    )

    def __init__(self, *args, comment: Comment, **kwargs):
        super().__init__(*args, **kwargs)
        self.comment = comment

    def clean(self):
        if not self.comment.accepts_replies:
            raise forms.ValidationError(too_deep())
        return super().clean()


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def decide_from_mail(request, token: str):
    """Confirm on GET, act on POST.

    csrf_exempt, on this view alone: the moderator opens the link from their mail, often in a
    browser where they are not logged in, so there is no session for Django's token to belong
    to. The signed token in the address stands in for it: a forged cross-site POST needs that
    token, and whoever holds it could press the button anyway. The view never acts with the
    requester's session, only as the link's moderator.
    """
    try:
        decision = mail_links.read(token)
    except mail_links.Refused as refused:
        return refusal(request, refused.reason, refused.status)
    comment = decision.comment
    model_admin = admin.site.get_model_admin(Comment)
    # The admin's rules and its history read the user from the request: here, the link's moderator.
    request.user = decision.moderator
    if not (model_admin.admin_site.has_permission(request) and model_admin.has_change_permission(request, comment)):
        return refusal(
            request,
            f"This link was sent to {decision.moderator.get_username()}, who may no longer moderate comments.",
            403,
        )
    if comment.status != Comment.Status.PENDING:
        return already_decided(request, decision, status=409 if request.method == "POST" else 200)
    form = StaffReplyForm(request.POST or None, comment=comment) if decision.action == "reply" else None
    # A page shown before the author's edit (own_comment, 15 minutes) must not approve the new text unread.
    # A POST without the field (not from the page) acts on the text as it is, as before.
    edited = request.method == "POST" and request.POST.get(SEEN_FIELD, seen(comment)) != seen(comment)
    if request.method == "POST" and not edited and (form is None or form.is_valid()):
        with transaction.atomic():
            waiting = Comment.objects.filter(pk=comment.pk, status=Comment.Status.PENDING)
            decided = queue.apply(request, model_admin, waiting, decision.status, note=LOGGED_NOTE)
            if decided and form is not None:
                services.post_staff_reply(parent=comment, user=decision.moderator, body=form.cleaned_data["reply"])
        comment.refresh_from_db()
        if not decided:  # another moderator decided between the page and the button
            return already_decided(request, decision, status=409)
        # A page that says what was done, with the way on (the comment or reply on its article, the queue):
        # the article alone would show the comment but neither say it was approved nor lead back to the queue.
        return HttpResponseRedirect(f"{request.path}?{JUST_DONE}")  # says "done", not "already done"
    context = {
        "decision": decision,
        "form": form,
        "max_age_days": mail_links.MAX_AGE.days,
        "seen_field": SEEN_FIELD,
        "seen": seen(comment),
        "edited": edited and EDITED,
    }
    status = 409 if edited else 400 if form is not None and form.is_bound else 200
    return private(render(request, "comments/mail_link_confirm.html", context, status=status))


def seen(comment: Comment) -> str:
    """The comment's text as the confirm page showed it, by the digest the own-words cookie binds it with."""
    return remembered_author.text_hash(comment.body)


def already_decided(request, decision, *, status: int):
    """What became of the comment, who decided and when (the admin's history), and nothing done now."""
    comment = decision.comment
    # The author's own delete is in no moderator's history: the last entry there would name another decision.
    entry = None
    if comment.status != Comment.Status.WITHDRAWN:
        entry = queue.decisions_logged([comment.pk]).select_related("user").order_by("-pk").first()
    # Approved is not yet on the article: a reply under a comment that waits (or was removed) stays hidden.
    shown = comment.status == Comment.Status.APPROVED and (
        Comment.objects.shown().filter(pk=comment.pk, article__in=Article.objects.published()).exists()
    )
    reply = None
    if decision.action == "reply" and shown:
        replies = Comment.objects.approved().filter(parent=comment, is_staff_reply=True, user=decision.moderator)
        reply = replies.order_by("-pk").first()
    context = {
        "decision": decision,
        "done": DONE[comment.status],
        "just_done": JUST_DONE in request.GET and request.method != "POST",
        "by": entry and (entry.user.get_full_name() or entry.user.get_username()),
        "at": entry and date_format(timezone.localtime(entry.action_time), "DATETIME_FORMAT"),
        "public_url": shown and comment.get_absolute_url(),
        "hidden_above": comment.status == Comment.Status.APPROVED and not shown,
        "reply_url": reply and reply.get_absolute_url(),
        "queue_url": reverse(queue.QUEUE),
    }
    return private(render(request, "comments/mail_link_done.html", context, status=status))


def refusal(request, reason: str, status: int):
    context = {"reason": reason, "queue_url": reverse(queue.QUEUE)}
    return private(render(request, "comments/mail_link_refused.html", context, status=status))
