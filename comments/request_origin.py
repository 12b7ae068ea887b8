"""Where a request comes from, as far as it can be trusted."""

from django.conf import settings


def client_ip(request) -> str:
    """The client's IP address, trusting X-Forwarded-For only as far as our own proxies.

    Each trusted proxy appends the address it received the request from, so with N
    trusted proxies the client is the N-th address from the right. Anything to the left
    of that was written by the client and is ignored. With no trusted proxy (the
    default) the header is ignored altogether.
    """
    trusted = settings.COMMENTS_TRUSTED_PROXIES
    if trusted > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "")


def user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:300]
