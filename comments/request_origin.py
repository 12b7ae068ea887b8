"""Where a request comes from, as far as it can be trusted."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The client's IP address, trusting X-Forwarded-For only as far as our own proxies; "" if unknown.

    Each trusted proxy appends the address it received the request from, so with N
    trusted proxies the client is the N-th address from the right. Anything to the left
    of that was written by the client and is ignored. With no trusted proxy (the
    default) the header is ignored altogether. An entry that is not an IP address is
    treated like a missing header: the connection's address is used, if it is one.
    """
    trusted = settings.COMMENTS_TRUSTED_PROXIES
    if trusted > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted and (address := _ip_address(forwarded[-trusted])):
            return address
    return _ip_address(request.META.get("REMOTE_ADDR", ""))


def _ip_address(text: str) -> str:
    """`text` as a normalised IP address, or "" if it is not one."""
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return ""


def user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:300]
