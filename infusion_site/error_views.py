"""Error pages in the site's style. A refused form keeps what the reader wrote."""

from django.shortcuts import render

from comments.views import article_posted_to


def csrf_failure(request, reason=""):
    """The form's security check failed (cookies blocked, or a page left open very long).

    Django's own page says "CSRF verification failed" and drops the reader's text; this one
    says what to do and shows the comment back so nothing is lost.
    """
    context = {
        "kept_text": request.POST.get("body", "") if request.method == "POST" else "",
        "article": article_posted_to(request),
    }
    return render(request, "403_csrf.html", context, status=403)
