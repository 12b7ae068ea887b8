"""An Editor deletes an old address of a topic, a person or a site page in the admin, as they may an
article's: the page's form links to its old addresses, the delete frees the address (it is a 404 again)."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Person, PersonOldAddress, SitePage, SitePageOldAddress, Topic, TopicOldAddress


def rename(page, slug):
    page.slug = slug
    page.full_clean()
    page.save()


def topic(make_article):
    page = Topic.objects.create(name="Pain", slug="pain")
    make_article(topic=page)
    return page, "/topics/pain/"


def person(make_article):
    page = Person.objects.create(name="Dr Jo Reviewer", slug="jo")
    make_article(medical_reviewer=page)
    return page, "/people/jo/"


def site_page(make_article):
    return SitePage.objects.create(title="About", slug="about", body="Us.", is_published=True), "/about/"


KINDS = [(topic, TopicOldAddress), (person, PersonOldAddress), (site_page, SitePageOldAddress)]


@pytest.mark.parametrize(("make", "rows"), KINDS, ids=["topic", "person", "site page"])
def test_an_editor_deletes_an_old_address_from_the_pages_form(editors_group_client, make_article, make, rows):
    page, old = make(make_article)
    rename(page, "moved")
    meta = page._meta
    form = editors_group_client.get(reverse(f"admin:articles_{meta.model_name}_change", args=[page.pk]))
    listed = reverse(f"admin:articles_{rows._meta.model_name}_changelist") + f"?{rows.page_link()}__id__exact={page.pk}"
    assert f'href="{listed}"' in form.content.decode()
    listing = editors_group_client.get(listed)
    row = rows.objects.get()
    assert listing.status_code == 200 and f">{old.strip('/').split('/')[-1]}</a>" in listing.content.decode()

    delete = reverse(f"admin:articles_{rows._meta.model_name}_delete", args=[row.pk])
    assert editors_group_client.get(delete).status_code == 200
    response = editors_group_client.post(delete, {"post": "yes"})
    assert response.status_code == 302
    assert not rows.objects.exists()
    assert Client().get(old).status_code == 404


@pytest.mark.parametrize(("make", "rows"), KINDS, ids=["topic", "person", "site page"])
def test_the_editors_group_has_the_rights_it_has_on_an_articles_old_addresses(editors_group_client, make, rows):
    user = editors_group_client.get(reverse("admin:index")).wsgi_request.user
    for action in ("add", "change", "delete", "view"):
        assert user.has_perm(f"articles.{action}_oldaddress")
        assert user.has_perm(f"articles.{action}_{rows._meta.model_name}")
