"""A comment sent while the database is locked by another writer: 503, Retry-After, and the text kept."""

import sqlite3

import pytest
from django.db import connection

from comments.models import DiscussionSettings
from tests.conftest import comment_form_data

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="holds SQLite's write lock")


@pytest.fixture
def another_writer(transactional_db):
    """Another connection to the test database, holding its write lock (as a long write elsewhere would).

    The test database is SQLite's shared in-memory one: a second writer is refused at once with
    "database table is locked", as a file database refuses it with "database is locked" once its
    busy timeout has passed. Both are the OperationalError the view answers.
    """
    DiscussionSettings.get_solo()  # created now: the view reads it, and its first read writes it
    other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield
    other.execute("ROLLBACK")
    other.close()


def test_a_comment_sent_while_the_database_is_locked_gets_503_with_the_text_kept(client, guide, another_writer):
    response = client.post(
        f"/articles/{guide.slug}/comments/", comment_form_data(guide, body="Words written while it was busy.")
    )
    html = response.content.decode()
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "The site is too busy to save your comment just now." in html
    assert "Words written while it was busy." in html
    assert 'id="error-summary"' in html
