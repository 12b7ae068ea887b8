"""A refused comment says so where a screen reader or a phone reader first looks: the page title, the summary."""

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


def error_summary_of(response) -> str:
    return response.content.decode().split('id="error-summary"')[1].split("</div>")[0]


def test_a_refused_reply_says_whose_comment_it_answers_where_the_reader_lands(client, guide, make_comment):
    # The page lands on the error summary: the "Reply to ..." heading above it is out of view on a phone.
    parent = make_comment(guide, name="Dr Ruth Okafor")
    data = comment_form_data(guide, email="reader@invalid", parent=str(parent.pk))

    response = client.post(reverse("comments:post", kwargs={"slug": guide.slug}), data)

    assert "Your reply to Dr Ruth Okafor was not posted" in error_summary_of(response)


def test_a_refused_comment_summary_says_comment(client, guide):
    data = comment_form_data(guide, email="reader@invalid")

    response = client.post(reverse("comments:post", kwargs={"slug": guide.slug}), data)

    assert "Your comment was not posted" in error_summary_of(response)
