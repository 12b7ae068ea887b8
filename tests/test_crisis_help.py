"""Crisis help: an article in a mental-health topic shows where to get help now near the top, under
its title and before its byline and introduction, in words the site's editors write in the admin; the
disclaimer stays at the bottom. Any change to the text, to a topic's flag or to an article's topic
shows at once."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from articles import guide_loader
from articles.article_body import store_bodies
from articles.models import Article, CrisisHelp, Topic

CRISIS_BOX = '<aside class="crisis-help" aria-labelledby="crisis-help-heading">'
CHANGE_PAGE = reverse("admin:articles_crisishelp_change")


def page(article) -> str:
    return Client().get(article.get_absolute_url()).content.decode()


@pytest.fixture
def everyday_topic(db):
    return Topic.objects.create(name="Sleep", slug="sleep")


def test_the_guide_shows_crisis_help_under_its_title_before_its_byline_and_introduction(guide):
    html = page(guide)
    box = html.index(CRISIS_BOX)
    assert html.index("</h1>") < box < html.index('<dl class="medical-review">') < html.index('id="introduction"')
    assert '<h2 id="crisis-help-heading">If you need help now</h2>' in html
    assert "call your local emergency number" in html[box : html.index("</aside>", box)]
    # The disclaimer at the bottom stays.
    assert html.index('<aside class="medical-note"') > html.index('id="faq-heading"')
    assert "If you are in crisis, call your local emergency number." in html


def test_an_article_outside_a_mental_health_topic_shows_no_crisis_help(make_article, everyday_topic):
    assert CRISIS_BOX not in page(make_article(topic=everyday_topic))
    assert CRISIS_BOX not in page(make_article())  # filed under no topic


def test_the_default_text_names_only_the_services_checked(guide):
    """Every number and address in the defaults was checked (articles.models.CRISIS_HELP_TEXT): a
    new one must be checked too, and named here."""
    html = page(guide)
    box = html[html.index(CRISIS_BOX) : html.index("</aside>", html.index(CRISIS_BOX))]
    text = re.sub(r"<[^>]+>", "", box)
    assert set(re.findall(r"\d[\d ]*\d", text)) == {"988", "116 123"}
    assert re.findall(r'href="([^"]*)"', box) == ["https://findahelpline.com"]
    assert "If you are in danger now, call your local emergency number." in text
    for service in ("US and Canada: call or text 988.", "UK and Ireland: call Samaritans on 116 123."):
        assert service in text


def test_an_editor_changes_the_text_in_the_admin_and_readers_see_it_at_once(guide, editors_group_client):
    page(guide)  # the shared page is now kept
    form = {"heading": "Help where you live", "text": "Call **your local crisis line**.\n\n<script>x()</script>"}
    response = editors_group_client.post(CHANGE_PAGE, form)
    assert response.status_code == 302

    html = page(guide)
    assert '<h2 id="crisis-help-heading">Help where you live</h2>' in html
    assert "<p>Call <strong>your local crisis line</strong>.</p>" in html
    assert "If you need help now" not in html and "<script>x()" not in html


def test_editing_the_crisis_help_or_the_topic_flag_leaves_last_updated_alone(guide):
    """The box is the site's, not the article's: its "Last updated" is the article's last change."""
    settled = datetime(2026, 5, 4, 14, 2, tzinfo=UTC)
    # As a deploy would find it: a body made with other templates is made again, with no change dated.
    Article.objects.filter(pk=guide.pk).update(
        published_at=settled - timedelta(days=1), content_changed_at=settled, body_html_version=""
    )
    store_bodies([guide.pk])
    guide.topic.is_mental_health = False
    guide.topic.save()
    guide.topic.is_mental_health = True
    guide.topic.save()
    crisis_help = CrisisHelp.get_solo()
    crisis_help.text = "Call your local emergency number."
    crisis_help.save()

    assert Article.objects.get(pk=guide.pk).content_changed_at == settled
    assert '<dt>Last updated</dt><dd><time datetime="2026-05-04T14:02:00+00:00">' in page(guide)


def test_unticking_and_ticking_a_topics_flag_removes_and_restores_the_box_at_once(guide):
    page(guide)  # the shared page is now kept
    guide.topic.is_mental_health = False
    guide.topic.save()
    assert CRISIS_BOX not in page(guide)

    guide.topic.is_mental_health = True
    guide.topic.save()
    assert CRISIS_BOX in page(guide)


