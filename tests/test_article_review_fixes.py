"""Defects a review found in articles, each with the test that would have caught it."""

from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article


def test_restoring_a_revision_with_an_older_address_keeps_the_current_one_working(editor_client, make_article):
    import reversion

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


def test_canonical_address_has_no_query_string(guide):
    html = Client().get(guide.get_absolute_url(), {"unapproved": "x", "comments-page": "2"}).content.decode()
    assert f'<link rel="canonical" href="http://testserver{guide.get_absolute_url()}">' in html
    assert "unapproved=x" not in html.split("</head>")[0]


def test_unpublish_records_the_edit_and_publish_reports_scheduled_ones(editor_client, make_article, editor):
    from datetime import timedelta

    from django.utils import timezone

    live = make_article(title="Live")
    before = live.updated_at
    changelist = reverse("admin:articles_article_changelist")
    editor_client.post(changelist, {"action": "unpublish", "_selected_action": [live.pk], "index": "0"})
    live.refresh_from_db()
    assert live.updated_at > before and live.updated_by == editor
    future = make_article(status=Article.Status.DRAFT, published_at=timezone.now() + timedelta(days=1))
    response = editor_client.post(
        changelist, {"action": "publish", "_selected_action": [future.pk], "index": "0"}, follow=True
    )
    assert "0 articles published. 1 scheduled: their publish time is still ahead." in response.content.decode()
