"""People who existed before people pages get an address each, and their plain-text bio kept as plain text."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("articles", "0014_i12_editors_site_pages")]


@pytest.mark.django_db(transaction=True)
def test_existing_people_get_distinct_addresses_and_their_bio_as_paragraphs():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_person = executor.loader.project_state(BEFORE).apps.get_model("articles", "Person")
    old_person.objects.create(name="Dr Jo Reviewer", bio="Line one & *not emphasis*.\n\nLine two.")
    old_person.objects.create(name="Dr Jo Reviewer")
    old_person.objects.create(name="???")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()  # every app back to its newest state, for the tests after this one
    executor.migrate(latest)
    person = executor.loader.project_state(latest).apps.get_model("articles", "Person")
    people = list(person.objects.order_by("pk").values_list("slug", "bio_html"))
    assert [slug for slug, _ in people] == ["dr-jo-reviewer", "dr-jo-reviewer-2", "person"]
    assert people[0][1] == "<p>Line one &amp; *not emphasis*.</p>\n\n<p>Line two.</p>"
