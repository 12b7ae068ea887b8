"""A file import_wordpress cannot take is refused with what and where, and nothing is written."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Person, SitePage, Topic, WordPressItem
from tests.wordpress_export import FIXTURE, export, item


def refusal(tmp_path, text: str) -> str:
    path = tmp_path / "export.xml"
    path.write_text(text)
    with pytest.raises(CommandError) as refused:
        call_command("import_wordpress", str(path), stdout=StringIO())
    assert (Article.objects.count(), SitePage.objects.count(), Topic.objects.count()) == (0, 0, 0)
    assert not WordPressItem.objects.exists()
    return str(refused.value)


@pytest.mark.django_db
def test_small_valid_export_imports(tmp_path):
    """The crafted files below differ from this one by their one fault."""
    path = tmp_path / "export.xml"
    path.write_text(export(item(1, "one"), item(2, "two")))
    call_command("import_wordpress", str(path), stdout=StringIO())
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_file_that_is_not_wxr_is_refused(tmp_path):
    assert "not a WordPress export" in refusal(tmp_path, "<html><body>hello</body></html>")


@pytest.mark.django_db
def test_rss_without_wxr_version_is_refused(tmp_path):
    assert "not a WordPress export" in refusal(tmp_path, '<rss version="2.0"><channel><item/></channel></rss>')


@pytest.mark.django_db
def test_truncated_xml_is_refused_with_its_line(tmp_path):
    text = FIXTURE.read_text()
    message = refusal(tmp_path, text[: len(text) // 2])
    assert "not well-formed XML at line" in message


@pytest.mark.django_db
def test_unknown_wxr_version_is_refused(tmp_path):
    assert "WXR version '2.0'" in refusal(tmp_path, export(item(1, "one"), version="2.0"))


@pytest.mark.django_db
def test_duplicate_item_ids_are_refused(tmp_path):
    message = refusal(tmp_path, export(item(1, "one"), item(1, "again")))
    assert "the id 1 is used twice" in message


@pytest.mark.django_db
def test_invalid_date_is_refused_naming_the_item(tmp_path):
    message = refusal(tmp_path, export(item(1, "one"), item(2, "two", date="2026-13-45 99:00:00")))
    assert "item 2 “Post 2” (line 13)" in message and "2026-13-45 99:00:00" in message
    assert "Nothing was written" in message


@pytest.mark.django_db
def test_entity_expansion_is_refused(tmp_path):
    bomb = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rss>&b;</rss>'
    assert "refused" in refusal(tmp_path, bomb)


@pytest.mark.django_db
def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"No file at .*absent\.xml"):
        call_command("import_wordpress", str(tmp_path / "absent.xml"), stdout=StringIO())


@pytest.mark.django_db
def test_item_without_text_is_skipped_and_said(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(export(item(1, "one"), item(2, "two").replace("<p>Text of two.</p>", "")))
    out = StringIO()
    call_command("import_wordpress", str(path), stdout=out)
    assert list(Article.objects.values_list("slug", flat=True)) == ["one"]
    assert "post “Post 2”: no text to import" in out.getvalue()


@pytest.mark.django_db
def test_author_whose_name_two_people_share_is_the_first(tmp_path):
    first = Person.objects.create(name="admin")
    Person.objects.create(name="admin")
    path = tmp_path / "export.xml"
    path.write_text(export(item(1, "one")))
    call_command("import_wordpress", str(path), stdout=StringIO())
    assert Article.objects.get().author == first


@pytest.mark.django_db
def test_post_longer_than_an_article_may_be_is_refused_naming_it(tmp_path):
    long_post = item(3, "long").replace("<p>Text of long.</p>", "<p>" + "word " * 12_000 + "</p>")
    message = refusal(tmp_path, export(item(1, "one"), long_post))
    assert "item 3 “Post 3”" in message and "the limit is 50,000" in message


@pytest.mark.django_db
def test_a_non_latin_slug_is_imported_under_an_address_this_site_takes(tmp_path):
    """WordPress keeps a Cyrillic slug escaped (%d0%ba...): it was refused as no valid slug."""
    path = tmp_path / "export.xml"
    path.write_text(export(item(1, "%d0%ba%d0%b5%d1%82")).replace("<title>Post 1</title>", "<title>Кет</title>"))
    call_command("import_wordpress", str(path), stdout=StringIO())
    assert Article.objects.get().slug == "post-1"
