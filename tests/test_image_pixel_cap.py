"""An image with more pixels than a worker can afford to decode is refused with a message, before decoding.

A 6300 x 6300 PNG of 308 KB took a worker from 66 MB to 595 MB. The cap is checked from the
file's header; the editor's text and the article's other fields are kept.
"""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from tests.admin_forms import ADD, article_form


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png(width: int, height: int) -> SimpleUploadedFile:
    """A real PNG of that size; one bit a pixel, so making it costs the test little memory."""
    output = BytesIO()
    Image.new("1", (width, height), 1).save(output, format="PNG")
    return SimpleUploadedFile("scan.png", output.getvalue(), content_type="image/png")


def test_an_editor_upload_of_6300_by_6300_pixels_is_refused_with_a_message(editor_client, media_in_tmp):
    response = editor_client.post(reverse("editor-upload"), {"image": png(6300, 6300)})
    assert response.status_code == 400
    assert "too many pixels" in response.json()["error"]
    assert "megapixels" in response.json()["error"]
    assert not any(path.is_file() for path in media_in_tmp.rglob("*"))


def test_a_lead_image_of_6300_by_6300_pixels_is_a_form_error_with_the_article_kept(editor_client, media_in_tmp):
    response = editor_client.post(ADD, article_form(lead_image=png(6300, 6300), lead_image_alt="A scan"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "too many pixels" in page
    assert "Ketamine and migraine" in page  # the title the editor typed is still in the form
    assert not Article.objects.exists()
    assert not any(path.is_file() for path in media_in_tmp.rglob("*"))


def test_an_image_within_the_cap_is_accepted(editor_client):
    response = editor_client.post(reverse("editor-upload"), {"image": png(3000, 2000)})
    assert response.status_code == 200
    assert response.json()["image_code"].startswith("![](/media/uploads/")
