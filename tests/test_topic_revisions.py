"""A revision keeps the article's topic: restoring it files the article there again."""

import reversion
from django.urls import reverse
from reversion.models import Version

from articles.models import Topic
from tests.admin_forms import shown_form_data


def save_revision(article, **changes):
    with reversion.create_revision():
        for name, value in changes.items():
            setattr(article, name, value)
        article.save()


def test_restoring_a_revision_brings_back_its_topic(editor_client, make_article):
    pain = Topic.objects.create(name="Chronic Pain", slug="chronic-pain")
    sleep = Topic.objects.create(name="Sleep", slug="sleep")
    article = make_article(topic=pain)
    save_revision(article)
    save_revision(article, topic=sleep)
    url = reverse(
        "admin:articles_article_revision", args=[article.pk, Version.objects.get_for_object(article).last().pk]
    )

    response = editor_client.post(url, shown_form_data(editor_client.get(url)), follow=True)

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.topic == pain
    assert "Chronic Pain" in editor_client.get(article.get_absolute_url()).content.decode()


def test_a_revision_whose_topic_was_deleted_asks_for_another(editor_client, make_article):
    gone = Topic.objects.create(name="Gone", slug="gone")
    article = make_article(topic=gone)
    save_revision(article)
    save_revision(article, topic=None)
    gone.delete()
    url = reverse(
        "admin:articles_article_revision", args=[article.pk, Version.objects.get_for_object(article).last().pk]
    )

    response = editor_client.post(url, shown_form_data(editor_client.get(url)), follow=True)

    assert response.status_code == 200  # the form again, nothing restored, the field named
    assert 'id="id_topic_error"><li>Select a valid choice.' in response.content.decode()
    article.refresh_from_db()
    assert article.topic is None
