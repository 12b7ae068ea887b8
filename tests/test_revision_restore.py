"""Restoring an earlier revision brings back the text and parts, never the publication."""

import re

import pytest
import reversion
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, OldAddress
from tests.admin_forms import shown_form_data
from tests.conftest import role_group, staff_user


@pytest.fixture
def ann(db):
    """An editor in the Editors group (every inline of the article form, old addresses included)."""
    user = staff_user("ann", [])
    user.groups.add(role_group("Editors"))
    return user


@pytest.fixture
def ann_client(client, ann):
    client.force_login(ann)
    return client


def save_revision(article, user, **changes):
    with reversion.create_revision():
        for name, value in changes.items():
            setattr(article, name, value)
        article.save()
        for part in (*article.takeaways.all(), *article.sections.all(), *article.faqs.all()):
            part.save()
        reversion.set_user(user)


@pytest.fixture
def published_after_a_draft(make_article, ann):
    """Revision 1: a draft. Revision 2: published, with a new title and a new FAQ answer."""
    article = make_article(title="Draft title", status=Article.Status.DRAFT, sections=2)
    save_revision(article, ann)
    faq = article.faqs.get()
    faq.answer = "A better answer."
    faq.save()
    save_revision(article, ann, title="Published title", status=Article.Status.PUBLISHED)
    return article


def revision_url(article, version):
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


def oldest(article):
    return Version.objects.get_for_object(article).last()


def restore(client, article, version, **changes):
    url = revision_url(article, version)
    return client.post(url, shown_form_data(client.get(url), **changes), follow=True)


def first_message(response) -> str:
    return str(next(iter(response.context["messages"])))


def test_restoring_a_draft_revision_keeps_the_article_published(ann_client, published_after_a_draft):
    article = published_after_a_draft
    published_at = Article.objects.get(pk=article.pk).published_at.replace(microsecond=0)  # as the form sends it

    response = restore(ann_client, article, oldest(article))

    article.refresh_from_db()
    assert (article.title, article.faqs.get().answer) == ("Draft title", "Answer 1.")
    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, published_at)
    assert Client().get(article.get_absolute_url()).status_code == 200
    message = first_message(response)
    assert re.fullmatch(
        r"Restored the revision of \d{1,2} \w+ \d{4}, \d\d:\d\d by ann: title, 1 FAQ entry\. "
        r"Status \(Published\) and publish time kept\.",
        message,
    ), message


def test_the_restore_form_shows_todays_status_and_publish_time(ann_client, published_after_a_draft):
    article = published_after_a_draft
    form = ann_client.get(revision_url(article, oldest(article))).context["adminform"].form
    assert form["status"].value() == Article.Status.PUBLISHED
    assert form["published_at"].value() == Article.objects.get(pk=article.pk).published_at.replace(microsecond=0)
    assert form["title"].value() == "Draft title"


def test_an_editor_may_change_the_status_while_restoring(ann_client, published_after_a_draft):
    article = published_after_a_draft
    response = restore(ann_client, article, oldest(article), status="draft")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert "Status now Draft" in first_message(response)


def test_an_earlier_revision_can_be_restored_after_a_rename(ann_client, make_article, ann):
    article = make_article(slug="first-address", published_at=timezone.now())
    save_revision(article, ann)
    save_revision(article, ann, slug="second-address")
    assert OldAddress.objects.filter(slug="first-address", article=article).exists()

    response = restore(ann_client, article, oldest(article))

    assert response.status_code == 200
    assert "Restored the revision of" in first_message(response)
    article.refresh_from_db()
    assert article.slug == "first-address"
    assert list(article.old_addresses.values_list("slug", flat=True)) == ["second-address"]
    reader = Client()
    assert reader.get("/articles/first-address/").status_code == 200
    assert reader.get("/articles/second-address/")["Location"] == "/articles/first-address/"


def test_an_error_far_down_the_form_is_named_at_the_top(ann_client, make_article):
    article = make_article(slug="current-address")
    other = make_article(slug="other-address")
    OldAddress.objects.create(article=other, slug="kept-for-other")
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = shown_form_data(
        ann_client.get(url),
        **{"old_addresses-TOTAL_FORMS": "1", "old_addresses-0-slug": "other-address", "old_addresses-0-id": ""},
    )
    html = ann_client.post(url, data).content.decode()
    summary = html[html.index('class="error-summary"') : html.index('<fieldset class="module aligned')]
    assert '<a href="#id_old_addresses-0-slug">Old address 1, old address</a>' in summary
    assert "An article has this address now; an old address cannot take it." in summary


@pytest.mark.parametrize("article_id", ["abc", "99999"])
@pytest.mark.parametrize("page", ["history/1/", "history/compare/?version_id1=1&version_id2=2"])
def test_a_restore_or_compare_address_that_names_no_article_is_a_404(ann_client, article_id, page):
    assert ann_client.get(f"/admin/articles/article/{article_id}/{page}").status_code == 404


def test_restoring_a_revision_with_an_older_address_keeps_the_current_one_working(editor_client, make_article):
    with reversion.create_revision():
        article = make_article(slug="first-address")
    with reversion.create_revision():
        article.slug = "second-address"
        article.save()
    first = Version.objects.get_for_object(article).last()
    url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name not in ("lead_image", "related_articles")}
    data |= {"published_at_0": article.published_at.strftime("%Y-%m-%d"), "published_at_1": "00:00:00"}
    for prefix in ("takeaways", "sections", "faqs"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    editor_client.post(url, data)
    article.refresh_from_db()
    assert article.slug == "first-address"
    response = Client().get("/articles/second-address/")
    assert (response.status_code, response["Location"]) == (301, "/articles/first-address/")
    assert Client().get("/articles/first-address/").status_code == 200
