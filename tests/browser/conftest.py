"""Fixtures for the browser journeys: a live server with the guide loaded, Chromium, pages and an editor.

Every test in this folder is marked `browser` (deselect them with `-m "not browser"`). They drive
Debian's Chromium through Playwright's sync API; no Playwright browser download is needed or used.
"""

import logging
import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.db import connections
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from articles.models import Article
from tests.conftest import STAFF_PASSWORD

# Playwright's sync API keeps an asyncio event loop running in the test's thread, so Django
# takes every ORM call a test or fixture makes there for a call from async code and refuses
# it (SynchronousOnlyOperation). Nothing here runs concurrently with that loop: Playwright
# only runs it while a test waits on the browser, so allowing the calls is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BROWSER_DIR = Path(__file__).resolve().parent
ARTIFACTS_DIR = BROWSER_DIR.parents[1] / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's 5 s for expect() is tight for the admin's first page on a busy machine; its
# 30 s for actions (click, fill) only delays the report of a wrong locator.
ACTION_TIMEOUT_MS = 10_000
expect.set_options(timeout=10_000)


def pytest_collection_modifyitems(items):
    """Mark the tests of this folder (and only those: the hook sees the whole session's items)."""
    for item in items:
        if BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so the page fixture knows whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


class ServerErrors(logging.Handler):
    """Collects what Django logs for a request that ended in a 500 (a traceback in production's log)."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_server_error(request):
    """Any journey during which the server answered a 500 fails, even if the page looked fine.

    The live server runs in another thread of this process; "django.request" logs every 500
    there at ERROR with its traceback (4xx answers are WARNING), and does not propagate to the
    root logger, so the handler goes on it directly.
    """
    errors = ServerErrors()
    logger = logging.getLogger("django.request")
    logger.addHandler(errors)
    yield
    logger.removeHandler(errors)
    call = getattr(request.node, "report_call", None)
    if errors.records and (call is None or call.passed):
        pytest.fail(
            "The server answered a 500 during this journey:\n" + "\n".join(r.getMessage() for r in errors.records)
        )


@pytest.fixture(scope="session")
def browser() -> Browser:
    """One headless Chromium for the whole session; skipped (or, in CI, failed) if it is missing."""
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} not found: the browser journeys need Debian's Chromium (apt-get install chromium)."
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} CI must install chromium before running the suite (see .ci/run).")
        pytest.skip(message)
    # While Playwright runs, its event loop counts as running in this thread, and Django then keeps
    # this thread's database connections in another store (asgiref's Local: contextvars instead of
    # the thread's own). A connection opened on one side of that switch is out of reach on the
    # other, and stayed open at the end of the run: PostgreSQL then refused to drop the test
    # database ("being accessed by other users"). Close them on both sides of the switch.
    connections.close_all()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def open_page(browser, live_server, request):
    """Open a page in a fresh browser context on the live server; keyword arguments go to the context.

    Relative addresses (page.goto("/")) resolve against the live server. If the test fails, a
    screenshot of every page it opened is saved under test-artifacts/. An uncaught JavaScript
    error on a page fails a test that otherwise passed.
    """
    opened = []
    js_errors = []

    def open_page(**context_options) -> Page:
        context = browser.new_context(base_url=live_server.url, **context_options)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        page = context.new_page()
        page.on("pageerror", lambda error: js_errors.append(f"{page.url}: {error}"))
        opened.append(page)
        return page

    yield open_page

    call_report = getattr(request.node, "report_call", None)
    failed = call_report is not None and call_report.failed
    for number, page in enumerate(opened, start=1):
        if failed:
            ARTIFACTS_DIR.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
            page.screenshot(path=ARTIFACTS_DIR / f"{name}-{number}.png", full_page=True)
        page.context.close()
    if js_errors and not failed:
        pytest.fail("JavaScript errors on the page:\n" + "\n".join(js_errors))


@pytest.fixture
def page(open_page) -> Page:
    """A page in a fresh desktop-sized context."""
    return open_page()


@pytest.fixture
def guide(live_server, guide) -> Article:
    """The seed guide (tests/conftest.py), committed where the live server's thread can read it.

    Asking for live_server first gives the test transactional_db semantics: rows are committed,
    and the tables are flushed after the test.
    """
    return guide


@pytest.fixture
def editor(live_server, editor) -> User:
    """The editor of tests/conftest.py, in the database the live server reads."""
    return editor


def log_in(page: Page, user: User) -> Page:
    """Log `user` in to the admin through its login form, as a person would; returns the page."""
    page.goto("/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    return page


@pytest.fixture
def editor_page(page, editor) -> Page:
    """A page on which the editor has logged in to the admin through its login form."""
    return log_in(page, editor)


# What several journeys share: the accessibility rules, the comment form, the article form

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
PHONE = {"width": 390, "height": 844}  # the phone every journey is walked on
WIDE = {"width": 1280, "height": 900}
QUESTION = "Does the first infusion feel strange?"
REMEMBER_ME = "Save my name, email, and website in this browser for the next time I comment."
SECTION_HEADING = "Understanding Ketamine"  # a section of the seed guide the editor journeys change


def assert_accessible_on_a_phone_and_a_wide_screen(page: Page, where: str = "the page") -> None:
    """Axe finds no WCAG AA violation at 390 px and 1280 px, and the phone never scrolls sideways."""
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"{where} scrolls sideways"
    phone = Axe().run(page, options=WCAG_AA)
    assert phone.violations_count == 0, f"On a 390 px phone:\n{phone.generate_report()}"
    page.set_viewport_size(WIDE)
    wide = Axe().run(page, options=WCAG_AA)
    assert wide.violations_count == 0, f"On a 1280 px screen:\n{wide.generate_report()}"


def post_comment(page: Page, *, name: str, email: str, text: str, website: str = "") -> None:
    """Fill in the "Leave a Reply" form wherever it is on the page, and send it."""
    form = page.locator("#respond")
    form.get_by_role("textbox", name="Name", exact=True).fill(name)
    form.get_by_role("textbox", name="Email", exact=True).fill(email)
    form.get_by_role("textbox", name="Website", exact=True).fill(website)
    form.get_by_role("textbox", name="Comment", exact=True).fill(text)
    form.get_by_role("button", name="Post Comment").click()


def comment(page: Page, comment_id: int) -> Locator:
    """The comment's own box (author, note, text, Reply link), without the replies nested under it."""
    return page.locator(f"li#comment-{comment_id} > article.comment-body")


