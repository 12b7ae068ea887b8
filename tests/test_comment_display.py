"""What readers see of comments: only approved ones, threaded, paginated, safe and private."""

import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comments.models import Comment, DiscussionSettings
from comments.threads import unapproved_token


class ElementCollector(HTMLParser):
    """Every element of a page as (tag, attributes), as a browser would build them."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    collector = ElementCollector()
    collector.feed(html)
    return collector.elements


def page_html(article, client=None, **params) -> str:
    return (client or Client()).get(article.get_absolute_url(), params).content.decode()


def test_the_form_carries_the_seed_labels(guide):
    html = page_html(guide)
    assert "Leave a Reply" in html
    assert "Your email address will not be published. Required fields are marked" in html
    for label in ("Name", "Email", "Website", "Comment"):
        assert f">{label}" in html
    assert "Save my name, email, and website in this browser for the next time I comment." in html
    assert "Post Comment" in html
    assert html.count('<span class="required" aria-hidden="true">*</span>') == 3


def test_only_approved_comments_are_shown(guide, make_comment):
    make_comment(guide, body="Approved words.")
    for status in (Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED):
        make_comment(guide, status=status, body=f"Hidden {status} words.")
    html = page_html(guide)
    assert "Approved words." in html
    assert "Hidden" not in html
    assert '<h2 id="comments-heading">1 Comment</h2>' in html


def test_heading_counts_approved_comments_and_replies(guide, make_comment):
    first = make_comment(guide)
    make_comment(guide, parent=first)
    make_comment(guide)
    assert '<h2 id="comments-heading">3 Comments</h2>' in page_html(guide)


def test_no_comment_yet_shows_a_plain_heading(guide):
    assert '<h2 id="comments-heading">Comments</h2>' in page_html(guide)


def test_the_author_alone_sees_their_waiting_comment(guide, make_comment):
    waiting = make_comment(guide, status=Comment.Status.PENDING, body="Mine, waiting.")
    authors_view = page_html(guide, unapproved=unapproved_token(waiting))
    assert "Mine, waiting." in authors_view
    assert "Your comment is awaiting moderation." in authors_view
    assert "Mine, waiting." not in page_html(guide)
    assert "Mine, waiting." not in page_html(guide, unapproved="forged-token")


def test_a_spam_comment_looks_like_a_waiting_one_to_its_author(guide, make_comment):
    spam = make_comment(guide, status=Comment.Status.SPAM, body="Buy now.")
    assert "Your comment is awaiting moderation." in page_html(guide, unapproved=unapproved_token(spam))


def test_approved_comments_show_no_awaiting_note(guide, make_comment):
    comment = make_comment(guide)
    assert "awaiting moderation" not in page_html(guide, unapproved=unapproved_token(comment))


def test_name_links_to_the_website_with_nofollow_ugc(guide, make_comment):
    make_comment(guide, name="Ann", website="https://ann.example")
    make_comment(guide, name="Bob")
    html = page_html(guide)
    assert '<a href="https://ann.example" rel="nofollow ugc noopener">Ann</a>' in html
    assert re.search(r'id="comment-\d+-author">Bob</span>', html)


def test_email_and_ip_never_reach_the_page(guide, make_comment):
    make_comment(guide, email="secret.person@example.com", ip_address="198.51.100.77", user_agent="SecretAgent/1")
    html = page_html(guide)
    for private in ("secret.person", "198.51.100.77", "SecretAgent"):
        assert private not in html


@pytest.mark.parametrize(
    "field, value",
    [
        ("body", "<script>alert(1)</script>"),
        ("body", '<img src=x onerror="alert(1)">'),
        ("body", "[click](javascript:alert(1))"),
        ("body", "[click](data:text/html;base64,PHNjcmlwdD4=)"),
        ("body", "[click](&#106;avascript:alert(1))"),
        ("body", "<a href='x' onclick='alert(1)'>broken <b>markup"),
        ("name", "<script>alert(1)</script>"),
        ("name", '"><img src=x onerror=alert(1)>'),
    ],
)
def test_script_and_dangerous_links_are_neutralised(guide, make_comment, field, value):
    make_comment(guide, **{field: value})
    comments = page_html(guide).split('id="comments"')[1]
    for tag, attributes in elements(comments):
        assert tag not in ("script", "img", "iframe", "svg")
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        for address in (attributes.get("href") or "", attributes.get("src") or ""):
            assert not address.strip().lower().startswith(("javascript:", "data:")), (tag, attributes)


def test_comment_markdown_is_strict(guide, make_comment):
    make_comment(guide, body="# Heading\n\n*em* **strong** `code`\n\n- item\n\n![img](https://x.example/a.png)")
    comments = page_html(guide).split('id="comments"')[1]
    assert "<em>em</em>" in comments and "<strong>strong</strong>" in comments and "<code>code</code>" in comments
    assert "<li>item</li>" in comments
    assert "<h1" not in comments
    assert "a.png" not in comments


def test_replies_nest_under_their_comment(guide, make_comment):
    first = make_comment(guide, body="First.")
    reply = make_comment(guide, parent=first, body="Reply.")
    make_comment(guide, parent=reply, body="Reply to reply.")
    html = page_html(guide)
    thread = html.split(f'id="comment-{first.pk}"')[1]
    assert thread.index("Reply.") < thread.index("Reply to reply.")
    assert html.count('class="comment-replies"') == 2


def test_reply_link_is_offered_until_three_levels(guide, make_comment):
    first = make_comment(guide)
    second = make_comment(guide, parent=first)
    third = make_comment(guide, parent=second)
    html = page_html(guide)
    assert f"replytocom={first.pk}#comment-{first.pk}" in html
    assert f"replytocom={second.pk}#comment-{second.pk}" in html
    assert f"replytocom={third.pk}" not in html


def test_reply_link_puts_the_form_under_that_comment(guide, make_comment):
    first = make_comment(guide, name="Ann")
    make_comment(guide, body="Another comment.")
    html = page_html(guide, replytocom=str(first.pk))
    comment_block = html.split(f'id="comment-{first.pk}"')[1].split("Another comment.")[0]
    assert 'id="respond"' in comment_block
    assert "Reply to Ann" in comment_block
    assert f'name="parent" value="{first.pk}"' in comment_block
    assert html.count('id="respond"') == 1


@pytest.mark.parametrize("value", ["abc", "99999", "-1", ""])
def test_a_bad_reply_target_shows_the_normal_form(guide, value):
    html = page_html(guide, replytocom=value)
    assert "Leave a Reply" in html


def test_comments_are_oldest_first_and_paginated_by_top_level(guide, make_comment):
    rules = DiscussionSettings.get_solo()
    rules.comments_per_page = 2
    rules.save()
    comments = [make_comment(guide, body=f"Top {number}.") for number in range(5)]
    make_comment(guide, parent=comments[0], body="Reply to top 0.")
    first_page = page_html(guide)
    assert first_page.index("Top 0.") < first_page.index("Top 1.")
    assert "Reply to top 0." in first_page
    assert "Top 2." not in first_page
    assert "Comment page 1 of 3" in first_page
    last_page = page_html(guide, **{"comments-page": "3"})
    assert "Top 4." in last_page and "Top 0." not in last_page


@pytest.mark.parametrize("value", ["abc", "0", "-3", "9999", "1.5"])
def test_a_bad_comment_page_number_is_not_an_error(guide, make_comment, value):
    make_comment(guide)
    assert Client().get(guide.get_absolute_url(), {"comments-page": value}).status_code == 200


def test_closed_comments_stay_visible_and_the_form_says_closed(guide, make_comment):
    make_comment(guide, body="Said before closing.")
    guide.comments_open = False
    guide.save()
    html = page_html(guide)
    assert "Said before closing." in html
    assert "Comments are closed." in html
    assert "Leave a Reply" not in html
    assert "replytocom" not in html


def test_staff_replies_are_marked(guide, make_comment):
    make_comment(guide, is_staff_reply=True, name="Dr Editor")
    assert '<span class="comment-badge">Staff</span>' in page_html(guide)


def test_article_page_queries_do_not_grow_with_comments(guide, make_comment, django_assert_max_num_queries):
    """A page with 200 approved comments in threads costs the queries a page with one thread does.

    Measured with an empty cache, so everything is rendered: the article (with author and
    reviewer), its takeaways, sections, FAQ, references and related articles; the discussion
    settings; the comment count, the count of threads for pagination, the page of threads and
    their replies.
    """
    make_comment(guide, parent=make_comment(guide))
    client = Client()
    client.get(guide.get_absolute_url())
    cache.clear()
    with CaptureQueriesContext(connection) as one_thread:
        client.get(guide.get_absolute_url())
    assert len(one_thread.captured_queries) <= 12
    for number in range(100):
        make_comment(guide, parent=make_comment(guide, body=f"Top {number}"), body=f"Reply {number}")
    cache.clear()
    with django_assert_max_num_queries(len(one_thread.captured_queries)):
        response = client.get(guide.get_absolute_url(), {"comments-page": "2"})
    assert response.content.decode().count('<li class="comment"') == 2 * 50  # 50 threads of two on page 2


@pytest.mark.parametrize("value", ["²", "١٢", "1" * 30, "0x10"])
def test_odd_reply_targets_show_the_normal_form_not_a_500(guide, value):
    response = Client().get(guide.get_absolute_url(), {"replytocom": value})
    assert response.status_code == 200
    assert "Leave a Reply" in response.content.decode()


def test_the_heading_counts_only_comments_that_are_shown(guide, make_comment):
    parent = make_comment(guide)
    make_comment(guide, parent=parent)
    parent.status = Comment.Status.REMOVED
    parent.save()
    assert '<h2 id="comments-heading">Comments</h2>' in Client().get(guide.get_absolute_url()).content.decode()


def test_a_comments_address_opens_its_page_of_threads(guide, make_comment, one_thread_per_page):
    make_comment(guide)
    second = make_comment(guide)
    assert second.get_absolute_url() == f"{guide.get_absolute_url()}?comments-page=2#comment-{second.pk}"
