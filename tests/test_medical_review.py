"""Medical trust: who wrote and reviewed an article, when, its references, and what is due for review."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Person, Reference

CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def reviewed_article(make_article):
    article = make_article(title="Reviewed article")
    article.author = Person.objects.create(name="Sam Writer", credentials="Health journalist")
    article.medical_reviewer = Person.objects.create(name="Dr Jo Reviewer", credentials="MD, psychiatrist")
    article.last_reviewed = date(2026, 10, 1)
    article.next_review_due = date(2027, 10, 1)
    article.save()
    Reference.objects.create(
        article=article,
        title="A review",
        publisher="A journal",
        url="https://journal.example/a",
        accessed_on=date(2026, 10, 1),
    )
    return article


def test_the_page_names_author_reviewer_review_dates_and_references(reviewed_article):
    html = Client().get(reviewed_article.get_absolute_url()).content.decode()
    assert "Written by" in html and ">Sam Writer</a>, Health journalist" in html
    assert "Medically reviewed by" in html and ">Dr Jo Reviewer</a>, MD, psychiatrist" in html
    assert 'Last reviewed</dt><dd><time datetime="2026-10-01">1 October 2026</time>' in html
    assert 'Next review due</dt><dd><time datetime="2027-10-01">1 October 2027</time>' in html
    assert '<a href="https://journal.example/a" rel="noopener">A review</a>. A journal.' in html
    assert "Accessed" in html


def test_without_a_reviewer_the_page_says_review_is_pending(make_article):
    html = Client().get(make_article().get_absolute_url()).content.decode()
    assert "Medical review pending" in html
    assert 'id="references"' not in html


def test_every_article_says_it_is_not_medical_advice(make_article):
    assert "This is not medical advice." in Client().get(make_article().get_absolute_url()).content.decode()


def test_a_person_in_use_cannot_be_deleted_by_accident(reviewed_article):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        reviewed_article.medical_reviewer.delete()


@pytest.fixture
def review_dates(make_article):
    today = timezone.localdate()
    return {
        "overdue": make_article(title="Overdue one", next_review_due=today - timedelta(days=1)),
        "soon": make_article(title="Soon one", next_review_due=today + timedelta(days=10)),
        "later": make_article(title="Later one", next_review_due=today + timedelta(days=90)),
        "never": make_article(title="Never one"),
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [("overdue", "Overdue one"), ("due-soon", "Soon one"), ("never", "Never one")],
)
def test_the_admin_filters_articles_by_review_due(editor_client, review_dates, value, expected):
    html = editor_client.get(CHANGELIST, {"review": value}).content.decode()
    titles = ["Overdue one", "Soon one", "Later one", "Never one"]
    assert [title for title in titles if title in html] == [expected]


def test_the_admin_index_counts_articles_due_for_review(editor_client, review_dates):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "1 article overdue for medical review" in html
    assert "1 article due for review within 30 days" in html


def test_queryset_rules_for_review(review_dates):
    assert list(Article.objects.review_overdue()) == [review_dates["overdue"]]
    assert list(Article.objects.review_due_soon()) == [review_dates["soon"]]


def test_the_review_window_is_one_number_for_the_notice_the_filter_and_the_rule(
    editor_client, review_dates, monkeypatch
):
    monkeypatch.setattr(Article, "REVIEW_DUE_SOON_DAYS", 120)
    assert "2 articles due for review within 120 days" in editor_client.get(reverse("admin:index")).content.decode()
    html = editor_client.get(CHANGELIST, {"review": "due-soon"}).content.decode()
    assert "Due within 120 days" in html
    titles = ["Overdue one", "Soon one", "Later one", "Never one"]
    assert [title for title in titles if title in html] == ["Soon one", "Later one"]
