"""Images uploaded through the editor: verified by Pillow, re-encoded, stored under a random name.

Nothing of the uploaded file is trusted: not its name, not the content type the
browser claims. Pillow must recognise the bytes as JPEG, PNG or WebP; the stored file
is re-encoded from the pixels (which drops EXIF metadata such as GPS positions and
anything smuggled after the image data), scaled down to a sane size, and named by a
UUID with the extension of the detected format.
"""

import os
import uuid
import warnings
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ACCEPTED_NAMES = "JPEG, PNG or WebP"
RENDITION_WIDTHS = (480, 960)
# Decoding takes 4 bytes a pixel and processing holds about three copies: measured, a
# 6300 x 6300 PNG took a worker from 66 MB to 595 MB under the old limit (40 MP). At this
# one, a 16.8-megapixel image (a phone photo is 12) adds about 110 MB at most. Pillow's
# own limit is set to it too (ArticlesConfig.ready), for every image the site opens.
MAX_PIXELS = 4096 * 4096
TOO_MANY_PIXELS = (
    f"The image has too many pixels to process (the limit is {MAX_PIXELS / 1_000_000:.1f} megapixels, "
    "for example 4096 × 4096). Scale it down and upload it again."
)


class ImageRejected(ValueError):
    """An upload we refuse; the message is for the editor, `status` for the HTTP answer."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def prepared_image(upload) -> ContentFile:
    """Validate and re-encode an upload; the result is named by a UUID and the detected format."""
    max_bytes = settings.MARKDOWNX_UPLOAD_MAX_SIZE
    if upload.size > max_bytes:
        raise ImageRejected(
            f"The image is {_megabytes(upload.size)}; the limit is {_megabytes(max_bytes)}. "
            "Save it smaller and upload it again.",
            status=413,
        )
    image, image_format = _open_verified(upload)
    return ContentFile(_reencode(image, image_format), name=f"{uuid.uuid4().hex}.{ACCEPTED_FORMATS[image_format]}")


def check_pixel_count(upload) -> None:
    """Refuse an image whose header claims more than MAX_PIXELS, before anything decodes it.

    A file that is no image passes: the format check that follows says what is wrong with it.
    """
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its limit: a warning here is a refusal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:
                too_many = probe.width * probe.height > MAX_PIXELS
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        too_many = True
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        too_many = False
    finally:
        upload.seek(0)
    if too_many:
        raise ImageRejected(TOO_MANY_PIXELS)


def store_editor_image(upload) -> str:
    """Validate, re-encode and store an image dropped on the editor, with its smaller renditions.

    The renditions are made here, once; pages list them in srcset (articles/image_sizes.py).
    """
    image = prepared_image(upload)
    stored_name = default_storage.save(f"{settings.MARKDOWNX_MEDIA_PATH}{image.name}", image)
    _store_renditions(stored_name)
    return default_storage.url(stored_name)


def rendition_name(name: str, width: int) -> str:
    stem, extension = os.path.splitext(name)
    return f"{stem}-{width}w{extension}"


def _store_renditions(name: str) -> None:
    with default_storage.open(name) as stored:
        image = Image.open(stored)
        image.load()
    for width in RENDITION_WIDTHS:
        if image.width > width:
            smaller = image.copy()
            smaller.thumbnail((width, image.height))
            output = BytesIO()
            options = {"quality": 85} if image.format in ("JPEG", "WEBP") else {"optimize": True}
            smaller.save(output, format=image.format, **options)
            default_storage.save(rendition_name(name, width), ContentFile(output.getvalue()))


def _open_verified(upload) -> tuple[Image.Image, str]:
    not_an_image = ImageRejected(
        f"This file is not an image we accept. Upload a {ACCEPTED_NAMES} image (SVG, GIF and other files are refused)."
    )
    check_pixel_count(upload)
    try:
        probe = Image.open(upload)
        if probe.format not in ACCEPTED_FORMATS:
            raise not_an_image
        probe.verify()
        upload.seek(0)
        image = Image.open(upload)
        image.load()
    except ImageRejected:
        raise
    except UnidentifiedImageError as error:
        raise not_an_image from error
    except (OSError, SyntaxError, ValueError) as error:  # Pillow's ways of saying "truncated or corrupt"
        raise ImageRejected(
            f"The image is damaged and cannot be read. Upload a complete {ACCEPTED_NAMES} image."
        ) from error
    return image, probe.format


def _reencode(image: Image.Image, image_format: str) -> bytes:
    ImageOps.exif_transpose(image, in_place=True)  # a copy would double the memory a large image takes
    max_side = settings.EDITOR_IMAGE_MAX_SIDE
    image.thumbnail((max_side, max_side))
    if image_format == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    output = BytesIO()
    options = {"quality": 85} if image_format in ("JPEG", "WEBP") else {"optimize": True}
    image.save(output, format=image_format, **options)
    return output.getvalue()


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
