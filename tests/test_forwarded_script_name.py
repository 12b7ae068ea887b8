"""A client cannot move the site under another path: gunicorn ignores a forwarded SCRIPT_NAME.

gunicorn used to take a `SCRIPT_NAME` header from 127.0.0.1 (anything on the machine, or a
proxy that passes it) as the application's mount point, and Django built every link and form
action under it. The shared page that every reader gets was then cached with its comment form
posting to a 404.
"""

import re

import pytest

from bench.run import ARTICLE, Server, manage, request, server_env


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("script-name")
    # One worker: the requests below all reach the one cache a poisoned page would sit in.
    env = server_env(workdir, own_stores=True)
    env |= {"WEB_CONCURRENCY": "1"}
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "load_guide")
    with Server(env) as server:
        yield server.port


def form_action(page: bytes) -> str:
    return re.search(rb'<form method="post" action="([^"]+)" class="comment-form"', page).group(1).decode()


def test_a_script_name_header_does_not_change_the_form_other_readers_get(port):
    for _ in range(3):
        request(port, "GET", "/evil" + ARTICLE, headers={"SCRIPT_NAME": "/evil"})
    status, _, page = request(port, "GET", ARTICLE)
    assert status == 200
    assert form_action(page) == f"{ARTICLE}comments/#error-summary"
    status, _, _ = request(port, "POST", form_action(page), body=b"", headers={"Content-Type": "text/plain"})
    assert status != 404


def test_the_site_is_not_served_under_a_path_a_client_names(port):
    status, _, _ = request(port, "GET", "/evil" + ARTICLE, headers={"SCRIPT_NAME": "/evil"})
    assert status == 404
