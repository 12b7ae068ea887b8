"""Import of the comments of one WordPress item (the comments slice of #14 replaces this module at the merge)."""

from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from django.contrib.auth.models import User

if TYPE_CHECKING:
    from articles.wordpress_import import ImportReport


def import_item_comments(
    item: Element, article, *, source: str, user_map: dict[str, User], report: "ImportReport", dry_run: bool
) -> None:
    """Import the `<wp:comment>`s of one WXR `<item>` onto `article` (None for a page: reported as skipped).

    `source` and each WordPress comment id are the idempotency key; `user_map` maps WordPress
    logins to Django staff users; `report` is the import's `ImportReport`. Called by
    `articles.wordpress_import.import_export()` inside its one transaction.
    """
    return None
