"""Every public page passes the Nu HTML checker (vnu, the W3C's validator) with 0 errors.

The pages are rendered with the test client, written to a temporary folder and checked by one
run of vnu.jar over all of them: Java takes seconds to start, so the check runs once per session
and each page's test reads its own messages. The checker is the npm package `vnu-jar`, pinned
in package.json (`npm ci` installs it, `make test` does that first); it needs Java 11 or newer.
"""

import io
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.sites.models import Site
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from articles.models import Article, SitePage, Topic
from articles.site_page_loader import read_site_pages
from comments import personal_data
from comments.models import Comment
from tests.conftest import GUIDE_SLUG, comment_form_data, comment_post_url

# django_db: pytest-django creates the test database only for a session with tests that ask for it.
pytestmark = [pytest.mark.nu_checker, pytest.mark.django_db]

VNU_JAR = Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def guide_with_comments(client: Client) -> str:
    """The guide with an approved comment and a reply to it (the comment list, the Reply links)."""
    guide = Article.objects.get(slug=GUIDE_SLUG)
    approved = {"article": guide, "status": Comment.Status.APPROVED, "ip_address": "203.0.113.7"}
    question = Comment.objects.create(name="Ann Reader", email="ann@example.com", body="Does it *hurt*?", **approved)
    Comment.objects.create(parent=question, name="Bo", email="bo@example.com", body="Not for me.", **approved)
    return client.get(guide.get_absolute_url()).content.decode()


def waiting_comment_seen_by_its_author(client: Client) -> str:
    """The page a commenter lands on after posting: their comment, waiting for a moderator."""
    guide = Article.objects.get(slug=GUIDE_SLUG)
    response = client.post(comment_post_url(guide), comment_form_data(guide), follow=True)
    assert Comment.objects.filter(status=Comment.Status.PENDING).exists(), "the comment did not wait"
    return response.content.decode()


def refused_post(client: Client) -> str:
    """A post with mistakes: the page again, with the error summary and each field's message."""
    guide = Article.objects.get(slug=GUIDE_SLUG)
    response = client.post(comment_post_url(guide), comment_form_data(guide, email="not-an-address", body=""))
    assert response.status_code == 400
    return response.content.decode()


def address_of(model, **filters) -> Callable[[Client], str]:
    def render(client: Client) -> str:
        response = client.get(model.objects.get(**filters).get_absolute_url())
        assert response.status_code == 200
        return response.content.decode()

    return render


def person_page(client: Client) -> str:
    author = Article.objects.select_related("author").get(slug=GUIDE_SLUG).author
    response = client.get(author.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def home(client: Client) -> str:
    return client.get("/").content.decode()


def search(query: str, status: int = 200) -> Callable[[Client], str]:
    def render(client: Client) -> str:
        response = client.get("/search/", {"q": query} if query else {})
        assert response.status_code == status
        return response.content.decode()

    return render


def not_found(client: Client) -> str:
    response = client.get("/articles/no-such-article/")
    assert response.status_code == 404
    return response.content.decode()


def answer(address: str, status: int = 200, data: dict | None = None) -> Callable[[Client], str]:
    def render(client: Client) -> str:
        response = client.get(address) if data is None else client.post(address, data)
        assert response.status_code == status
        return response.content.decode()

    return render


def personal_data_confirmation(client: Client) -> str:
    return answer(urlsplit(personal_data.link_for("ann@example.com", "erasure")).path)(client)


# What each test checks: a name (the file's name, the test's id) and how to render the page from the
# loaded guide. A new public page adds a line here.
PAGES: dict[str, Callable[[Client], str]] = {
    "home": home,
    "topic": address_of(Topic, articles__slug=GUIDE_SLUG),
    "person": person_page,
    "article": address_of(Article, slug=GUIDE_SLUG),
    "article-with-comments": guide_with_comments,
    "article-with-a-waiting-comment": waiting_comment_seen_by_its_author,
    "article-with-a-refused-post": refused_post,
    # Where an old WordPress address leads: the page with the script for WordPress comment links.
    "article-from-wordpress": answer(f"/articles/{GUIDE_SLUG}/?from=wordpress"),
    # Every site page load_guide makes (About, Editorial policy, Privacy, Contact, and any added to its file).
    **{page["slug"]: address_of(SitePage, slug=page["slug"]) for page in read_site_pages()},
    "search-with-results": search("drip"),  # a word only the guide's FAQ has
    "search-without-results": search("zyxwvut"),
    "search-empty": search(""),
    "search-refused": search("ketamine " * 30, status=400),  # over the length a search may have
    "not-found": not_found,
    "your-comments": answer("/your-comments/"),
    "your-comments-refused": answer("/your-comments/", 400, {"email": "not an address", "kind": "copy"}),
    "your-comments-sent": answer("/your-comments/sent/"),
    "your-comments-confirmation": personal_data_confirmation,
    "your-comments-bad-link": answer("/your-comments/copy/damaged/", 400),
}


def checker_missing() -> str | None:
    if shutil.which("java") is None:
        return "Java is not installed: the Nu HTML checker needs it (apt-get install default-jre-headless)."
    if not VNU_JAR.exists():
        return f"{VNU_JAR} is missing: install the Nu HTML checker with `npm ci` (make test does)."
    return None


def render_pages(folder: Path) -> None:
    """Load the guide and write each page of PAGES to `folder`, in one transaction rolled back after."""
    with transaction.atomic():
        Site.objects.clear_cache()
        call_command("load_guide", stdout=io.StringIO())
        for name, render in PAGES.items():
            for cache in caches.all():  # each page as a first reader gets it, not another page's leftovers
                cache.clear()
            (folder / f"{name}.html").write_text(render(Client()), encoding="utf-8")
        transaction.set_rollback(True)
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="session")
def nu_messages(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, list[dict]]:
    """vnu's messages for each page of PAGES, by name, from one run of the checker over all of them."""
    if reason := checker_missing():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} CI must install it before running the suite (see .ci/run and the Makefile).")
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("nu-checked-pages")
    with django_db_blocker.unblock():
        render_pages(folder)
    run = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages: dict[str, list[dict]] = {name: [] for name in PAGES}
    for message in json.loads(run.stderr)["messages"]:
        messages[Path(message["url"].removeprefix("file:")).stem].append(message)
    return messages


def described(messages: list[dict]) -> str:
    return "\n".join(
        f"line {m.get('lastLine', '?')}: {m['message']}\n    {m.get('extract', '').strip()}" for m in messages
    )


@pytest.mark.parametrize("page", PAGES)
def test_page_passes_the_nu_html_checker_with_no_error(nu_messages, page):
    errors = [m for m in nu_messages[page] if m["type"] in ("error", "non-document-error")]
    assert errors == [], f"The Nu HTML checker finds {len(errors)} error(s) in {page}:\n{described(errors)}"
