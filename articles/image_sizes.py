"""Width, height and srcset for the editor's uploaded images inside rendered Markdown.

Run on save, after sanitizing (what it adds is numbers and our own addresses), so the
browser reserves each image's space before it loads and a phone fetches a small file.
"""

import re

from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

from .editor_images import RENDITION_WIDTHS, rendition_name

# How an image tag and its address look in HTML the Markdown pipeline made (nh3 writes the
# attributes in double quotes): the content checks read images with the same two patterns.
IMG_TAG = re.compile(r"<img [^>]*>")
SRC = re.compile(r'src="([^"]*)"')
UPLOADED_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png|webp)$")
SIZES = "(max-width: 44rem) 100vw, 42rem"  # the text column's width: every image of an article, the lead one too


def sized_images(html: str) -> str:
    return IMG_TAG.sub(_sized, html)


def _sized(match: re.Match) -> str:
    tag = match.group(0)
    source = SRC.search(tag)
    prefix = f"{settings.MEDIA_URL}{settings.MARKDOWNX_MEDIA_PATH}"
    if not source or not source.group(1).startswith(prefix) or " width=" in tag:
        return tag
    file_name = source.group(1)[len(prefix) :]
    if not UPLOADED_NAME.match(file_name):
        return tag
    name = f"{settings.MARKDOWNX_MEDIA_PATH}{file_name}"
    try:
        with default_storage.open(name) as stored:
            width, height = Image.open(stored).size
    except (OSError, UnidentifiedImageError):
        return tag  # not (or no longer) stored: leave the image as written
    candidates = [(w, rendition_name(name, w)) for w in RENDITION_WIDTHS if w < width]
    srcset = [f"{default_storage.url(r)} {w}w" for w, r in candidates if default_storage.exists(r)]
    extra = f' width="{width}" height="{height}"'
    if srcset:
        extra += f' srcset="{", ".join([*srcset, f"{source.group(1)} {width}w"])}" sizes="{SIZES}"'
    return tag[:-1] + extra + ">"
