"""Each post's author arrives as a person (a public page once they wrote a published article): the
summary lists each person the import creates, as it lists topics, and a later run, or a person of
that name already here, creates nothing and lists nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Person
from tests.wordpress_export import FIXTURE


def run_import(*args) -> str:
    out = StringIO()
    call_command("import_wordpress", str(FIXTURE), *args, stdout=out)
    return out.getvalue()


def created_lines(summary: str) -> list[str]:
    created = summary.split("Created:", 1)[1].split("\n", 1)[1]
    lines = []
    for line in created.splitlines():
        if not line.startswith("  "):
            break
        lines.append(line.strip())
    return lines


@pytest.mark.django_db
def test_a_new_author_is_listed_as_a_created_person():
    summary = run_import()
    assert list(Person.objects.values_list("name", flat=True)) == ["admin"]
    assert "person “admin”" in created_lines(summary)


@pytest.mark.django_db
def test_the_dry_run_lists_it_too_and_creates_nobody():
    summary = run_import("--dry-run")
    assert "person “admin”" in created_lines(summary)
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_a_person_already_here_or_a_second_run_lists_no_person():
    Person.objects.create(name="admin")
    summary = run_import()
    assert Person.objects.count() == 1
    assert "person “" not in summary
    assert "person “" not in run_import()
