"""The markdownx preview and upload endpoints: editors only, sanitized, and every bad upload a clear 4xx."""

import re
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.conftest import png_header_claiming

PREVIEW = reverse("editor-preview")
UPLOAD = reverse("editor-upload")
STORED_NAME = re.compile(r"^!\[\]\(/media/uploads/[0-9a-f]{32}\.(jpg|png|webp)\)$")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def image_bytes(image_format: str, size=(40, 30), **save_options) -> bytes:
    output = BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(output, format=image_format, **save_options)
    return output.getvalue()


def upload(client, content: bytes, name="photo.png", content_type="image/png"):
    return client.post(UPLOAD, {"image": SimpleUploadedFile(name, content, content_type=content_type)})


# Who may use the endpoints


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_anonymous_visitors_are_refused(db, url):
    response = Client().post(url, {"content": "x"})
    assert response.status_code == 403
    assert "Log in to the admin as an editor" in response.content.decode()


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_staff_without_article_rights_are_refused(client, staff_without_article_rights, url):
    client.force_login(staff_without_article_rights)
    assert client.post(url, {"content": "x"}).status_code == 403


def test_a_non_staff_user_with_the_permission_is_refused(client, editor):
    editor.is_staff = False
    editor.save()
    client.force_login(editor)
    assert client.post(PREVIEW, {"content": "x"}).status_code == 403


def test_upload_refusal_is_json_the_editor_can_show(db):
    response = Client().post(UPLOAD)
    assert response.status_code == 403
    assert "editor" in response.json()["error"]


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_get_is_not_allowed(editor_client, url):
    assert editor_client.get(url).status_code == 405


def test_a_post_without_csrf_token_is_refused(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(PREVIEW, {"content": "x"}).status_code == 403


def test_superuser_may_use_the_editor(db, client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.com", "a-long-test-password"))
    assert client.post(PREVIEW, {"content": "*hi*"}).status_code == 200


# Preview


def test_preview_renders_what_the_page_will_show(editor_client):
    response = editor_client.post(
        PREVIEW, {"content": "**bold** <script>alert(1)</script><img src=x onerror=alert(1)>"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>bold</strong>" in html
    assert "<script" not in html
    assert "onerror" not in html


def test_preview_without_content_is_400_with_a_message(editor_client):
    response = editor_client.post(PREVIEW, {})
    assert response.status_code == 400
    assert "content" in response.content.decode()


def test_preview_of_overlong_text_is_400(editor_client):
    assert editor_client.post(PREVIEW, {"content": "x" * 200_001}).status_code == 400


# Upload: accepted


@pytest.mark.parametrize(
    ("image_format", "extension"),
    [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")],
)
def test_jpeg_png_and_webp_are_stored_under_a_random_name(editor_client, media_in_tmp, image_format, extension):
    response = upload(editor_client, image_bytes(image_format), name="../../etc/evil name.html")
    assert response.status_code == 200
    code = response.json()["image_code"]
    assert STORED_NAME.match(code), code
    assert code.endswith(f".{extension})")
    stored = media_in_tmp / code.removeprefix("![](/media/").removesuffix(")")
    assert Image.open(stored).format == image_format


def test_extension_follows_the_bytes_not_the_name_or_content_type(editor_client):
    response = upload(editor_client, image_bytes("JPEG"), name="photo.png", content_type="image/png")
    assert response.json()["image_code"].endswith(".jpg)")


def test_exif_metadata_is_stripped(editor_client, media_in_tmp):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS info
    exif[0x010F] = "Camera maker"
    response = upload(
        editor_client, image_bytes("JPEG", exif=exif.tobytes()), name="gps.jpg", content_type="image/jpeg"
    )
    stored = media_in_tmp / response.json()["image_code"].removeprefix("![](/media/").removesuffix(")")
    assert not Image.open(stored).getexif()


def test_large_images_are_scaled_down(editor_client, media_in_tmp, settings):
    settings.EDITOR_IMAGE_MAX_SIDE = 100
    response = upload(editor_client, image_bytes("PNG", size=(400, 200)))
    stored = media_in_tmp / response.json()["image_code"].removeprefix("![](/media/").removesuffix(")")
    assert Image.open(stored).size == (100, 50)


# Upload: refused, each with a message and nothing stored


SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
BAD_UPLOADS = {
    "svg": (SVG_WITH_SCRIPT, "x.svg", "image/svg+xml", "not an image we accept"),
    "html renamed as gif": (b"<html><script>alert(1)</script></html>", "x.gif", "image/gif", "not an image we accept"),
    "html renamed as png": (b"<!doctype html><p>hi</p>", "x.png", "image/png", "not an image we accept"),
    "text sent as png": (b"just some text", "notes.png", "image/png", "not an image we accept"),
    "real gif": (image_bytes("GIF"), "anim.gif", "image/gif", "not an image we accept"),
    "bmp": (image_bytes("BMP"), "x.bmp", "image/bmp", "not an image we accept"),
    "truncated png": (image_bytes("PNG")[:60], "cut.png", "image/png", "damaged"),
    "empty file": (b"", "empty.png", "image/png", "not an image we accept"),
    "decompression bomb": (png_header_claiming(50_000, 50_000), "bomb.png", "image/png", "too many pixels"),
    "over our pixel limit": (png_header_claiming(9_000, 9_000), "wide.png", "image/png", "too many pixels"),
}


@pytest.mark.parametrize("case", BAD_UPLOADS.keys())
def test_bad_upload_is_400_with_a_message_and_nothing_stored(editor_client, media_in_tmp, case):
    content, name, content_type, message = BAD_UPLOADS[case]
    response = upload(editor_client, content, name=name, content_type=content_type)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not any(path.is_file() for path in media_in_tmp.rglob("*"))


def test_oversized_upload_is_413_with_the_limit(editor_client, media_in_tmp, settings):
    settings.MARKDOWNX_UPLOAD_MAX_SIZE = 1024
    response = upload(editor_client, image_bytes("PNG", size=(300, 300)) + b"\0" * 2048)
    assert response.status_code == 413
    assert "the limit is 0.0 MB" in response.json()["error"]
    assert not any(path.is_file() for path in media_in_tmp.rglob("*"))


def test_upload_without_a_file_is_400(editor_client):
    response = editor_client.post(UPLOAD, {})
    assert response.status_code == 400
    assert "No image was sent" in response.json()["error"]
