"""Old WordPress links to one comment: `<permalink>#comment-<WordPress comment id>`.

The permalink answers a 301 to the article with `?from=wordpress` (articles.wordpress_addresses);
the browser keeps the fragment, which names a WordPress id, not this site's. On such a page (and
only there) a small script, static/comments/wordpress-comment-link.js, replaces the address with
`<article>wordpress-comment/<id>/`, which this view answers with the imported comment's place
here: its page of threads and its anchor, as every other link to a comment (Comment.get_absolute_url).
"""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from articles.models import Article, WordPressItem
from articles.wordpress_addresses import WORDPRESS_ID

from .models import Comment


@require_safe
def imported_comment(request, slug: str, wordpress_id: str):
    """A redirect to the comment imported with this WordPress id on this article, where readers see it.

    A comment readers may not see (waiting, spam, removed, under a hidden comment) or none of
    that id on this article leads to the article's comments: the redirect never tells which.
    A temporary redirect: the comment's page moves as threads come and go.
    """
    if not WORDPRESS_ID.fullmatch(wordpress_id):
        raise Http404("A WordPress comment id is a number.")
    article = get_object_or_404(Article.objects.published(), slug=slug)
    comment = (
        Comment.objects.shown()
        .filter(
            article=article,
            imported_id=int(wordpress_id),
            # The WordPress site(s) this article came from: another site's comment ids mean other comments.
            imported_from__in=WordPressItem.objects.filter(article=article).values("source"),
        )
        .first()
    )
    if comment is None:
        return HttpResponseRedirect(f"{article.get_absolute_url()}#comments")
    comment.article = article
    return HttpResponseRedirect(comment.get_absolute_url())
