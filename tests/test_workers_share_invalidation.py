"""Under gunicorn with several workers, an edit or a moderation decision reaches every worker at once.

Each worker keeps rendered pages in its own memory; the versions that retire them are in the
shared cache (files without Redis, as `make serve` runs). The edits here come from another
process, as they would from an editor's request served by another worker.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.run import ARTICLE, Server, manage, request, server_env

WORKERS = 3


def pages(port: int) -> list[str]:
    """The article as many readers at once get it: more than there are workers, so every worker answers."""

    def one(_):
        return request(port, "GET", ARTICLE)[2].decode()

    with ThreadPoolExecutor(max_workers=WORKERS * 3) as pool:
        return list(pool.map(one, range(WORKERS * 15)))


def in_another_process(env: dict, code: str) -> None:
    """Run Django code as another worker or an editor's request would: a process of its own."""
    manage(env, "shell", "--no-imports", "-c", code)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("workers")
    # Its own SQLite and file cache, even in the PostgreSQL + Redis pass: this is the default set-up.
    env = server_env(workdir, own_stores=True)
    env |= {"CACHE_DIR": str(workdir / "cache"), "WEB_CONCURRENCY": str(WORKERS)}
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "load_guide")
    with Server(env) as server:
        yield env, server.port


def test_an_edit_reaches_every_worker(site):
    env, port = site
    assert all("Understanding Ketamine" in body for body in pages(port))  # every worker has the page cached
    in_another_process(
        env,
        "from articles.models import Section; s = Section.objects.get(heading='Understanding Ketamine'); "
        "s.heading = 'Ketamine, explained'; s.save()",
    )
    bodies = pages(port)
    assert all("Ketamine, explained" in body for body in bodies)


def test_a_moderation_action_reaches_every_worker(site):
    env, port = site
    in_another_process(
        env,
        "from articles.models import Article; from comments.models import Comment; "
        "Comment.objects.create(article=Article.objects.get(), name='Ann', email='a@example.com', "
        "body='Seen everywhere.', status='pending')",
    )
    assert not any("Seen everywhere" in body for body in pages(port))
    in_another_process(
        env,
        "from comments.models import Comment; from comments.services import set_status; "
        "set_status(Comment.objects.filter(body='Seen everywhere.'), 'approved')",
    )
    assert all("Seen everywhere." in body for body in pages(port))


def test_a_renamed_site_reaches_every_worker(site):
    env, port = site
    assert all("Ketamine Infusion" in body for body in pages(port))
    in_another_process(
        env,
        "from django.contrib.sites.models import Site; "
        "site = Site.objects.get_current(); site.name = 'Renamed Clinic'; site.save()",
    )
    bodies = pages(port)
    assert all("<title>What Is Ketamine Infusion Used For | Renamed Clinic</title>" in body for body in bodies)
