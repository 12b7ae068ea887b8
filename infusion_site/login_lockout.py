"""The page a locked-out admin login gets (django-axes calls this, settings.AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_cool_off
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext

TOO_MANY_REQUESTS = 429


def lockout_response(request, credentials=None):
    """The admin's own login page look, saying when to try again; 429 Too Many Requests.

    Every try while locked out starts the wait again (django-axes'
    AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), so the wait counts from now.
    """
    wait = get_cool_off(request)
    minutes = round(wait.total_seconds() / 60)
    context = {
        **admin.site.each_context(request),
        "title": "Too many failed logins",
        "wait": ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes},
        "retry_at": timezone.localtime(timezone.now() + wait),
    }
    response = render(request, "admin/login_locked_out.html", context, status=TOO_MANY_REQUESTS)
    response["Retry-After"] = str(int(wait.total_seconds()))
    return response
