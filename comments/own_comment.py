"""Own comment, own words: its author edits or deletes a comment from the browser that posted it.

For remembered_author.CHANGE_WINDOW after posting, with no account: the browser's own-words
cookie (remembered_author) names the comment and the text it posted. Another browser, an
expired or tampered cookie, a cookie for another comment, or a comment whose text a moderator
changed since get a 403 page, with any text that was sent shown back.

These pages are one reader's own and never kept by any cache; their forms carry Django's CSRF
token (unlike the shared article page's comment form).
"""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from . import remembered_author, services
from .forms import OwnCommentForm
from .models import Comment, DiscussionSettings
from .threads import location_of

EDIT_PAGE = "comments/own_comment_edit.html"
DELETE_PAGE = "comments/own_comment_delete.html"
CANNOT_CHANGE = (
    "This comment can no longer be changed from here. Its author can edit or delete a comment for "
    "{minutes} minutes after posting it, from the browser that posted it, while its text is as they left it."
)
HAS_REPLIES = (
    "This comment has a published reply, so it stays: deleting it would leave the reply without what it "
    "answers. You can still edit it."
)


@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, slug, pk):
    """GET: the form prefilled with the comment's text. POST: the new text goes through the moderation rules."""
    comment = _comment_at(slug, pk)
    form = OwnCommentForm(request.POST if request.method == "POST" else None, initial={"body": comment.body})
    if not remembered_author.may_change(request, comment):
        form.is_valid()  # the page shows what was sent back, nothing lost
        return _page(request, EDIT_PAGE, comment, form=form, refusal=_cannot_change(), status=403)
    if request.method != "POST":
        return _page(request, EDIT_PAGE, comment, form=form)
    if not form.is_valid():
        return _page(request, EDIT_PAGE, comment, form=form, status=400)
    rules = DiscussionSettings.get_solo()
    services.edit_own_comment(comment=comment, body=form.cleaned_data["body"], rules=rules)
    response = HttpResponseRedirect(location_of(comment, per_page=rules.comments_per_page, for_its_author=True))
    remembered_author.let_change(response, request, comment)  # bound to the new text now
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, slug, pk):
    """GET: what will be deleted, and one button. POST: the comment leaves every reader's view, kept for moderators."""
    comment = _comment_at(slug, pk)
    if not remembered_author.may_change(request, comment):
        return _page(request, DELETE_PAGE, comment, refusal=_cannot_change(), status=403)
    if comment.replies.filter(status=Comment.Status.APPROVED).exists():
        return _page(request, DELETE_PAGE, comment, refusal=HAS_REPLIES, status=409)
    if request.method != "POST":
        return _page(request, DELETE_PAGE, comment)
    services.set_status(Comment.objects.filter(pk=comment.pk), Comment.Status.WITHDRAWN)
    return _page(request, "comments/own_comment_deleted.html", comment)


def _comment_at(slug: str, pk: int) -> Comment:
    """The comment `pk` under the article at `slug`; an address that names another article's comment is a 404."""
    comment = Comment.objects.select_related("article__topic", "parent").filter(pk=pk, article__slug=slug).first()
    if comment is None:
        raise Http404("No such comment.")
    return comment


def _cannot_change() -> str:
    return CANNOT_CHANGE.format(minutes=remembered_author.CHANGE_MINUTES)


def _page(request, template: str, comment: Comment, *, status: int = 200, **context):
    context = {
        "comment": comment,
        "article": comment.article,
        "time_left": remembered_author.time_left_text(comment),
        **context,
    }
    response = render(request, template, context, status=status)
    add_never_cache_headers(response)  # one reader's page: no cache keeps it
    return response
