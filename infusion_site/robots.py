"""/robots.txt: where the sitemap is, and the addresses crawlers have no business with.

Only the admin, the editor's endpoints (settings.MARKDOWNX_*_PATH and the site page's preview)
and the comment post address are closed, nothing else: a crawler kept out of a page cannot
read it, its canonical link included.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from .site_address import absolute_url

ANY_SLUG = "any-article"


@require_safe
def robots_txt(request):
    closed = [
        reverse("admin:index"),
        # Every editor endpoint lives under /editor/ (infusion_site.urls); settings may move django-markdownx's.
        "/editor/",
        *(
            path
            for path in (settings.MARKDOWNX_URLS_PATH, settings.MARKDOWNX_UPLOAD_URLS_PATH)
            if not path.startswith("/editor/")
        ),
        # The comment form's POST address of every article (RFC 9309's `*`): a GET there is a 405 page.
        reverse("comments:post", kwargs={"slug": ANY_SLUG}).replace(ANY_SLUG, "*"),
    ]
    context = {"closed": closed, "sitemap": absolute_url(reverse("sitemap"))}
    # No request: the context processors (site name, footer) have nothing to add here.
    return HttpResponse(render_to_string("robots.txt", context), content_type="text/plain; charset=utf-8")
