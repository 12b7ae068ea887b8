"""WordPress's old addresses of imported posts and pages answer a 301 to the page here.

A permalink such as /2026/10/01/what-is-ketamine-infusion-used-for/ is no address of this site,
so it is looked up only when the site found nothing there (a 404): pages that exist never pay a
query. /?p=123 (a post or a page) and /?page_id=3 (a page), which WordPress answers whatever the
permalink, reach home, which ignores its query string, so those are looked up before the view,
by the item's WordPress id. The rows are `WordPressItem`s, one per imported item.

WordPress answers more of a permalink than the permalink itself, and so does this: the address
without its closing slash (WordPress redirects it) and a page of its comments,
`<permalink>comment-page-2/`, are looked up in the same one query as the permalink.

A redirect to an article carries MARKER in its query: an old link to one comment ends in
`#comment-<WordPress comment id>`, which the browser keeps across the redirect, and which names
another comment here (or none). With the marker the article page adds a small script that sends
such a fragment to comments.wordpress_links, which finds the imported comment.
"""

import re

from django.http import HttpResponsePermanentRedirect
from django.utils.encoding import escape_uri_path

from .models import Article, WordPressItem

# The query keys WordPress answers on its home address, by id: ?p= any post or page (ids are one
# sequence there), ?page_id= a page only.
ID_KEYS = {
    "p": (WordPressItem.Kind.POST, WordPressItem.Kind.PAGE),
    "page_id": (WordPressItem.Kind.PAGE,),
}
# A WordPress id (a post's, a page's or a comment's) as WordPress writes it: digits, within a PositiveBigIntegerField.
WORDPRESS_ID = re.compile(r"[0-9]{1,18}")
# WordPress's address of a page of a post's comments: the permalink, then comment-page-N/.
_COMMENT_PAGE = re.compile(r"(?P<permalink>.*/)comment-page-[0-9]{1,9}/?")
# The query of a redirect to an article: "this came from a WordPress address" (see the docstring).
MARKER_KEY, MARKER_VALUE = "from", "wordpress"
MARKER = f"{MARKER_KEY}={MARKER_VALUE}"


def redirect_wordpress_addresses(get_response):
    def middleware(request):
        if request.path == "/" and request.method in ("GET", "HEAD"):
            for key, kinds in ID_KEYS.items():
                wordpress_id = request.GET.get(key, "")
                if not WORDPRESS_ID.fullmatch(wordpress_id):  # anything else is no WordPress id: home, as before
                    continue
                if redirect := _redirect(WordPressItem.objects.filter(kind__in=kinds, wordpress_id=int(wordpress_id))):
                    return redirect
        response = get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return _redirect(WordPressItem.objects.filter(old_path__in=old_paths(request))) or response
        return response

    return middleware


def old_paths(request) -> set[str]:
    """The permalinks a request that found nothing here may have meant, as `old_path` stores them."""
    path = escape_uri_path(request.path)
    # A shared link may carry a query WordPress ignored (?utm_source=, ?replytocom=5): the path alone too.
    paths = {request.get_full_path(), path}
    if comment_page := _COMMENT_PAGE.fullmatch(path):
        paths.add(comment_page["permalink"])
    elif not path.endswith("/"):
        paths.add(path + "/")
    return paths


def _redirect(items) -> HttpResponsePermanentRedirect | None:
    """A 301 to the first of these items' pages readers may see; None if there is none."""
    for item in items.select_related("article", "site_page"):
        if page := item.page():
            address = page.get_absolute_url()
            return HttpResponsePermanentRedirect(f"{address}?{MARKER}" if isinstance(page, Article) else address)
    return None
