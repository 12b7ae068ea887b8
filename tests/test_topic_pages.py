"""A topic's page at /topics/<slug>/ and home: what readers find there, and what they never do."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, Topic

HOME = reverse("articles:list")


@pytest.fixture
def topic(db):
    return Topic.objects.create(
        name="Chronic Pain", slug="chronic-pain", description="Pain that lasts for months, and what helps."
    )


def photo() -> SimpleUploadedFile:
    output = BytesIO()
    Image.new("RGB", (1200, 800), (20, 90, 160)).save(output, format="JPEG")
    return SimpleUploadedFile("photo.jpg", output.getvalue(), content_type="image/jpeg")


def test_topic_page_lists_its_published_articles_newest_first(topic, make_article):
    now = timezone.now()
    make_article(title="Older in topic", topic=topic, published_at=now - timedelta(days=9))
    make_article(title="Newer in topic", topic=topic, published_at=now - timedelta(days=1))
    make_article(title="Draft in topic", topic=topic, status=Article.Status.DRAFT)
    make_article(title="Scheduled in topic", topic=topic, published_at=now + timedelta(days=1))
    make_article(title="In no topic")

    response = Client().get(topic.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Chronic Pain</h1>" in html
    assert "Pain that lasts for months, and what helps." in html
    assert html.index("Newer in topic") < html.index("Older in topic")
    for hidden in ("Draft in topic", "Scheduled in topic", "In no topic"):
        assert hidden not in html


def test_topic_page_is_paginated(topic, make_article):
    for number in range(25):
        make_article(title=f"Article {number}", topic=topic, sections=0, takeaways=0, faqs=0)

    first = Client().get(topic.get_absolute_url()).content.decode()
    second = Client().get(topic.get_absolute_url() + "?page=2").content.decode()

    assert first.count('class="article-card"') == 20 and 'rel="next"' in first
    assert second.count('class="article-card"') == 5 and "Page 2 of 2" in second


def test_topic_page_names_its_clean_address_as_canonical(topic, make_article):
    for number in range(21):
        make_article(title=f"Article {number}", topic=topic, sections=0, takeaways=0, faqs=0)
    canonical = f'<link rel="canonical" href="{settings.SITE_URL}/topics/chronic-pain/">'
    assert canonical in Client().get(topic.get_absolute_url() + "?utm_source=feed").content.decode()
    assert 'rel="canonical"' not in Client().get(topic.get_absolute_url() + "?page=2").content.decode()


def test_topic_with_nothing_published_says_so(topic, make_article):
    make_article(title="Draft in topic", topic=topic, status=Article.Status.DRAFT)
    response = Client().get(topic.get_absolute_url())
    assert response.status_code == 200
    assert "No articles are published in this topic yet." in response.content.decode()


@pytest.mark.parametrize(
    "address",
    ["/topics/no-such-topic/", "/topics/chronic-pain/?page=99", "/topics/chronic-pain/?page=abc", "/topics/%E2%80%A6/"],
)
def test_unknown_topic_or_page_is_the_404_page(topic, address):
    response = Client().get(address)
    assert response.status_code == 404
    assert "<html" in response.content.decode()  # the site's 404 page, not a bare message


def test_topic_page_query_count_does_not_grow_with_articles(topic, make_article, django_assert_max_num_queries):
    for number in range(25):
        make_article(title=f"Article {number}", topic=topic, sections=0, takeaways=0, faqs=0)
    # the site's name, the topic, the count, the page of articles; on a cold cache the footer's site pages
    with django_assert_max_num_queries(5):
        response = Client().get(topic.get_absolute_url())
    assert response.status_code == 200


def test_lists_show_the_lead_image_thumbnail(topic, make_article, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_article(title="With a picture", topic=topic, lead_image=photo(), lead_image_alt="A drip stand")
    make_article(title="Without a picture", topic=topic)

    for address in (HOME, topic.get_absolute_url()):
        html = Client().get(address).content.decode()
        assert html.count('class="thumbnail"') == 1
        assert '<img class="thumbnail" src="/media/renditions/' in html
        assert 'width="1200" height="800" alt="" loading="lazy"' in html


def test_home_lists_the_topics_with_something_published(topic, make_article):
    empty = Topic.objects.create(name="Sleep", slug="sleep")
    make_article(title="Draft in sleep", topic=empty, status=Article.Status.DRAFT)
    make_article(title="Published in pain", topic=topic)

    html = Client().get(HOME).content.decode()

    assert f'<a href="{topic.get_absolute_url()}">Chronic Pain</a>' in html
    assert "Sleep" not in html
    assert "Published in pain" in html


def test_home_query_count_does_not_grow_with_topics(make_article, django_assert_max_num_queries):
    for number in range(10):
        make_article(topic=Topic.objects.create(name=f"Topic {number}", slug=f"topic-{number}"), sections=0)
    # the site's name, the count, the page of articles, the topics; on a cold cache the footer's site pages
    with django_assert_max_num_queries(5):
        response = Client().get(HOME)
    assert response.content.decode().count('href="/topics/') == 10
