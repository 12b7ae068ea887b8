"""In debug mode (`make run`) an edit made by another process shows on the next page load.

The dev server used to keep the shared cache in its own memory: an edit from `load_guide
--reset` or `manage.py shell` in a second terminal stayed invisible for up to five minutes.
"""

import subprocess
import sys
import time

import pytest

from bench.run import ARTICLE, free_port, manage, request, server_env
from tests.conftest import PROJECT


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("debug")
    env = server_env(workdir, own_stores=True)
    env |= {"DJANGO_SETTINGS_MODULE": "infusion_site.settings", "DJANGO_DEBUG": "1"}
    manage(env, "migrate", "--no-input")
    manage(env, "load_guide")
    port = free_port()
    command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                request(port, "GET", "/healthz")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield env, port
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_an_edit_from_another_process_shows_on_the_next_page_load(dev_server):
    env, port = dev_server
    assert "Understanding Ketamine" in request(port, "GET", ARTICLE)[2].decode()  # now cached by the server
    manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from articles.models import Section; s = Section.objects.get(heading='Understanding Ketamine'); "
        "s.heading = 'Ketamine, explained'; s.save()",
    )
    assert "Ketamine, explained" in request(port, "GET", ARTICLE)[2].decode()
