from django.http import HttpResponse
from django.urls import path

from infusion_site.urls import urlpatterns as site_urlpatterns


def floor(request):
    """The least a Django view can do: the baseline every figure is a ratio of."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor", floor), *site_urlpatterns]
