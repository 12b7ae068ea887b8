import os
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from infusion_site.urls import urlpatterns as site_urlpatterns


def floor(request):
    """The least a Django view can do: the baseline every figure is a ratio of."""
    return HttpResponse("ok", content_type="text/plain")


@cache
def _page_bytes() -> bytes:
    return Path(os.environ["BENCH_PAGE_FILE"]).read_bytes()


def floor_with_page_bytes(request):
    """The floor answering with the article page's bytes (bench/run.py writes them first): what
    sending a page that size costs gunicorn and the client, apart from finding the page."""
    return HttpResponse(_page_bytes(), content_type="text/html; charset=utf-8")


urlpatterns = [
    path("bench/floor", floor),
    path("bench/page-bytes", floor_with_page_bytes),
    *site_urlpatterns,
]
