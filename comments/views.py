"""Posting a comment: origin check -> validate -> refuse floods and duplicates -> decide and save -> redirect.

The form sits on the shared article page, which holds no per-reader value, so the post is
checked by where it comes from (infusion_site/origin_check.py), not by Django's CSRF token.
That is enough because this view never acts with the requester's authority: it reads neither
the session nor request.user (staff reply from the admin), only the form and the reader's own
remembered-details cookie.

Every refusal keeps what the reader typed: the article page is shown again with the
form filled in and a message, with a 4xx status (503 when the database is too busy).
When the article itself is gone, a page of its own shows the text back.
"""

import logging

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.html import format_html
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import get_usage

from articles.models import Article
from articles.views import render_article
from infusion_site.origin_check import is_cross_origin

from . import remembered_author, services
from .forms import CommentForm
from .models import Comment, DiscussionSettings
from .request_origin import client_ip, user_agent
from .threads import location_of

logger = logging.getLogger(__name__)
DATABASE_RETRY_SECONDS = 60
FLOOD_COUNT_RETRY_SECONDS = 120


@csrf_exempt  # checked by origin instead (see the module's docstring)
def post_comment(request, slug):
    if request.method != "POST":
        # A refused post leaves this address in the address bar; a reload (a phone restoring a tab) lands here.
        context = {"article": article_posted_to(request)}
        response = render(request, "comments/post_only.html", context, status=405)
        response["Allow"] = "POST"
        return response
    article = _published_article_at(slug)
    if article is None:
        return render(request, "comments/article_gone.html", {"body": request.POST.get("body", "")}, status=404)
    rules = DiscussionSettings.get_solo()
    if not rules.accepts_comments_on(article):
        context = {"article": article, "body": request.POST.get("body", "")}
        return render(request, "comments/closed.html", context, status=403)

    form = CommentForm(request.POST, article=article)
    if is_cross_origin(request):  # before the flood count: a forged post spends nothing of the reader's
        form.is_valid()  # so the page shows the reader's text back
        form.add_error(
            None,
            "Your comment was sent from a page on another site, so it was not posted. It is kept below: "
            "check it, then send it from this page.",
        )
        return render_article(request, article, comment_form=form, status=403)
    flooding = _is_flooding(request)
    if flooding is None:
        form.is_valid()  # so the page shows the reader's text back, and any other mistake with it
        message = (
            "Comments cannot be accepted right now because of a problem on our side. "
            "Your comment is kept below: please send it again in a few minutes."
        )
        return _unavailable(request, article, form, message, retry_after=FLOOD_COUNT_RETRY_SECONDS)
    if flooding:
        form.is_valid()  # so the page shows the reader's text back, and any other mistake with it
        form.add_error(None, "You are posting comments too fast. Wait a minute, then send your comment again.")
        return render_article(request, article, comment_form=form, status=429)
    if not form.is_valid():
        return render_article(request, article, comment_form=form, status=400)

    data = form.cleaned_data
    try:
        comment = services.post_comment(
            article=article,
            rules=rules,
            name=data["name"],
            email=data["email"],
            website=data["website"],
            body=data["body"],
            parent=data["parent"],
            ip_address=client_ip(request) or None,
            user_agent=user_agent(request),
            notify_author=data["notify"],
        )
    except services.DuplicateComment as duplicate:
        form.add_error(None, _already_posted(duplicate.comment, name=data["name"], per_page=rules.comments_per_page))
        return render_article(request, article, comment_form=form, status=409)
    except OperationalError:  # the database is locked beyond its busy timeout, or unreachable
        logger.warning("A comment could not be saved: the database did not answer in time.", exc_info=True)
        message = (
            "The site is too busy to save your comment just now. Nothing was posted; your comment is "
            "kept below: please send it again in a minute."
        )
        return _unavailable(request, article, form, message, retry_after=DATABASE_RETRY_SECONDS)

    own_ids = _waiting_ids_remembered(request, data, comment)
    response = HttpResponseRedirect(
        location_of(comment, per_page=rules.comments_per_page, for_its_author=True, own_ids=own_ids)
    )
    _remember_author(response, data, own_ids)
    remembered_author.let_change(response, request, comment)  # its author may edit or delete it for a while
    return response


def article_posted_to(request) -> Article | None:
    """The published article whose comment form this request was sent to, if it was one:
    the error pages for a refused post (wrong method, failed form check) link back to it."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return _published_article_at(match.kwargs["slug"]) if match.view_name == "comments:post" else None


def _published_article_at(slug: str) -> Article | None:
    """The published article at this address, or at an address it had before it was renamed:
    a reader may have opened the form before the rename."""
    published = Article.objects.published().select_related("topic")  # the rules ask for its topic (crisis care)
    return published.filter(slug=slug).first() or published.filter(old_addresses__slug=slug).first()


def _is_flooding(request) -> bool | None:
    """Whether this client posted more often than the rate allows; None if the shared cache cannot count.

    Not counted is refused (503), not waved through: the flood limit is what keeps a script from
    filling the moderation queue, and /healthz reports the cache to whoever can fix it.
    """
    rate = settings.COMMENTS_RATE_LIMIT
    if rate.strip().lower() == "off":
        return False
    usage = get_usage(
        request, group="comments.post", key=lambda group, request: client_ip(request), rate=rate, increment=True
    )
    return None if usage is None else usage["should_limit"]


def _already_posted(comment: Comment, *, name: str, per_page: int) -> str:
    """Say where the earlier copy is: its author may not see it on this page (it may still wait).

    A waiting copy is shown through the author's own link only to the same name, email and
    text: someone who knows an email address and a text learns nothing more about its author.
    """
    if comment.status == Comment.Status.APPROVED:
        address = location_of(comment, per_page=per_page)
        return format_html('You have already posted this comment here: <a href="{}">see it</a>.', address)
    if comment.name != name:
        return "You have already sent this comment; it is awaiting moderation and appears here once approved."
    address = location_of(comment, per_page=per_page, for_its_author=True)
    return format_html(
        'You have already sent this comment; it is awaiting moderation: <a href="{}">see your comment</a>.', address
    )


def _unavailable(request, article, form, message: str, *, retry_after: int):
    """503: the server, not the reader, is the cause; the text is kept and the reader told when to retry."""
    form.add_error(None, message)
    response = render_article(request, article, comment_form=form, status=503)
    response["Retry-After"] = str(retry_after)
    return response


def _waiting_ids_remembered(request, data, comment: Comment) -> tuple[int, ...]:
    """The author's waiting comments their browser will keep showing them after this post:
    none without their consent, else the earlier ones and this one while it waits."""
    if not data["remember"]:
        return ()
    earlier = remembered_author.read(request)
    pending_ids = earlier.pending_ids if earlier else ()
    if comment.status != Comment.Status.APPROVED:
        pending_ids = (*pending_ids, comment.pk)
    return remembered_author.kept_pending(pending_ids)


def _remember_author(response, data, pending_ids: tuple[int, ...]) -> None:
    """With the reader's consent, keep their details, and their comments while they wait; without it, forget."""
    if not data["remember"]:
        remembered_author.forget(response)
        return
    remembered_author.remember(
        response, name=data["name"], email=data["email"], website=data["website"], pending_ids=pending_ids
    )
