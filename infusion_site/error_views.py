"""Error pages in the site's style. A refused form keeps what the reader wrote."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form's CSRF check failed (cookies blocked, or a page left open very long).

    The admin's and the editors' forms meet it; the public comment form is checked by origin
    instead (infusion_site/origin_check.py). Django's own page says "CSRF verification failed"
    and drops what was typed; this one says what to do and shows a `body` field back.
    """
    context = {"kept_text": request.POST.get("body", "") if request.method == "POST" else ""}
    return render(request, "403_csrf.html", context, status=403)
