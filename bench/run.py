"""`make bench`: the site under gunicorn with production settings, measured against Django's floor.

Every figure is also given as a ratio to a trivial view served by the same gunicorn in the
same run (machines here are shared and noisy; ratios hold better than absolute numbers).
The page through nginx's micro-cache is given as a ratio to nginx serving the same bytes as a
file, the fastest the page could be served. It starts its own servers on 127.0.0.1 with a
throw-away SQLite database (or the PostgreSQL and Redis that DATABASE_URL and REDIS_URL name),
and Debian's nginx if installed; seeds the guide with 200 approved comments and replies, and
writes one JSON file besides the printed table.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

PROJECT = Path(__file__).resolve().parents[1]
NGINX = "/usr/sbin/nginx"
SITE_CONF = PROJECT / "deploy" / "nginx" / "infusion-site.conf"
ARTICLE = "/articles/what-is-ketamine-infusion-used-for/"
# A remembered-details cookie as the comment form sets it (comments/remembered_author.py).
REMEMBERED = json.dumps({"name": "Bench reader", "email": "bench@example.com", "website": ""})
PAGE_RUNS = (
    "floor_page_bytes",
    "article_uncached",
    "article_personal",
    "article_cached",
    "article_cached_returning",
    "article_304",
)
SEED_COMMENTS = """
from articles.models import Article
from comments.models import Comment
article = Article.objects.get(slug="what-is-ketamine-infusion-used-for")
for number in range(100):
    top = Comment.objects.create(article=article, name=f"Reader {number}", email=f"r{number}@example.com",
                                 body=f"Comment *number* {number}.", status="approved")
    Comment.objects.create(article=article, parent=top, name="Editor", email="e@example.com",
                           body=f"Reply to {number}.", status="approved")
"""
COUNT_POSTED = """
from comments.models import Comment
print(Comment.objects.filter(body__startswith="Bench post").count())
"""
QUERIES_PER_VIEW = f"""
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from articles.page_cache import bump_content_version
client = Client()
client.get("/")  # the site name and discussion settings are cached after the first request
bump_content_version()  # retires every kept page, frame and list: the next view renders them (the body is stored)
counts = []
for cookie in ("", "comment_author", ""):  # everything rendered; a personal page; the shared page
    client.cookies.clear()
    if cookie:
        client.cookies[cookie] = "1"
    with CaptureQueriesContext(connection) as queries:
        client.get("{ARTICLE}")
    counts.append(len(queries.captured_queries))
