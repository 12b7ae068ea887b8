"""The "Your comments" pages: ask for a copy or the erasure of one's comments, then confirm from the mail.

The rules (who gets mail, the signed link, the copy, the erasure, the log) are in
comments/personal_data.py; these views only say them.
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import get_usage

from . import personal_data, remembered_author
from .forms import PersonalDataRequestForm
from .models import DiscussionSettings
from .request_origin import client_ip
from .token_pages import private

Kind = personal_data.Kind
RETRY_SECONDS = 120
HOURS = int(personal_data.LINK_MAX_AGE.total_seconds() // 3600)


@require_http_methods(["GET", "HEAD", "POST"])
def ask(request):
    """The form; a good request is answered by the same "sent" page whether the address is known or not."""
    form = PersonalDataRequestForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            email, kind = form.cleaned_data["email"], form.cleaned_data["kind"]
            too_many = _too_many(request, email)
            if too_many is None:
                form.add_error(None, "Requests cannot be taken right now because of a problem on our side: try later.")
                status = 503
            elif too_many:
                personal_data.log(kind=kind, outcome=personal_data.Outcome.TOO_MANY, email=email)
                form.add_error(None, "Too many requests came from here or for this address: try again in an hour.")
                status = 429
            else:
                personal_data.ask(email=email, kind=kind)
                return redirect("comments:personal-data-sent")
    response = render(request, "comments/personal_data_ask.html", {"form": form, "hours": HOURS}, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_SECONDS)
    return response


def _too_many(request, email: str) -> bool | None:
    """Whether this client, or this address from anywhere, asked more often than the rate allows.

    Counted like the comment flood limit (django-ratelimit in the shared cache); None when the
    cache cannot count, which refuses the request: each one may mail someone.
    """
    rate = settings.PERSONAL_DATA_RATE_LIMIT
    if rate.strip().lower() == "off":
        return False
    keys = {
        "comments.personal_data.ip": lambda group, request: client_ip(request),
        "comments.personal_data.address": lambda group, request: personal_data.email_hash(email),
    }
    limited = False
    for group, key in keys.items():  # both counted every time: a limit reached on one still counts the other
        usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
        if usage is None:
            return None
        limited = limited or usage["should_limit"]
    return limited


@require_GET
def sent(request):
    return render(request, "comments/personal_data_sent.html", {"hours": HOURS})


# No CSRF token: the link's signature stands in for one. Only the mailbox it was sent to has it,
# so a page elsewhere cannot make a visitor's browser post a link it does not know; and the
# action is the address's own (its copy is downloaded by whoever holds the link anyway).
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str, kind: str):
    """GET shows one button and changes nothing (mail scanners follow links); POST acts."""
    try:
        email = personal_data.email_in(token, kind)
    except personal_data.BadLink as bad:
        context = {"expired": bad.expired, "hours": HOURS}
        return private(render(request, "comments/personal_data_bad_link.html", context, status=400))
    if request.method != "POST":
        context = {"email": email, "kind": kind, "keeps_text": DiscussionSettings.get_solo().erasure_keeps_text}
        response = render(request, "comments/personal_data_confirm.html", context)
    elif kind == Kind.COPY:
        response = copy_download(personal_data.copy(email))
    else:
        count = personal_data.erase(email)
        response = render(request, "comments/personal_data_erased.html", {"count": count})
        remembered = remembered_author.read(request)
        if remembered and personal_data.normalized(remembered.email) == email:
            remembered_author.forget(response)  # this browser's copy of the details goes with them
    return private(response)


def copy_download(data: dict) -> HttpResponse:
    """The copy as a JSON file the browser saves (the reader's, and the admin action's)."""
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="your-comments.json"'
    return response
