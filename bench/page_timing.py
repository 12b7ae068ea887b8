"""In-process times of the floor view, the shared page and a personal page (not a test).

Run from a project checkout: `.venv/bin/python bench/page_timing.py`. Under bench.settings (the
production settings `make bench` serves, with its file cache and a throw-away SQLite holding the
guide and 200 approved comments), it times through Django's test client, best of several rounds
in milliseconds: the trivial view, the shared page for a new reader, and the page of a reader
with remembered details. `--profile` prints where the personal page's time goes.

What `make bench` measures under gunicorn is these plus the network and the workers; this is the
part Django spends, without the machine's noise. It runs on another checkout for before/after
figures in the same run: `--project DIR`.
"""

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import timeit
from pathlib import Path

ROUNDS, NUMBER = 7, 200


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--profile", action="store_true")
    arguments = parser.parse_args()
    project = arguments.project.resolve()
    sys.path.insert(0, str(project))
    os.chdir(project)
    workdir = Path(tempfile.mkdtemp(prefix="page-timing-"))
    from bench.run import server_env  # the timed checkout's own: the environment `make bench` serves with

    os.environ.clear()
    os.environ.update(server_env(workdir, own_stores=True))

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("load_guide", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest, as `make bench` has it
    from bench.run import ARTICLE, REMEMBERED, SEED_COMMENTS

    exec(SEED_COMMENTS)  # the comments `make bench` serves

    new_reader, remembered = Client(), Client()
    remembered.cookies["comment_author"] = REMEMBERED

    def get(client, address, expected):
        def run():
            response = client.get(address)
            assert response.status_code == 200 and expected in response.content, response.status_code

        return run

    runs = [
        ("floor (trivial view)", get(new_reader, "/bench/floor", b"ok")),
        ("shared page, new reader", get(new_reader, ARTICLE, b"Reply to 0.")),
        ("personal page (remembered details)", get(remembered, ARTICLE, b'value="Bench reader"')),
    ]
    print(f"project: {project}")
    for name, run in runs:
        run()  # warm: the caches hold what they would in a running worker
        best = min(timeit.repeat(run, number=NUMBER, repeat=ROUNDS)) / NUMBER
        print(f"{name:40} {best * 1000:8.3f} ms")
    if arguments.profile:
        profile = cProfile.Profile()
        profile.runcall(lambda: [runs[2][1]() for _ in range(NUMBER)])
        pstats.Stats(profile).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(
            int(os.environ.get("TOP", "40"))
        )


if __name__ == "__main__":
    main()
