"""The moderation queue's decisions in the admin: bulk actions, row buttons and their undo.

All three change statuses through `services.set_status` (or `restore_statuses`, built on it),
leave one "Recent actions" entry per comment, and answer with a message that can undo them.
"""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
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
}
UNDONE = ngettext_lazy("%(count)d comment put back as it was.", "%(count)d comments put back as they were.", "count")
UNDO_SALT = "comments.queue.undo"
UNDO_MAX_AGE_SECONDS = 60 * 60
QUEUE = "admin:comments_comment_changelist"
# The queue's filters (status, search, page) travel with every decision, so it comes back as it was.
FILTERS_FIELD = "_changelist_filters"


def decide(request, model_admin, comments, status: str) -> None:
    """Give `comments` the status, log each change, and say so with an Undo button."""
    previous = services.set_status(comments, status)
    log_changes(request, model_admin, previous, status, prefix="")
    count = len(previous)
    if not count:
        messages.info(request, "Nothing changed: the comments already had that status.")
        return
    token = signing.dumps({"status": status, "previous": previous}, salt=UNDO_SALT, compress=True)
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


def log_changes(request, model_admin, changes: dict[int, str], status: str, *, prefix: str) -> None:
    """One "Recent actions" entry per comment: its status before and after."""
    after = Status(status).label
    for comment in Comment.objects.filter(pk__in=changes).select_related("article"):
        before = Status(changes[comment.pk]).label
        model_admin.log_change(request, comment, f"{prefix}Status: {before} → {after}.")


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
    """The Undo button of a decision's message: put back the statuses it carries, signed."""
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    try:
        decision = signing.loads(request.POST.get("token", ""), salt=UNDO_SALT, max_age=UNDO_MAX_AGE_SECONDS)
        current = Status(decision["status"])
        previous = {int(pk): Status(earlier) for pk, earlier in decision["previous"].items()}
    except signing.SignatureExpired:
        return refuse(
            request, model_admin, "This undo is more than an hour old: change the statuses in the queue instead."
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        return refuse(request, model_admin, "This undo link is damaged: change the statuses in the queue instead.")
    restored = services.restore_statuses(previous, current=current)
    for status in set(previous.values()):
        changed = {pk: before for pk, before in restored.items() if previous[pk] == status}
        log_changes(request, model_admin, changed, status, prefix="Undo. ")
    messages.success(request, UNDONE % {"count": len(restored)})
    return back_to_queue(request)


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
