"""Posting a comment: validate -> refuse floods and duplicates -> decide and save -> redirect.

Every refusal keeps what the reader typed: the article page is shown again with the
form filled in and a message, with a 4xx status.
"""

import json

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django_ratelimit.core import get_usage

from articles.models import Article
from articles.views import ArticleDetailView

from . import services
from .forms import CommentForm
from .models import DiscussionSettings
from .request_origin import client_ip, user_agent
from .threads import location_of

REMEMBER_COOKIE = "comment_author"
REMEMBER_MAX_AGE = 365 * 24 * 60 * 60
FLOOD_COUNT_RETRY_SECONDS = 120


def post_comment(request, slug):
    if request.method != "POST":
        response = render(request, "comments/post_only.html", status=405)
        response["Allow"] = "POST"
        return response
    article = get_object_or_404(Article.objects.published(), slug=slug)
    rules = DiscussionSettings.get_solo()
    if not rules.accepts_comments_on(article):
        context = {"article": article, "body": request.POST.get("body", "")}
        return render(request, "comments/closed.html", context, status=403)

    form = CommentForm(request.POST, article=article)
    flooding = _is_flooding(request)
    if flooding is None:
        form.is_valid()
        form.add_error(
            None,
            "Comments cannot be accepted right now because of a problem on our side. "
            "Your comment is kept below: please send it again in a few minutes.",
        )
        response = _article_with_form(request, article, form, status=503)
        response["Retry-After"] = str(FLOOD_COUNT_RETRY_SECONDS)
        return response
    if flooding:
        form.is_valid()  # so the page shows the reader's text back, and any other mistake with it
        form.add_error(None, "You are posting comments too fast. Wait a minute, then send your comment again.")
        return _article_with_form(request, article, form, status=429)
    if not form.is_valid():
        return _article_with_form(request, article, form, status=400)

    data = form.cleaned_data
    try:
        comment = services.post_comment(
            article=article,
            name=data["name"],
            email=data["email"],
            website=data["website"],
            body=data["body"],
            parent=data["parent"],
            ip_address=client_ip(request) or None,
            user_agent=user_agent(request),
            queue_url=request.build_absolute_uri(reverse("admin:comments_comment_changelist")),
        )
    except services.DuplicateComment:
        form.add_error("body", "You have already posted this comment here.")
        return _article_with_form(request, article, form, status=409)

    response = HttpResponseRedirect(location_of(comment, per_page=rules.comments_per_page))
    _remember_author(response, data)
    return response


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


def _article_with_form(request, article, form, *, status):
    """The article page again, its comment form bound to what the reader sent."""
    view = ArticleDetailView()
    view.setup(request, slug=article.slug)
    view.object = view.get_object()
    context = view.get_context_data(object=view.object, comment_form=form)
    return view.render_to_response(context, status=status)


def _remember_author(response, data) -> None:
    """With the reader's consent, keep name, email and website in a cookie; without it, clear it."""
    if data["remember"]:
        value = json.dumps({key: data[key] for key in ("name", "email", "website")})
        response.set_cookie(
            REMEMBER_COOKIE,
            value,
            max_age=REMEMBER_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(REMEMBER_COOKIE, samesite="Lax")
