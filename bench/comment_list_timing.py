"""How long a page's comments take to render in-process, with 200 comments on one page (not a test).

Run from a project checkout: `.venv/bin/python bench/comment_list_timing.py`. It builds an
in-memory SQLite database with the guide and 100 threads of two approved comments, then times
(best of several rounds, milliseconds):

- list: the comments of the page, from the queries to the HTML (no cache: as a cold page or a
  reader whose list is their own gets it);
- form: the "Leave a Reply" form for a reader with remembered details;
- personal page: the whole article page for that reader, through Django's test client.

It runs unchanged on a checkout from before comments were rendered on save (#11), so both can
be timed in the same run: point it at the other checkout with `--project DIR`.
"""

import argparse
import os
import sys
import timeit
from pathlib import Path

ROUNDS, NUMBER = 7, 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parents[1])
    project = parser.parse_args().project.resolve()
    sys.path.insert(0, str(project))
    os.chdir(project)
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's ALLOWED_HOSTS
    call_command("migrate", verbosity=0)
    call_command("load_guide", verbosity=0)

    from django.core.cache import caches
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from articles.models import Article
    from comments import remembered_author
    from comments.forms import CommentForm
    from comments.models import Comment, DiscussionSettings
    from comments.threads import thread_page

    article = Article.objects.get(slug="what-is-ketamine-infusion-used-for")
    rules = DiscussionSettings.get_solo()
    rules.comments_per_page = 200
    rules.save()
    for number in range(100):
        top = Comment.objects.create(
            article=article, name=f"Reader {number}", email=f"r{number}@example.com", body=f"Comment *{number}*."
        )
        Comment.objects.create(article=article, parent=top, name="Editor", email="e@example.com", body="Reply.")
    Comment.objects.update(status="approved")  # one write for all: only the bench does this
    for comment in Comment.objects.all():  # what a moderator's approval does to each
        comment.save()

    try:  # after #11: joined from the fragments stored on save
        from comments.comment_list import comment_list_html

        def render_list():
            threads = thread_page(article, page_number=1, per_page=200)
            url = article.get_absolute_url()
            return comment_list_html(threads.nodes, article_url=url, page_number=1, accepting=True)
    except ImportError:  # before: a template per comment

        def render_list():
            threads = thread_page(article, page_number=1, per_page=200)
            context = {"article": article, "threads": threads, "accepting": True, "form_in_thread": False}
            return render_to_string("comments/thread_list.html", context)

    request = RequestFactory().get(article.get_absolute_url())
    request.COOKIES[remembered_author.COOKIE_NAME] = '{"name": "Ann", "email": "ann@example.com", "website": ""}'
    remembered = remembered_author.read(request)

    def render_form():
        form = CommentForm(article=article, initial=remembered.form_initial())
        context = {"article": article, "form": form, "reply_to": None}
        return render_to_string("comments/form.html", context, request=request)

    client = Client()
    client.cookies[remembered_author.COOKIE_NAME] = request.COOKIES[remembered_author.COOKIE_NAME]

    def personal_page():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200 and b"Reply." in response.content

    def cold_personal_page():
        for alias in ("default", "pages"):
            caches[alias].clear()
        personal_page()

    assert render_list().count('<li class="comment') == 200
    print(f"project: {project}")
    for name, run in [
        ("list of 200 comments", render_list),
        ("form, remembered details", render_form),
        ("personal page (remembered details)", personal_page),
        ("cold personal page, caches cleared", cold_personal_page),
    ]:
        best = min(timeit.repeat(run, number=NUMBER, repeat=ROUNDS)) / NUMBER
        print(f"{name:40} {best * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