def open_guide_in_admin(page: Page, guide) -> None:
    page.goto("/admin/articles/article/")
    page.get_by_role("link", name=guide.title).click()
    expect(page.get_by_role("heading", name="Change article")).to_be_visible()


def section_row(page: Page, heading: str) -> Locator:
    """The section's stacked inline row, found by the heading it was saved with."""
    heading_input = page.locator(f'input[name$="-heading"][value="{heading}"]')
    return page.locator("#sections-group .inline-related").filter(has=heading_input)


def drop_file(page: Page, editor: Locator, script: str) -> None:
    """Drop onto the editor the File that `script` (a JS arrow function) resolves to."""
    data = page.evaluate_handle(
        f"""async () => {{
            const data = new DataTransfer();
            data.items.add(await ({script})());
            return data;
        }}"""
    )
    editor.dispatch_event("drop", {"dataTransfer": data})


def canvas_png(filename: str) -> str:
    """A JS arrow function, for drop_file(), that resolves to a real 30x20 PNG File named `filename`."""
    return f"""async () => {{
        const canvas = document.createElement("canvas");
        canvas.width = 30; canvas.height = 20;
        canvas.getContext("2d").fillRect(0, 0, 30, 20);
        const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
        return new File([blob], "{filename}", {{type: "image/png"}});
    }}"""
