"""The unsubscribe address of every mail to a reader (comments.reader_mail): one click stops it.

One address answers three ways. A mail client's RFC 8058 one-click POST
(`List-Unsubscribe=One-Click`) unsubscribes. The visible link in the mail, a GET, unsubscribes
too, at once and idempotently, and the page it lands on offers "Subscribe again" and "Stop all
mail": the issue asks that one click unsubscribes, and a mail scanner that follows the link can
only ever mean less mail, which the reader can take back with one button. Muting an address for
good, or subscribing again, is a POST from those buttons: no scanner presses them.

No CSRF token (csrf_exempt): RFC 8058's POST comes from a mail client that has no cookie and
no page of ours, and the signed token in the address, which only the mailbox's owner holds,
stands in for one on the page's buttons too.
"""

from django.core import signing
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .models import Comment, MutedAddress
from .reader_mail import mute, read_unsubscribe_token, set_subscribed
from .token_pages import private_page

ACTIONS = {"unsubscribe", "subscribe", "mute"}


@csrf_exempt  # see the module's docstring
@private_page  # its address holds the reader's: never cached, indexed or sent on (token_pages)
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        email, comment_id = read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "comments/unsubscribe_invalid.html", status=400)
    action = "unsubscribe"
    if request.method == "POST" and request.POST.get("List-Unsubscribe") != "One-Click":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            return render(request, "comments/unsubscribe_invalid.html", status=400)
    if action == "mute":
        mute(email)
    muted = MutedAddress.is_muted(email)
    subscribed = action == "subscribe" and not muted
    set_subscribed(email, comment_id, subscribed=subscribed)
    comment = Comment.objects.filter(pk=comment_id, email__iexact=email).select_related("article").first()
    context = {"token": token, "email": email, "comment": comment, "muted": muted, "subscribed": subscribed}
    return render(request, "comments/unsubscribe.html", context)