print(*counts)
"""


def server_env(workdir: Path, *, no_cache: bool = False, own_stores: bool = False) -> dict:
    """Environment for a server in `workdir`; `own_stores` drops DATABASE_URL and REDIS_URL
    (its own SQLite and file cache, even in the PostgreSQL + Redis pass)."""
    env = dict(os.environ)
    if own_stores:
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_HSTS_SECONDS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SQLITE_PATH=str(workdir / "bench.sqlite3"),
        MEDIA_ROOT=str(workdir / "media"),
        CACHE_DIR=str(workdir / "cache"),
        # The posting test measures throughput and loss, not the bot defences.
        COMMENTS_RATE_LIMIT="off",
        # Mail goes nowhere on purpose (without it, production settings warn that it does).
        EMAIL_URL="dummy://",
        DJANGO_LOG_LEVEL="WARNING",
        BENCH_NO_CACHE="1" if no_cache else "0",
        BENCH_PAGE_FILE=str(workdir / "page.html"),  # what /bench/page-bytes answers with
    )
    env.pop("DJANGO_DEBUG", None)
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args[:1])} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with the project's gunicorn.conf.py, on a free port of 127.0.0.1."""

    def __init__(self, env: dict):
        self.port = free_port()
        self.env = {**env, "BIND": f"127.0.0.1:{self.port}"}

    def __enter__(self):
        command = [sys.executable, "-m", "gunicorn", "infusion_site.wsgi", "--config", "gunicorn.conf.py"]
        command += ["--access-logfile", "/dev/null"]
        self.process = subprocess.Popen(
            command, cwd=PROJECT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # not /healthz: with the dummy cache it rightly says 503
            try:
                if request(self.port, "GET", "/bench/floor")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.process.kill()
        raise RuntimeError("gunicorn did not answer within 30 s")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def worker_rss_mb(self) -> list[float]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        sizes = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
        return sizes


class Nginx:
    """Debian's nginx with deploy/nginx/infusion-site.conf in front of gunicorn on `upstream_port`.

    The file is used as production has it, but for addresses and folders: plain http on a free
    port of 127.0.0.1, its cache and media in `workdir`. `files`, if given, is a folder served
    as plain files on `files_port` (what nginx does without the app). The process stays in the
    foreground so that it is stopped with the run; as root, its workers keep root's rights to
    the run's private temporary folders.
    """

    def __init__(self, upstream_port: int, workdir: Path, *, files: Path | None = None):
        self.upstream_port, self.workdir, self.files = upstream_port, workdir, files
        self.port, self.files_port = free_port(), free_port()

    def site_conf(self) -> str:
        site = SITE_CONF.read_text(encoding="utf-8")
        changes = {
            "listen 443 ssl http2;": f"listen 127.0.0.1:{self.port};",
            "ssl_certificate     /etc/letsencrypt/live/guide.example.org/fullchain.pem;": "",
            "ssl_certificate_key /etc/letsencrypt/live/guide.example.org/privkey.pem;": "",
            "/var/cache/nginx/infusion": str(self.workdir / "nginx-cache"),
            "/srv/infusion/media/": f"{self.workdir}/media/",
            "http://127.0.0.1:8000": f"http://127.0.0.1:{self.upstream_port}",
        }
        for old, new in changes.items():
            if site.count(old) != 1:  # the file changed: say so rather than run something else
                raise RuntimeError(f"{SITE_CONF.name} no longer holds {old!r} once")
            site = site.replace(old, new)
        return site

    def __enter__(self):
        folder = self.workdir / "nginx"
        folder.mkdir(exist_ok=True)
        (folder / "infusion-site.conf").write_text(self.site_conf(), encoding="utf-8")
        files = f"server {{ listen 127.0.0.1:{self.files_port}; root {self.files}; }}" if self.files else ""
        temp = " ".join(
            f"{kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (folder / "nginx.conf").write_text(
            f"daemon off; worker_processes 1; pid {folder}/nginx.pid; {'user root;' if os.geteuid() == 0 else ''}\n"
            f"events {{ worker_connections 512; }}\n"
            f"http {{ include /etc/nginx/mime.types; sendfile on; access_log off; {temp}\n"
            f"include {folder}/infusion-site.conf; {files} }}\n",
            encoding="utf-8",
        )
        self.process = subprocess.Popen(
            [NGINX, "-c", f"{folder}/nginx.conf", "-p", str(folder), "-e", f"{folder}/error.log"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                request(self.port, "GET", "/bench/floor")
                return self
            except OSError:
                time.sleep(0.1)
        self.process.kill()
        log = (folder / "error.log").read_text(errors="replace") if (folder / "error.log").exists() else ""
        raise RuntimeError(f"nginx did not start:\n{log[-2000:]}")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def request(port, method, path, body=None, headers=None, connection=None):
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    if connection is None:
        conn.close()
    headers = dict(response.getheaders())
    if cookies := response.msg.get_all("Set-Cookie"):
        headers["Set-Cookie"] = "\n".join(cookies)  # every cookie set: a dict keeps only the last header
    return response.status, headers, data


def load(port: int, path: str, *, seconds: float, clients: int, headers=None) -> dict:
    """`clients` keep-alive connections request `path` for `seconds`; latencies and statuses."""
    latencies, statuses, lock = [], {}, threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, codes = [], {}
        while time.monotonic() < deadline:
            start = time.perf_counter()
            status = request(port, "GET", path, headers=headers, connection=conn)[0]
            mine.append(time.perf_counter() - start)
            codes[status] = codes.get(status, 0) + 1
        conn.close()
        with lock:
            latencies.extend(mine)
            for code, count in codes.items():
                statuses[code] = statuses.get(code, 0) + count

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 2),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 2),
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
    }


