from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static as static_url
from django.urls import include, path

from articles import editor_views
from articles.sitemaps import SITEMAPS

from .health import healthz
from .robots import robots_txt


def favicon(request):
    """Feed readers and old browsers ask for /favicon.ico whatever a page's <link rel="icon"> says.

    The address is looked up per request: outside debug it is the hashed name from the static
    files' manifest, which an import of this module must not need.
    """
    return HttpResponsePermanentRedirect(static_url("favicon.ico"))


admin.site.site_header = "infusion-site administration"
admin.site.site_title = "infusion-site admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon),
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # The two endpoints django-markdownx's editor calls (settings.MARKDOWNX_*_PATH).
    path(settings.MARKDOWNX_URLS_PATH.lstrip("/"), editor_views.markdown_preview, name="editor-preview"),
    # A site page's editor previews here instead (articles.admin.SitePageMarkdownWidget).
    path("editor/markdownify-site-page/", editor_views.site_page_preview, name="editor-preview-site-page"),
    path(settings.MARKDOWNX_UPLOAD_URLS_PATH.lstrip("/"), editor_views.image_upload, name="editor-upload"),
    path("", include("comments.urls")),
    # Last: articles.urls ends with the site pages' /<slug>/, which would answer any address mounted below it.
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
