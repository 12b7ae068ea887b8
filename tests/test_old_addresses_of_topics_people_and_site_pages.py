"""A topic's, person's or site page's old address keeps working after an editor changes it: one 301 to the new one."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.content_checks import broken_internal_links
from articles.models import Article, Person, SitePage, Topic
from tests.conftest import GUIDE_SLUG


def rename(page, slug):
    page.slug = slug
    page.full_clean()
    page.save()


@pytest.fixture
def topic(make_article):
    topic = Topic.objects.create(name="Pain", slug="pain")
    make_article(topic=topic)
    return topic


@pytest.fixture
def person(make_article):
    person = Person.objects.create(name="Dr Jo Reviewer", slug="jo")
    make_article(medical_reviewer=person)
    return person


@pytest.fixture
def site_page(db):
    return SitePage.objects.create(title="About", slug="about", body="We write guides.", is_published=True)


@pytest.mark.parametrize(
    ("kind", "old", "new"),
    [
        ("topic", "/topics/pain/", "/topics/chronic-pain/"),
        ("person", "/people/jo/", "/people/chronic-pain/"),
        ("site_page", "/about/", "/chronic-pain/"),
    ],
)
def test_the_old_address_answers_a_permanent_redirect_to_the_new_one(request, kind, old, new):
    page = request.getfixturevalue(kind)
    assert Client().get(old).status_code == 200
    rename(page, "chronic-pain")
    response = Client().get(old)
    assert (response.status_code, response["Location"]) == (301, new)
    assert Client().get(new).status_code == 200


def test_a_chain_of_renames_is_one_hop(topic, django_assert_max_num_queries):
    rename(topic, "two")
    rename(topic, "three")
    for old in ("pain", "two"):
        with django_assert_max_num_queries(2):  # no topic there; the old address, with the topic's slug
            response = Client().get(f"/topics/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/topics/three/")


def test_renaming_back_serves_the_page_and_redirects_the_other_name(site_page):
    rename(site_page, "about-us")
    rename(site_page, "about")
    assert Client().get("/about/").status_code == 200
    assert Client().get("/about-us/")["Location"] == "/about/"
    assert list(site_page.old_addresses.values_list("slug", flat=True)) == ["about-us"]


def test_an_old_address_of_an_unpublished_site_page_is_404(site_page):
    rename(site_page, "who-we-are")
    site_page.is_published = False
    site_page.save()
    assert Client().get("/about/").status_code == 404


def test_an_old_address_of_a_person_no_published_article_names_is_404_to_readers(person, editor_client):
    """As their page is: a reviewer lined up for a draft is not announced, nor their new address."""
    person.reviewed.update(status=Article.Status.DRAFT)
    rename(person, "dr-jo")

    assert Client().get("/people/jo/").status_code == 404
    response = editor_client.get("/people/jo/")  # editors preview a draft's byline links
    assert (response.status_code, response["Location"]) == (301, "/people/dr-jo/")


def test_an_address_nothing_ever_had_is_still_404(topic, person, site_page):
    for address in ("/topics/never/", "/people/never/", "/never/"):
        assert Client().get(address).status_code == 404, address


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Topic, {"name": "Other"}),
        (SitePage, {"title": "Other", "body": "Text.", "is_published": True}),
    ],
)
def test_a_new_address_may_not_take_another_pages_old_one(topic, site_page, model, fields):
    first = model.objects.get(slug="pain" if model is Topic else "about")
    rename(first, "renamed")
    taken = first.old_addresses.get().slug
    with pytest.raises(ValidationError, match="used this address before and it still leads there"):
        model(slug=taken, **fields).full_clean()


def test_a_person_added_without_an_address_skips_anothers_old_one(person):
    rename(person, "jo-reviewer")
    namesake = Person.objects.create(name="Jo")
    assert namesake.slug == "jo-2"
    assert Client().get("/people/jo/")["Location"] == "/people/jo-reviewer/"


def test_a_link_to_a_topics_old_address_is_not_a_broken_link(topic, make_article):
    rename(topic, "chronic-pain")
    article = make_article(introduction="See [pain](/topics/pain/) and [nothing](/topics/nothing/).")
    assert broken_internal_links(article) == ["/topics/nothing/"]


@pytest.mark.parametrize(
    "change_form",
    ["admin:articles_topic_change", "admin:articles_person_change", "admin:articles_sitepage_change"],
)
def test_the_admin_says_changing_the_address_is_safe_and_lists_the_old_ones(
    editors_group_client, topic, person, site_page, change_form
):
    page = {"topic": topic, "person": person, "sitepage": site_page}[change_form.split("_")[1]]
    rename(page, "moved")
    html = editors_group_client.get(reverse(change_form, args=[page.pk])).content.decode()
    assert "Changing it is safe: the old address keeps working, it redirects to the new one." in html
    assert f"{page.old_addresses.get().slug}: each redirects here" in html


def test_an_editor_renames_a_topic_in_the_admin_and_the_old_address_redirects(editors_group_client, topic):
    response = editors_group_client.post(
        reverse("admin:articles_topic_change", args=[topic.pk]),
        {"name": "Chronic pain", "slug": "chronic-pain", "description": ""},
    )
    assert response.status_code == 302
    assert Client().get("/topics/pain/")["Location"] == "/topics/chronic-pain/"


def test_restoring_a_site_page_revision_with_another_address_keeps_the_current_one_working(editors_group_client):
    form = {"title": "About", "slug": "about", "body": "We write guides.", "is_published": "on", "footer_order": "0"}
    assert editors_group_client.post(reverse("admin:articles_sitepage_add"), form).status_code == 302
    page = SitePage.objects.get(slug="about")
    change = reverse("admin:articles_sitepage_change", args=[page.pk])
    assert editors_group_client.post(change, form | {"slug": "about-us"}).status_code == 302
    first = Version.objects.get_for_object(page).order_by("pk").first()

    restore = reverse("admin:articles_sitepage_revision", args=[page.pk, first.pk])
    assert editors_group_client.post(restore, form).status_code == 302

    assert Client().get("/about/").status_code == 200
    assert Client().get("/about-us/")["Location"] == "/about/"


def test_loading_the_guide_again_keeps_a_page_an_editor_moved_and_adds_no_second_one(guide):
    about = SitePage.objects.get(slug="about")
    rename(about, "who-we-are")
    rename(guide, "ketamine-infusion-uses")

    call_command("load_guide", stdout=io.StringIO())

    assert not SitePage.objects.filter(slug="about").exists()
    assert not Article.objects.filter(slug=GUIDE_SLUG).exists()
    assert Client().get("/about/")["Location"] == "/who-we-are/"
    assert Client().get(f"/articles/{GUIDE_SLUG}/")["Location"] == "/articles/ketamine-infusion-uses/"
