"""WordPress's old addresses of imported posts and pages answer a 301 to the page here.

A permalink such as /2026/10/01/what-is-ketamine-infusion-used-for/ is no address of this site,
so it is looked up only when the site found nothing there (a 404): pages that exist never pay a
query. /?p=123 and /?page_id=3, which WordPress answers for every post and page whatever its
permalink, reach home, which ignores its query string, so those are looked up before the view,
by the item's WordPress id. The rows are `WordPressItem`s, one per imported item.
"""

import re

from django.http import HttpResponsePermanentRedirect
from django.utils.encoding import escape_uri_path

from .models import WordPressItem

# The query keys WordPress answers on its home address with a post or a page, by id.
ID_KEYS = {"p": WordPressItem.Kind.POST, "page_id": WordPressItem.Kind.PAGE}
_ID = re.compile(r"[0-9]{1,18}")


def redirect_wordpress_addresses(get_response):
    def middleware(request):
        if request.path == "/" and request.method in ("GET", "HEAD"):
            for key, kind in ID_KEYS.items():
                wordpress_id = request.GET.get(key, "")
                if not _ID.fullmatch(wordpress_id):  # anything else is no WordPress id: home, as before
                    continue
                if redirect := _redirect(WordPressItem.objects.filter(kind=kind, wordpress_id=int(wordpress_id))):
                    return redirect
        response = get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            # A shared link may carry a query WordPress ignored (?utm_source=, ?replytocom=5): the path alone too.
            paths = {request.get_full_path(), escape_uri_path(request.path)}
            return _redirect(WordPressItem.objects.filter(old_path__in=paths)) or response
        return response

    return middleware


def _redirect(items) -> HttpResponsePermanentRedirect | None:
    """A 301 to the first of these items' pages readers may see; None if there is none."""
    for item in items.select_related("article", "site_page"):
        if page := item.page():
            return HttpResponsePermanentRedirect(page.get_absolute_url())
    return None
