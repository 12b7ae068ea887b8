from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic import RedirectView

from articles import editor_views

from .health import healthz

admin.site.site_header = "infusion-site administration"
admin.site.site_title = "infusion-site admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # Feed readers and old browsers ask here whatever the page's <link rel="icon"> says.
    path("favicon.ico", RedirectView.as_view(url=static_url("favicon.ico"), permanent=True)),
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
