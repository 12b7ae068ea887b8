"""The moderation queue's decisions in the admin: bulk actions, row buttons and their undo.

All three change statuses through `services.set_status` (or `restore_statuses`, built on it),
leave one "Recent actions" entry per comment, and answer with a message that can undo them.
"""

from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import ngettext_lazy

from . import services
from .models import Comment

Status = Comment.Status
DONE = {
    Status.APPROVED: ngettext_lazy("%(count)d comment approved.", "%(count)d comments approved.", "count"),
    Status.SPAM: ngettext_lazy("%(count)d comment marked as spam.", "%(count)d comments marked as spam.", "count"),
    Status.REMOVED: ngettext_lazy("%(count)d comment removed.", "%(count)d comments removed.", "count"),
    # Not a queue button, but the change form's status list offers it.
    Status.WITHDRAWN: ngettext_lazy(
        "%(count)d comment marked as removed by its author.",
        "%(count)d comments marked as removed by their authors.",
        "count",
    ),
}
UNDONE = ngettext_lazy("%(count)d comment put back as it was.", "%(count)d comments put back as they were.", "count")
UNDO_SALT = "comments.queue.undo"
UNDO_MAX_AGE_SECONDS = 60 * 60
STATUS_LOGGED, UNDO_PREFIX = "Status: ", "Undo. "  # how "Recent actions" entries of the queue begin
QUEUE = "admin:comments_comment_changelist"
# The queue's filters (status, search, page) travel with every decision, so it comes back as it was.
FILTERS_FIELD = "_changelist_filters"


def decide(request, model_admin, comments, status: str) -> None:
    """Give `comments` the status, log each change, and say so with an Undo button."""
    previous = apply(request, model_admin, comments, status)
    count = len(previous)
    if not count:
        messages.info(request, "Nothing changed: the comments already had that status.")
        return
    # The undo is this moderator's alone, and only for what nobody has decided since (last_logged).
    decision = {"status": status, "previous": previous, "user": request.user.pk, "last_logged": last_logged()}
    token = signing.dumps(decision, salt=UNDO_SALT, compress=True)
    messages.success(
        request,
        render_to_string(
            "comments/admin_decided_message.html",
            {
                "text": DONE[status] % {"count": count},
                "undo_url": reverse("admin:comments_comment_undo"),
                "token": token,
                "filters_field": FILTERS_FIELD,
                "filters": queue_filters(request),
            },
            request=request,
        ),
    )


def apply(request, model_admin, comments, status: str, *, note: str = "") -> dict[int, str]:
    """A decision's effects, whoever makes it (the queue, or a link in a moderator's mail): the
    status through `services.set_status` and its "Recent actions" entries, `note` ending each.
    Returns the earlier status of each comment that changed, by id."""
    previous = services.set_status(comments, status)
    log_changes(request, model_admin, previous, status, prefix="", note=note)
    return previous


def log_changes(request, model_admin, changes: dict[int, str], status: str, *, prefix: str, note: str = "") -> None:
    """One "Recent actions" entry per comment: its status before and after."""
    after = Status(status).label
    for comment in Comment.objects.filter(pk__in=changes).select_related("article"):
        before = Status(changes[comment.pk]).label
        model_admin.log_change(request, comment, f"{prefix}{STATUS_LOGGED}{before} → {after}.{note}")


def decide_one(request, object_id: int, *, model_admin):
    """A row button: POST only (the URL is wrapped in require_POST), for users who may change it."""
    comment = get_object_or_404(Comment, pk=object_id)
    if not model_admin.has_change_permission(request, comment):
        raise PermissionDenied
    status = request.POST.get("status", "")
    if status not in DONE:
        return refuse(
            request, model_admin, f"“{status[:40]}” is not a decision the queue knows: use Approve, Spam or Remove."
        )
    decide(request, model_admin, Comment.objects.filter(pk=comment.pk), status)
    return back_to_queue(request)


def undo(request, *, model_admin):
    """The Undo button of a decision's message: put back the statuses it carries, signed.

    Only for the moderator who decided, and never over a decision the queue made since.
    """
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    try:
        decision = signing.loads(request.POST.get("token", ""), salt=UNDO_SALT, max_age=UNDO_MAX_AGE_SECONDS)
        current = Status(decision["status"])
        previous = {int(pk): Status(earlier) for pk, earlier in decision["previous"].items()}
        decided_by, logged_then = decision["user"], int(decision["last_logged"])
    except signing.SignatureExpired:
        return refuse(
            request, model_admin, "This undo is more than an hour old: change the statuses in the queue instead."
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        return refuse(request, model_admin, "This undo link is damaged: change the statuses in the queue instead.")
    if decided_by != request.user.pk:
        return refuse(
            request, model_admin, "This undo is for another moderator's decision: change the statuses in the queue."
        )
    since = decided_since(previous, logged_then)
    restored = services.restore_statuses({pk: s for pk, s in previous.items() if pk not in since}, current=current)
    for status in set(previous.values()):
        changed = {pk: before for pk, before in restored.items() if previous[pk] == status}
        log_changes(request, model_admin, changed, status, prefix=UNDO_PREFIX)
    messages.success(request, UNDONE % {"count": len(restored)})
    return back_to_queue(request)


def last_logged() -> int:
    """The newest "Recent actions" entry's id: what an undo compares with to see later decisions."""
    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def decisions_logged(comment_ids):
    """The "Recent actions" entries of the queue's decisions (undos included) on these comments."""
    return LogEntry.objects.filter(
        Q(change_message__startswith=STATUS_LOGGED) | Q(change_message__startswith=UNDO_PREFIX + STATUS_LOGGED),
        content_type=ContentType.objects.get_for_model(Comment),
        object_id__in=[str(pk) for pk in comment_ids],
    )


def decided_since(comment_ids, logged_then: int) -> set[int]:
    """Which of these comments the queue decided again after entry `logged_then`, an undo included.

    An undo leaves them as they are: replayed later, it would overturn that newer decision.
    (A change form's own entry, such as Approve and reply's, is not a decision of the queue.)
    """
    later = decisions_logged(comment_ids).filter(pk__gt=logged_then)
    return {int(object_id) for object_id in later.values_list("object_id", flat=True)}


def queue_filters(request) -> str:
    """The query string of the queue a decision was made from, to return to it as it was.

    Posted back by a row button or an undo; a comment's own page carries it in its address,
    as the admin does; a bulk action is posted to the queue's own address.
    """
    if FILTERS_FIELD in request.POST:
        source = request.POST[FILTERS_FIELD]
    elif FILTERS_FIELD in request.GET:
        source = request.GET[FILTERS_FIELD]
    else:
        source = request.GET.urlencode()
    return QueryDict(source).urlencode()


def back_to_queue(request) -> HttpResponseRedirect:
    filters = queue_filters(request)
    return HttpResponseRedirect(reverse(QUEUE) + (f"?{filters}" if filters else ""))


def refuse(request, model_admin, reason: str) -> TemplateResponse:
    """A 400 page in the admin's dress, saying why and leading back to the queue."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Nothing was changed",
        "reason": reason,
        "queue_url": back_to_queue(request).url,
    }
    return TemplateResponse(request, "comments/admin_refused.html", context, status=400)
