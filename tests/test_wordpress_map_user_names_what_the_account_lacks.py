"""`--map-user admin=ownr` naming an account that is missing, inactive or not staff says which, instead of
repeating the option's format; nothing is imported."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.wordpress_export import FIXTURE


def refusal(*options) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("import_wordpress", str(FIXTURE), *options, stdout=StringIO())
    assert not Article.objects.exists()
    return str(refused.value)


@pytest.mark.django_db
def test_missing_account_is_named():
    message = refusal("--map-user", "admin=ownr")
    assert "no active staff account with the username “ownr”" in message
    assert "give WPNAME=DJANGOUSER" not in message


@pytest.mark.django_db
def test_inactive_account_is_said_to_be_inactive():
    get_user_model().objects.create_user("ownr", is_staff=True, is_active=False)
    assert "the account “ownr” is inactive" in refusal("--map-user", "admin=ownr")


@pytest.mark.django_db
def test_account_that_is_not_staff_is_said_so():
    get_user_model().objects.create_user("ownr")
    assert "the account “ownr” is not staff" in refusal("--map-user", "admin=ownr")


@pytest.mark.django_db
def test_malformed_pair_still_gets_the_format():
    assert "give WPNAME=DJANGOUSER" in refusal("--map-user", "admin")