def test_the_topic_flag_is_a_tick_box_on_the_topics_admin_page(guide, editors_group_client):
    url = reverse("admin:articles_topic_change", args=[guide.topic.pk])
    form = {"name": guide.topic.name, "slug": guide.topic.slug, "description": ""}  # the box left unticked
    assert editors_group_client.post(url, form).status_code == 302
    assert CRISIS_BOX not in page(guide)


def test_moving_an_article_into_or_out_of_a_mental_health_topic_shows_at_once(guide, make_article, everyday_topic):
    article = make_article(topic=everyday_topic)
    page(article)  # the shared page is now kept
    article.topic = guide.topic
    article.save()
    assert CRISIS_BOX in page(article)

    article.topic = everyday_topic
    article.save()
    assert CRISIS_BOX not in page(article)


def test_the_guide_page_with_crisis_help_keeps_its_query_budget(guide, django_assert_max_num_queries):
    """The box comes with the stored body: reading the page asks nothing more of the database."""
    store_bodies([guide.pk])
    with django_assert_max_num_queries(10):  # rendering everything, every cache cold (the article page's budget)
        assert CRISIS_BOX in page(guide)
    with django_assert_max_num_queries(0):  # the shared page, kept
        assert CRISIS_BOX in page(guide)


def test_a_reader_cannot_open_the_crisis_help_admin(client, guide):
    response = client.get(CHANGE_PAGE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_an_old_body_made_before_the_deploy_is_made_again_with_the_box(guide):
    """Bodies stored before crisis help existed (another body version) get it on their first read."""
    Article.objects.filter(pk=guide.pk).update(body_html="<p>old</p>", body_html_version="old")
    assert CRISIS_BOX in page(guide)


def load_guide(*args) -> str:
    out = io.StringIO()
    call_command("load_guide", *args, stdout=out)
    return out.getvalue()


def test_load_guide_files_the_guide_under_a_mental_health_topic(guide):
    assert guide.topic.is_mental_health


def test_a_flag_an_editor_unticked_is_kept_until_a_reset(guide):
    guide.topic.is_mental_health = False
    guide.topic.save()
    assert "kept as it is" in load_guide()
    assert not Topic.objects.get(pk=guide.topic.pk).is_mental_health

    load_guide("--reset")
    assert Topic.objects.get(pk=guide.topic.pk).is_mental_health
    assert CRISIS_BOX in page(guide)


def test_a_flag_that_is_not_true_or_false_is_a_clear_error(tmp_path, monkeypatch, db):
    (tmp_path / "flag.yaml").write_text(
        "article:\n  slug: s\n  title: T\n  summary: S\n  introduction: I\n"
        "  topic: Depression\n  topic_is_mental_health: 'yes'\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(guide_loader, "CONTENT_DIR", tmp_path)
    with pytest.raises(CommandError, match=r"flag\.yaml: topic_is_mental_health must be true or false\."):
        load_guide()
    assert not Article.objects.exists()


def test_text_the_renderer_refuses_is_a_message_on_the_field_not_a_500(guide, editors_group_client):
    deep = "\n".join("  " * level + "- x" for level in range(40))
    response = editors_group_client.post(CHANGE_PAGE, {"heading": "Help now", "text": deep})
    assert response.status_code == 200
    assert "nested" in response.content.decode()
    assert CrisisHelp.get_solo().heading == "If you need help now"
    assert "If you need help now" in page(guide)


def test_staff_who_may_only_write_articles_cannot_change_the_crisis_help(guide, editor_client):
    response = editor_client.post(CHANGE_PAGE, {"heading": "Changed", "text": "Changed."})
    assert response.status_code == 403
    assert "If you need help now" in page(guide)


def test_the_box_is_the_sites_not_the_articles_text_search_feeds_and_the_head_leave_it_out(guide):
    """Search finds an article by its own words, feeds and link previews describe it by its summary:
    the crisis help, the same on every mental-health article, is in none of them."""
    crisis_help = CrisisHelp.get_solo()
    crisis_help.text = "Call the Zebracorn helpline."
    crisis_help.save()
    html = page(guide)
    assert "Zebracorn" in html  # the box shows it

    head = html[: html.index("</head>")]
    assert "Zebracorn" not in head  # meta description, Open Graph and Twitter cards, JSON-LD
    assert "No published article matches" in Client().get("/search/?q=zebracorn").content.decode()
    for feed in ("articles:feed", "articles:feed-atom"):
        assert b"Zebracorn" not in Client().get(reverse(feed)).content
