from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles import editor_views

from .health import healthz

admin.site.site_header = "infusion-site administration"
admin.site.site_title = "infusion-site admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # The two endpoints django-markdownx's editor calls (settings.MARKDOWNX_*_PATH).
    path(settings.MARKDOWNX_URLS_PATH.lstrip("/"), editor_views.markdown_preview, name="editor-preview"),
    path(settings.MARKDOWNX_UPLOAD_URLS_PATH.lstrip("/"), editor_views.image_upload, name="editor-upload"),
    path("", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
