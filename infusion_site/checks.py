"""What production is missing, said at startup and by `manage.py check`.

Without mail settings Django prints mail to the console: right on a laptop, but in
production moderators would silently never hear of a waiting comment.
"""

import logging

from django.conf import settings
from django.core import checks

logger = logging.getLogger(__name__)
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
MAIL_NOT_CONFIGURED = (
    "No mail server is configured (EMAIL_URL or EMAIL_HOST): mail to moderators is only printed "
    "to the log and nobody receives it."
)


def mail_goes_nowhere() -> bool:
    return not settings.DEBUG and settings.EMAIL_BACKEND == CONSOLE_BACKEND


@checks.register(checks.Tags.compatibility)
def mail_is_configured(app_configs, **kwargs):
    if not mail_goes_nowhere():
        return []
    return [
        checks.Warning(
            MAIL_NOT_CONFIGURED,
            hint="Set EMAIL_URL, e.g. submission://user:password@mail.example.org (README, Deploying).",
            id="infusion_site.W001",
        )
    ]


def warn_at_startup() -> None:
    """Logged once per process start: gunicorn does not run the checks."""
    if mail_goes_nowhere():
        logger.warning(MAIL_NOT_CONFIGURED)
