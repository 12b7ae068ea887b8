"""Mail is configured from the environment, and production says so when it is not."""

import pytest

from tests.conftest import PRODUCTION_ENV, run_with_env, settings_value

MAIL_SETTINGS = (
    "{name: getattr(settings, name) for name in ['EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', "
    "'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'DEFAULT_FROM_EMAIL', 'SERVER_EMAIL']}"
)
SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
WITHOUT_MAIL = {key: value for key, value in PRODUCTION_ENV.items() if key != "EMAIL_URL"}


def test_email_url_sets_the_server_in_one_value():
    mail = settings_value(
        MAIL_SETTINGS,
        **WITHOUT_MAIL,
        EMAIL_URL="submission://site%40example.org:p%40ss@mail.example.org?_default_from_email=guide@example.org",
    )
    assert mail == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "site@example.org",
        "EMAIL_HOST_PASSWORD": "p@ss",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "DEFAULT_FROM_EMAIL": "guide@example.org",
        "SERVER_EMAIL": "guide@example.org",
    }


def test_the_email_variables_set_the_server_without_a_url():
    mail = settings_value(
        MAIL_SETTINGS,
        **WITHOUT_MAIL,
        EMAIL_HOST="mail.example.org",
        EMAIL_PORT="465",
        EMAIL_HOST_USER="site",
        EMAIL_HOST_PASSWORD="secret",
        EMAIL_USE_SSL="1",
        DEFAULT_FROM_EMAIL="Guide <guide@example.org>",
        SERVER_EMAIL="errors@example.org",
    )
    assert mail == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example.org",
        "EMAIL_PORT": 465,
        "EMAIL_HOST_USER": "site",
        "EMAIL_HOST_PASSWORD": "secret",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": True,
        "DEFAULT_FROM_EMAIL": "Guide <guide@example.org>",
        "SERVER_EMAIL": "errors@example.org",
    }


def test_mail_comes_from_the_sites_own_domain_by_default():
    sender = settings_value("settings.DEFAULT_FROM_EMAIL", **PRODUCTION_ENV, SITE_URL="https://guide.example.org")
    assert sender == "noreply@guide.example.org"


CHECK = "import django; django.setup(); from django.core.management import call_command; call_command('check')"


def test_production_without_mail_says_at_startup_and_in_check_that_nobody_gets_mail():
    result = run_with_env(CHECK, **WITHOUT_MAIL)
    assert result.returncode == 0  # a warning: the site still runs
    assert "nobody receives it" in result.stdout  # the log line at startup
    assert "infusion_site.W001" in result.stderr and "Set EMAIL_URL" in result.stderr


@pytest.mark.parametrize("mail", [{"EMAIL_URL": "smtp://mail.example.org"}, {"EMAIL_HOST": "mail.example.org"}])
def test_production_with_mail_starts_without_a_warning(mail):
    result = run_with_env(CHECK, **WITHOUT_MAIL, **mail)
    assert result.returncode == 0, result.stderr
    assert "nobody receives it" not in result.stdout + result.stderr


def test_debug_prints_mail_to_the_console_without_a_warning():
    result = run_with_env(CHECK, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "nobody receives it" not in result.stdout + result.stderr
    assert settings_value("settings.EMAIL_BACKEND", DJANGO_DEBUG="1") == CONSOLE