def post_comments(port: int, *, clients: int, each: int) -> dict:
    """`clients` readers, each posting `each` comments through the real form (origin check, timestamp)."""
    statuses, lock = {}, threading.Lock()

    def reader(number: int):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        html = request(port, "GET", ARTICLE, connection=conn)[2].decode()
        timestamp = re.search(r'name="timestamp" value="([^"]+)"', html).group(1)
        codes = {}
        for post in range(each):
            form = {
                "timestamp": timestamp,
                "name": f"Bench reader {number}",
                "email": f"bench{number}@example.com",
                "body": f"Bench post {number}-{post}.",
            }
            # What a browser sends with the site's own form: the origin check lets it through.
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Sec-Fetch-Site": "same-origin",
                "Origin": f"http://127.0.0.1:{port}",
            }
            code = request(port, "POST", f"{ARTICLE}comments/", urlencode(form), headers, connection=conn)[0]
            codes[code] = codes.get(code, 0) + 1
        conn.close()
        with lock:
            for code, count in codes.items():
                statuses[code] = statuses.get(code, 0) + count

    started = time.monotonic()
    threads = [threading.Thread(target=reader, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    accepted = statuses.get(302, 0)
    return {
        "posts": clients * each,
        "posts_per_second": round(clients * each / elapsed, 1),
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
        "accepted": accepted,
    }


def cached_rounds(port: int, *, rounds: int, seconds: float, clients: int) -> list[dict]:
    """The floor and the cached page runs, `rounds` times over, so a neighbour's load that comes
    and goes on a shared machine falls on every run alike. The 304 run asks with the ETag of the
    page as it is just before that run: the shared page changes every five minutes (its form's
    time slot), and a run must not revalidate against the bytes of a slot gone by. (Taken at the
    start of the round, five runs earlier, it missed a slot's end about one round in ten: a
    round of 200s.)"""
    runs = {
        "floor": ("/bench/floor", {}),
        # The floor sending the page's bytes: the cost of the bytes themselves, not of finding them.
        "floor_page_bytes": ("/bench/page-bytes", {}),
        "article_cached": (ARTICLE, {}),  # new readers: the shared page
        # An analytics cookie is not the site's: the same shared page.
        "article_cached_returning": (ARTICLE, {"Cookie": "_ga=GA1.1.1234567890.1700000000"}),
        # Remembered comment details: a page rendered for this reader from the cached fragments.
        "article_personal": (ARTICLE, {"Cookie": f"comment_author={REMEMBERED}"}),
    }
    measured = []
    for _ in range(rounds):
        measured_round = {
            run: load(port, path, seconds=seconds, clients=clients, headers=headers)
            for run, (path, headers) in runs.items()
        }
        etag = request(port, "GET", ARTICLE)[1]["ETag"]  # just before its run: see the docstring
        measured_round["article_304"] = load(
            port, ARTICLE, seconds=seconds, clients=clients, headers={"If-None-Match": etag}
        )
        measured.append(measured_round)
    return measured


def through_nginx(port: int, workdir: Path, *, seconds: float, clients: int) -> dict:
    """The article page through nginx's micro-cache (deploy/nginx/infusion-site.conf), and nginx
    serving the same bytes as a plain file: what the cache leaves of a static file's speed.
    `cache_status` is what nginx says of one more request after the run (HIT: the page is held)."""
    files = workdir / "files"
    files.mkdir()
    (files / "article.html").write_bytes(request(port, "GET", ARTICLE)[2])
    with Nginx(port, workdir, files=files) as nginx:
        cached = load(nginx.port, ARTICLE, seconds=seconds, clients=clients)
        cached["cache_status"] = request(nginx.port, "GET", ARTICLE)[1].get("X-Cache-Status")
        as_file = load(nginx.files_port, "/article.html", seconds=seconds, clients=clients)
    cached["ratio_to_file"] = round(cached["rps"] / as_file["rps"], 2)
    return {"nginx_micro_cache": cached, "nginx_file": as_file}


def median_run(rounds: list[dict], run: str) -> dict:
    """The round with the median throughput for `run`, with the median of its ratios to that round's floor."""
    chosen = sorted(rounds, key=lambda each: each[run]["rps"])[len(rounds) // 2][run]
    ratio = statistics.median(each[run]["rps"] / each["floor"]["rps"] for each in rounds)
    return {**chosen, "ratio_to_floor": round(ratio, 2)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5, help="length of each load run")
    parser.add_argument("--rounds", type=int, default=3, help="times the floor and cached runs are repeated")
    parser.add_argument("--clients", type=int, default=16, help="concurrent connections per load run")
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds (tests use it)")
    parser.add_argument("--output", default=str(PROJECT / "bench" / "results.json"))
    args = parser.parse_args(argv)
    seconds, clients, rounds = (1, 4, 1) if args.quick else (args.seconds, args.clients, args.rounds)
    posters, posts_each, memory_requests = (4, 5, 300) if args.quick else (20, 50, 10_000)

    results = {"database": "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"}
    results["cache"] = "redis" if os.environ.get("REDIS_URL") else "files"
    results["rounds"] = rounds
    with tempfile.TemporaryDirectory(prefix="infusion-bench-") as workdir:
        env = server_env(Path(workdir))
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        manage(env, "load_guide")
        manage(env, "shell", "--no-imports", "-c", SEED_COMMENTS)
        rendered, personal, shared = map(int, manage(env, "shell", "--no-imports", "-c", QUERIES_PER_VIEW).split())
        results["queries_per_page_view"] = {"rendered": rendered, "personal_page": personal, "shared_page": shared}

        with Server(server_env(Path(workdir), no_cache=True)) as server:
            results["article_uncached"] = load(server.port, ARTICLE, seconds=seconds, clients=clients)
        with Server(env) as server:
            Path(env["BENCH_PAGE_FILE"]).write_bytes(request(server.port, "GET", ARTICLE)[2])
            measured = cached_rounds(server.port, rounds=rounds, seconds=seconds, clients=clients)
            for run in measured[0]:
                results[run] = median_run(measured, run)
            if Path(NGINX).exists():
                results |= through_nginx(server.port, Path(workdir), seconds=seconds, clients=clients)
            results["posting"] = post_comments(server.port, clients=posters, each=posts_each)
            results["posting"]["in_database"] = int(manage(env, "shell", "--no-imports", "-c", COUNT_POSTED))
            served = sum(row["requests"] for each in measured for row in each.values())
            if served < memory_requests:
                load_more = memory_requests - served
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
                for _ in range(load_more):
                    request(server.port, "GET", ARTICLE, connection=conn)
                conn.close()
            results["worker_rss_mb"] = [round(size, 1) for size in server.worker_rss_mb()]
            results["requests_before_rss"] = max(served, memory_requests)

    floor_rps = statistics.median(each["floor"]["rps"] for each in measured)
    results["article_uncached"]["ratio_to_floor"] = round(results["article_uncached"]["rps"] / floor_rps, 2)
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    posting = results["posting"]
    lost = posting["accepted"] != posting["in_database"] or "500" in posting["statuses"]
    return 1 if lost else 0


def print_table(results: dict) -> None:
    print(
        f"\nmake bench: {results['database']}, shared cache in {results['cache']}, pages in each worker's memory, "
        "gunicorn with production settings\n"
    )
    print(f"{'run':<26}{'req/s':>10}{'x floor':>9}{'p50 ms':>9}{'p99 ms':>9}  statuses")
    for run in ("floor", *PAGE_RUNS):
        row = results[run]
        ratio = row.get("ratio_to_floor", 1.0) if run != "floor" else 1.0
        print(f"{run:<26}{row['rps']:>10}{ratio:>9}{row['p50_ms']:>9}{row['p99_ms']:>9}  {row['statuses']}")
    print(f"(cached runs: the median of {results['rounds']} rounds, each ratio to its own round's floor)")
    if "nginx_file" in results:
        cached, as_file = results["nginx_micro_cache"], results["nginx_file"]
        for run, row in (("nginx micro-cache", cached), ("nginx, same bytes as file", as_file)):
            print(f"{run:<26}{row['rps']:>10}{'':>9}{row['p50_ms']:>9}{row['p99_ms']:>9}  {row['statuses']}")
        print(f"(through nginx: {cached['ratio_to_file']}x the file; the page was a {cached['cache_status']})")
    else:
        print(f"(nginx runs skipped: {NGINX} is not installed)")
    posting = results["posting"]
    print(
        f"\nposting: {posting['posts']} posts, {posting['posts_per_second']}/s, statuses {posting['statuses']}, "
        f"accepted {posting['accepted']}, in the database {posting['in_database']}"
    )
    queries = results["queries_per_page_view"]
    print(
        f"queries per article view: {queries['rendered']} rendering everything, {queries['personal_page']} for a "
        f"reader with cookies (body and comments cached), {queries['shared_page']} for the shared page"
    )
    print(f"worker RSS after {results['requests_before_rss']} requests (MB): {results['worker_rss_mb']}\n")


if __name__ == "__main__":
    sys.exit(main())
