"""Images: the lead image is verified, cleaned, required to have alt text, and served at the sizes needed."""

from io import BytesIO

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from articles import image_sizes
from articles.article_body import body_version
from articles.markdown import render_article_markdown
from articles.models import Article
from tests.admin_forms import ADD, article_form
from tests.conftest import png_header_claiming


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photo(size=(2400, 1200), image_format="JPEG", **options) -> SimpleUploadedFile:
    output = BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(output, format=image_format, **options)
    return SimpleUploadedFile(f"holiday.{image_format.lower()}", output.getvalue(), content_type="image/jpeg")


def add_with_image(client, image, alt="A nurse preparing an infusion"):
    return client.post(ADD, article_form(lead_image=image, lead_image_alt=alt))


def test_a_lead_image_is_cleaned_scaled_and_renamed(editor_client, media_in_tmp):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}
    assert add_with_image(editor_client, photo(exif=exif.tobytes())).status_code == 302
    article = Article.objects.get()
    stored = Image.open(article.lead_image.path)
    assert article.lead_image.name.startswith("lead-images/") and "holiday" not in article.lead_image.name
    assert stored.size == (2000, 1000)  # scaled to EDITOR_IMAGE_MAX_SIDE
    assert not stored.getexif()
    assert (article.lead_image_width, article.lead_image_height) == (2000, 1000)


def test_renditions_are_made_once_on_save_not_on_page_view(editor_client, media_in_tmp):
    add_with_image(editor_client, photo())
    renditions = sorted(media_in_tmp.rglob("renditions/**/*.webp"))
    assert len(renditions) == 3
    assert sorted(Image.open(path).width for path in renditions) == [480, 960, 1600]
    article = Article.objects.get()
    Client().get(article.get_absolute_url())
    assert sorted(media_in_tmp.rglob("renditions/**/*.webp")) == renditions


def test_the_page_serves_the_image_with_srcset_sizes_and_dimensions(editor_client, media_in_tmp):
    add_with_image(editor_client, photo())
    html = Client().get(Article.objects.get().get_absolute_url()).content.decode()
    assert 'alt="A nurse preparing an infusion"' in html
    assert 'width="2000" height="1000"' in html
    assert "480w," in html and "960w," in html and "1600w" in html
    assert 'sizes="(max-width: 44rem) 100vw, 42rem"' in html


def a_deploy():
    """What a restart does: each worker forgets the version it computed and the pages it kept."""
    body_version.cache_clear()
    caches["pages"].clear()


def test_a_deploy_that_changes_the_images_sizes_shows_them_on_the_lead_image(
    editor_client, body_version_forgotten, monkeypatch
):
    add_with_image(editor_client, photo())
    url = Article.objects.get().get_absolute_url()
    monkeypatch.setattr(image_sizes, "SIZES", "(max-width: 60rem) 100vw, 56rem")
    a_deploy()
    assert 'sizes="(max-width: 60rem) 100vw, 56rem"' in Client().get(url).content.decode()


def test_a_deploy_that_moves_the_media_shows_the_lead_image_at_its_new_address(
    editor_client, body_version_forgotten, settings
):
    add_with_image(editor_client, photo())
    url = Article.objects.get().get_absolute_url()
    settings.MEDIA_URL = "https://media.example.org/"
    a_deploy()
    html = Client().get(url).content.decode()
    assert 'src="https://media.example.org/renditions/' in html and 'src="/media/' not in html


def test_a_small_image_is_never_listed_larger_than_it_is(editor_client):
    add_with_image(editor_client, photo(size=(600, 300)))
    srcset = Article.objects.get().lead_image_srcset()
    assert [entry.rsplit(" ", 1)[1] for entry in srcset.split(", ")] == ["480w", "600w"]


def test_a_lead_image_needs_a_description(editor_client):
    response = add_with_image(editor_client, photo(), alt="  ")
    assert response.status_code == 200
    assert "Describe the image for readers who cannot see it." in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "x.svg"),
        (b"<html><script>alert(1)</script></html>", "x.jpg"),
    ],
)
def test_a_lead_image_that_is_not_an_image_is_refused(editor_client, content, name):
    response = add_with_image(editor_client, SimpleUploadedFile(name, content, content_type="image/jpeg"))
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()
    assert not Article.objects.exists()


def test_a_gif_lead_image_is_refused_with_our_message(editor_client):
    response = add_with_image(editor_client, photo(size=(50, 50), image_format="GIF"))
    assert "not an image we accept" in response.content.decode()
    assert not Article.objects.exists()


def test_images_in_the_text_load_lazily():
    html = render_article_markdown("![A chart](/media/uploads/chart.png)")
    assert 'loading="lazy"' in html and 'decoding="async"' in html


def test_a_decompression_bomb_as_lead_image_is_refused(editor_client):

    bomb = SimpleUploadedFile("bomb.png", png_header_claiming(50_000, 50_000), content_type="image/png")
    response = add_with_image(editor_client, bomb)
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not Article.objects.exists()


def test_an_image_dropped_in_the_text_gets_renditions_size_and_srcset(editor_client, media_in_tmp):
    from django.urls import reverse

    response = editor_client.post(reverse("editor-upload"), {"image": photo(size=(1500, 1000))})
    code = response.json()["image_code"].replace("![]", "![A chart]")
    assert sorted(path.name.rsplit("-", 1)[-1] for path in media_in_tmp.rglob("uploads/*-*w.jpg")) == [
        "480w.jpg",
        "960w.jpg",
    ]
    html = render_article_markdown(code)
    assert 'width="1500" height="1000"' in html
    srcset = html.split('srcset="')[1].split('"')[0]
    assert [entry.rsplit(" ", 1)[1] for entry in srcset.split(", ")] == ["480w", "960w", "1500w"]
    assert 'sizes="(max-width: 44rem) 100vw, 42rem"' in html


def test_images_that_are_not_our_uploads_are_left_as_written(media_in_tmp):
    for source in ("/media/uploads/gone0000000000000000000000000000.png", "https://elsewhere.example/a.png"):
        html = render_article_markdown(f"![x]({source})")
        assert "width=" not in html and "srcset" not in html


def test_markup_in_alt_text_stays_escaped_when_sizes_are_added(editor_client, media_in_tmp):
    from django.urls import reverse

    code = editor_client.post(reverse("editor-upload"), {"image": photo(size=(1200, 600))}).json()["image_code"]
    html = render_article_markdown(code.replace("![]", '![a "><form action=//evil> b]'))
    assert "<form" not in html
    assert 'width="1200"' in html


def test_the_lead_image_and_the_images_in_the_text_take_the_one_sizes_value(editor_client, monkeypatch):
    from django.urls import reverse

    from articles import image_sizes

    monkeypatch.setattr(image_sizes, "SIZES", "(max-width: 30rem) 100vw, 28rem")
    code = editor_client.post(reverse("editor-upload"), {"image": photo(size=(1500, 1000))}).json()["image_code"]
    add_with_image(editor_client, photo())
    article = Article.objects.get()
    article.introduction = code.replace("![]", "![A chart]")
    article.save()
    html = Client().get(article.get_absolute_url()).content.decode()
    assert html.count('sizes="(max-width: 30rem) 100vw, 28rem"') == 2
    assert "44rem" not in html
