"""A refused comment says so in the page title, the first thing a screen reader reads on the new page."""

from django.urls import reverse

from tests.conftest import comment_form_data


def test_a_refused_comment_page_title_starts_with_error(client, guide):
    data = comment_form_data(guide, email="reader@invalid")

    response = client.post(reverse("comments:post", kwargs={"slug": guide.slug}), data)

    assert response.status_code == 400
    assert f"<title>Error: {guide.title} |" in response.content.decode()


def test_the_article_page_title_has_no_error_prefix(client, guide):
    response = client.get(guide.get_absolute_url())

    assert f"<title>{guide.title} |" in response.content.decode()
