"""django-csp with one allowance for the admin.

Public pages get the strict policy of settings.CONTENT_SECURITY_POLICY: no inline script
or style. Django's admin and the markdownx editor set inline style attributes, so pages
under /admin/ may use inline styles (never inline scripts).
"""

from dataclasses import replace

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            update = dict(parts.update or {})
            update["style-src"] = [*update.get("style-src", []), UNSAFE_INLINE]
            parts = replace(parts, update=update)
        return parts
