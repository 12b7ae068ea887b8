"""The comment form's "See Privacy" link is there only while the privacy page is published: a site without
one would send every commenter to "Page not found". The kept page follows a publish or an unpublish."""

import pytest

from articles.models import SitePage

LINK = 'See <a href="/privacy/">Privacy</a>.'


@pytest.fixture
def article(make_article):
    return make_article()


@pytest.mark.django_db
def test_no_privacy_page_no_link_in_the_form(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Leave a Reply" in page and "a copy of your comments, or their erasure" in page
    assert LINK not in page


@pytest.mark.django_db
def test_link_follows_publishing_and_unpublishing_the_privacy_page(client, article):
    url = article.get_absolute_url()
    privacy = SitePage.objects.create(title="Privacy", slug="privacy", body="What we keep.", is_published=False)
    assert LINK not in client.get(url).content.decode()  # kept now, without the link
    privacy.is_published = True
    privacy.save()
    assert LINK in client.get(url).content.decode()
    assert client.get("/privacy/").status_code == 200
    privacy.is_published = False
    privacy.save()
    assert LINK not in client.get(url).content.decode()


@pytest.mark.django_db
def test_reply_form_in_a_thread_follows_it_too(client, article, make_comment):
    comment = make_comment(article)
    url = f"{article.get_absolute_url()}?replytocom={comment.pk}"
    assert LINK not in client.get(url).content.decode()
    SitePage.objects.create(title="Privacy", slug="privacy", body="What we keep.", is_published=True)
    assert LINK in client.get(url).content.decode()
