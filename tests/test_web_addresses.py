"""A web address typed without its scheme is taken as https, wherever it is typed; only http(s) is taken."""

import pytest
from django.urls import reverse

from articles.models import Reference
from comments.models import Comment
from tests.admin_forms import shown_form_data
from tests.conftest import comment_form_data, role_group, staff_user


def post_comment(client, article, website: str):
    return client.post(
        reverse("comments:post", kwargs={"slug": article.slug}), comment_form_data(article, website=website)
    )


def save_comment_in_the_admin(client, comment, website: str):
    url = reverse("admin:comments_comment_change", args=[comment.pk])
    return client.post(url, shown_form_data(client.get(url), website=website))


def save_reference_in_the_admin(client, reference, url_typed: str):
    url = reverse("admin:articles_article_change", args=[reference.article_id])
    response = client.get(url)
    form = next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.model is Reference)
    return client.post(url, shown_form_data(response, **{f"{form.prefix}-0-url": url_typed}))


def test_a_commenters_website_without_a_scheme_is_kept_as_https(client, guide):
    assert post_comment(client, guide, "ann.example").status_code == 302
    assert Comment.objects.get().website == "https://ann.example"


def test_a_moderator_correcting_a_website_without_a_scheme_saves_it_as_https(moderator_client, guide, make_comment):
    comment = make_comment(guide)
    assert save_comment_in_the_admin(moderator_client, comment, "ann.example").status_code == 302
    assert Comment.objects.get(pk=comment.pk).website == "https://ann.example"


def editor_of_references(client):
    editor = staff_user("referee", [])
    editor.groups.add(role_group("Editors"))
    client.force_login(editor)
    return client


def test_an_editors_reference_link_without_a_scheme_is_saved_as_https(client, guide):
    client = editor_of_references(client)
    reference = guide.references.first()
    assert save_reference_in_the_admin(client, reference, "pubmed.example/123").status_code == 302
    assert Reference.objects.get(pk=reference.pk).url == "https://pubmed.example/123"


@pytest.mark.parametrize("typed", ["ftp://files.example/a", "javascript:alert(1)"])
def test_an_address_that_is_not_http_is_refused_in_every_form(client, moderator, guide, make_comment, typed):
    comment, reference = make_comment(guide), guide.references.first()
    refusal = "Enter a web address starting with http:// or https://."
    assert refusal in post_comment(client, guide, typed).content.decode()
    client.force_login(moderator)
    assert refusal in save_comment_in_the_admin(client, comment, typed).content.decode()
    assert refusal in save_reference_in_the_admin(editor_of_references(client), reference, typed).content.decode()
    assert Comment.objects.get(pk=comment.pk).website == ""
    assert Reference.objects.get(pk=reference.pk).url == reference.url
