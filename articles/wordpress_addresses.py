"""WordPress's old addresses of imported posts and pages answer a 301 to the page here.

A permalink such as /2026/10/01/what-is-ketamine-infusion-used-for/ is no address of this site,
so it is looked up only when the site found nothing there (a 404): pages that exist never pay a
query. /?p=123 and /?page_id=3 reach home, which ignores its query string, so those are looked
up before the view. One row per imported item keeps the address (`WordPressItem.old_path`).
"""

from django.http import HttpResponsePermanentRedirect

from .models import WordPressItem

# The query keys WordPress answers on its home address with a post or a page.
ID_KEYS = ("p", "page_id")


def redirect_wordpress_addresses(get_response):
    def middleware(request):
        asks_for_an_item = request.path == "/" and any(request.GET.get(key, "").isdigit() for key in ID_KEYS)
        if asks_for_an_item and (redirect := _redirect(request.get_full_path())):
            return redirect
        response = get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return _redirect(request.get_full_path()) or response
        return response

    return middleware


def _redirect(path: str) -> HttpResponsePermanentRedirect | None:
    for item in WordPressItem.objects.filter(old_path=path).select_related("article", "site_page"):
        if page := item.page():
            return HttpResponsePermanentRedirect(page.get_absolute_url())
    return None
