"""Messages that count things say "1 article" and "2 articles" (Django's ngettext, not a hand-made "s")."""

from django.urls import reverse

from articles.models import Article
from tests.admin_forms import shown_form_data

CHANGELIST = reverse("admin:articles_article_changelist")


def act_on(client, action: str, articles) -> str:
    data = {"action": action, "_selected_action": [article.pk for article in articles]}
    return client.post(CHANGELIST, data, follow=True).content.decode()


def test_publishing_and_unpublishing_two_articles_count_them_in_the_plural(editor_client, make_article):
    drafts = [make_article(status=Article.Status.DRAFT) for _ in range(2)]
    assert "2 articles published." in act_on(editor_client, "publish", drafts)
    assert "2 articles back to draft." in act_on(editor_client, "unpublish", drafts)


def test_publishing_one_article_counts_it_in_the_singular(editor_client, make_article):
    assert "1 article published." in act_on(editor_client, "publish", [make_article(status=Article.Status.DRAFT)])


def test_two_images_without_a_description_are_counted_in_the_plural(editor_client, make_article):
    url = reverse("admin:articles_article_change", args=[make_article().pk])
    data = shown_form_data(editor_client.get(url), introduction="![](/media/x.png) and ![](/media/y.png).")
    html = editor_client.post(url, data, follow=True).content.decode()
    assert "2 images without a description (alt text): /media/x.png, /media/y.png" in html


def test_the_error_summary_says_this_for_one_error_and_these_for_two(editor_client, make_article):
    url = reverse("admin:articles_article_change", args=[make_article().pk])
    shown = editor_client.get(url)
    one = editor_client.post(url, shown_form_data(shown, title="")).content.decode()
    two = editor_client.post(url, shown_form_data(shown, title="", summary="")).content.decode()
    assert "This needs correcting:" in one and "These need" not in one
    assert "These need correcting:" in two
