"""A file that is not XML at all (the ZIP WordPress.com downloads, a gzip, an empty file, a CSV) is refused
with what it is and what to give instead, not as "not well-formed XML" (which reads as a truncated export)."""

import gzip
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, WordPressItem
from tests.wordpress_export import FIXTURE


def refusal(path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("import_wordpress", str(path), stdout=StringIO())
    assert not Article.objects.exists() and not WordPressItem.objects.exists()
    return str(refused.value)


@pytest.mark.django_db
def test_zip_archive_is_named_and_the_owner_told_to_unzip_it(tmp_path):
    path = tmp_path / "site.wordpress.2026-10-01.000.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(FIXTURE, "site.wordpress.2026-10-01.000.xml")
    message = refusal(path)
    assert "this is a ZIP archive: unzip it and give the .xml file inside" in message
    assert "well-formed" not in message


@pytest.mark.django_db
def test_gzip_file_is_named(tmp_path):
    path = tmp_path / "export.xml.gz"
    path.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    assert "this is a gzip-compressed file" in refusal(path)


@pytest.mark.django_db
def test_empty_file_is_said_to_be_empty(tmp_path):
    path = tmp_path / "export.xml"
    path.write_bytes(b"")
    message = refusal(path)
    assert "the file is empty" in message and "well-formed" not in message


@pytest.mark.django_db
def test_csv_is_not_an_xml_file(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("title,date\nHello world!,2026-10-01\n")
    message = refusal(path)
    assert "not an XML file (it starts with “title,date”)" in message and "well-formed" not in message


@pytest.mark.django_db
def test_file_that_starts_as_xml_and_stops_is_still_called_truncated(tmp_path):
    path = tmp_path / "export.xml"
    text = FIXTURE.read_text()
    path.write_text(text[: len(text) // 3])
    assert "not well-formed XML at line" in refusal(path)
