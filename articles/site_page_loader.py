"""Load the default site pages (About, Editorial policy, Privacy, Contact) from their data file.

The same rule as guides (guide_loader): a page that is missing is created, published, from the
file; a page an editor changed is kept unless the caller asks for a reset. What a field may hold
is checked by SitePage.full_clean(), as in the admin.
"""

from pathlib import Path

import reversion
import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from .guide_loader import GuideFileError
from .models import SitePage

SITE_PAGES_FILE = Path(__file__).resolve().parent / "content" / "site_pages" / "site-pages.yaml"
FIELDS = ("title", "footer_order", "body")


def read_site_pages(path: Path = SITE_PAGES_FILE) -> list[dict]:
    """The file's pages as dicts of slug and FIELDS; GuideFileError names the file and the problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise GuideFileError(f"{path.name}: cannot be read ({error}).") from error
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, list) or not all(isinstance(page, dict) and page.get("slug") for page in pages):
        raise GuideFileError(f"{path.name}: expected a 'pages:' list of mappings, each with a slug.")
    return [
        {"slug": str(page["slug"]), "title": str(page.get("title", "")).strip(),
         "footer_order": page.get("footer_order", 0), "body": str(page.get("body", "")).strip()}
        for page in pages
    ]  # fmt: skip


@transaction.atomic
def load_site_pages(pages: list[dict], *, reset: bool = False) -> list[str]:
    """Bring the pages into the database; return what was done, one line per page."""
    return [_load(page, reset=reset) for page in pages]


def _load(content: dict, *, reset: bool) -> str:
    page = SitePage.at_address(content["slug"])
    if page is None:
        page = SitePage(is_published=True)
        _write(page, content)
        return f"Site page “{page.title}”: created at {page.get_absolute_url()}"
    if all(getattr(page, field) == content[field] for field in FIELDS):
        return f"Site page “{page.title}”: unchanged."
    if not reset:
        return f"Site page “{page.title}”: kept as it is (edited in the admin?). Run with --reset to overwrite it."
    _write(page, content)
    return f"Site page “{page.title}”: reset to its data file."


def _write(page: SitePage, content: dict) -> None:
    for field, value in content.items():
        setattr(page, field, value)
    try:
        page.full_clean()
    except ValidationError as error:
        problems = "; ".join(error.messages)
        raise GuideFileError(f"{SITE_PAGES_FILE.name}, page “{content['slug']}”: {problems}") from error
    with reversion.create_revision():
        reversion.set_comment("Loaded from its data file by load_guide.")
        page.save()
