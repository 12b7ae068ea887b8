"""The pages whose address is a signed token: a moderator's mail link (mail_link_views), a
reader's unsubscribe link (unsubscribe) and a "Your comments" confirmation (personal_data_views).

A signature proves, it does not hide: the last two tokens carry the reader's address. So each
such page is never cached, never indexed, and never sends its address on as a Referer.
"""

from functools import wraps

from django.utils.cache import add_never_cache_headers


def private(response):
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def private_page(view):
    """The view's every answer made private()."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return private(view(request, *args, **kwargs))

    return wrapped
