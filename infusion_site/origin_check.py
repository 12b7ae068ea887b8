"""Cross-origin protection without a token, for forms on pages that every reader shares.

A browser says where a request comes from: `Sec-Fetch-Site` (every current browser since 2023)
or at least `Origin` on a POST. The rule is Go 1.25's net/http CrossOriginProtection and
OWASP's Fetch Metadata guidance:

1. `Sec-Fetch-Site: same-origin` or `none` (typed or bookmarked) is allowed; any other value
   (`same-site`, `cross-site`) is refused, unless `Origin` is one of CSRF_TRUSTED_ORIGINS.
2. Without it, an `Origin` that is neither this site's (the request's own scheme and host) nor
   a trusted one is refused; `Origin: null` (a sandboxed frame, a saved page) is never ours.
3. With neither header the request does not come from a browser's page (curl, a script): there
   is no reader's authority to borrow, so it is allowed. A view protected this way must never
   act with the requester's authority (session, user): that is what makes this enough.

Django's token check stays on everywhere else (the admin, the editor endpoints).
"""

from django.conf import settings
from django.utils.http import is_same_domain

ALLOWED_FETCH_SITES = ("same-origin", "none")


def is_cross_origin(request) -> bool:
    """Whether a browser sent this request from a page of another site (see the module's rule)."""
    origin = request.headers.get("Origin", "").lower()
    if _is_trusted(origin):
        return False
    fetch_site = request.headers.get("Sec-Fetch-Site", "").lower()
    if fetch_site:
        return fetch_site not in ALLOWED_FETCH_SITES
    return bool(origin) and origin != f"{request.scheme}://{request.get_host()}".lower()


def _is_trusted(origin: str) -> bool:
    """`origin` is in CSRF_TRUSTED_ORIGINS, exactly or as `scheme://*.domain`, as Django reads it."""
    if not origin or origin == "null":
        return False
    scheme, _, host = origin.partition("://")
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        trusted = trusted.lower()
        if trusted == origin:
            return True
        trusted_scheme, _, pattern = trusted.partition("://")
        if pattern.startswith("*") and trusted_scheme == scheme and is_same_domain(host, pattern[1:]):
            return True
    return False
