"""The two endpoints django-markdownx's editor calls: live preview and image upload.

We mount these instead of `markdownx.urls`, whose views let anyone in, return
unsanitized HTML and answer bad input with a 500 (see shared/notes/django-markdownx.md).
Both answer only staff who may change articles, and every refusal is a 4xx with a
message a person can act on.
"""

from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from .editor_images import ImageRejected, store_editor_image
from .markdown import MarkdownRefused, render_article_markdown, render_site_page_markdown
from .permissions import may_edit_articles

FORBIDDEN_MESSAGE = "Only staff who may change articles can use the editor. Log in to the admin as an editor."


def _plain_error(message: str, *, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _json_error(message: str, *, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def editors_only(refuse):
    """Answer 403 to anyone but active staff with permission to change articles.

    `refuse` builds the refusal in the shape the view's own answers have (plain text for
    the preview, JSON for uploads), so the editor shows it instead of failing to parse it.
    """

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not may_edit_articles(request.user):
                return refuse(FORBIDDEN_MESSAGE, status=403)
            return view(request, *args, **kwargs)

        return guarded

    return decorator


@require_POST
@editors_only(_plain_error)
def markdown_preview(request):
    """Render an article's Markdown exactly as the saved page will show it."""
    return _preview(request, render_article_markdown)


@require_POST
@editors_only(_plain_error)
def site_page_preview(request):
    """Render a site page's Markdown as its page will show it: `## Heading` stays an h2 there."""
    return _preview(request, render_site_page_markdown)


def _preview(request, render) -> HttpResponse:
    content = request.POST.get("content")
    if content is None:
        return _plain_error("The preview needs the Markdown text in the 'content' field.", status=400)
    try:
        return HttpResponse(render(content))
    except MarkdownRefused as refusal:
        # markdownx puts any answer's body in the preview pane: the editor reads the reason there.
        return HttpResponse(format_html('<p class="errornote" role="alert">{}</p>', str(refusal)), status=400)


@require_POST
@editors_only(_json_error)
def image_upload(request):
    """Store an uploaded image and answer with the Markdown that shows it.

    The answer's shape ({"image_code": ...}) is what markdownx's editor inserts; a
    refusal is {"error": ...}, which our admin script shows next to the editor.
    """
    upload = request.FILES.get("image")
    if upload is None:
        return _json_error("No image was sent. Drop a JPEG, PNG or WebP image on the editor.", status=400)
    try:
        url = store_editor_image(upload)
    except ImageRejected as rejection:
        return _json_error(str(rejection), status=rejection.status)
    return JsonResponse({"image_code": f"![]({url})"})
