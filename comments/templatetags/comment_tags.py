"""The tag the article template uses to place the comment section: its list of threads and its form.

The rules it shows live elsewhere in the app (moderation, threads, remembered_author, forms).
"""

import re

from django import forms, template
from django.core.cache import caches
from django.forms import BoundField
from django.forms.widgets import Input
from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from articles.context_processors import footer_pages

from .. import remembered_author
from ..comment_list import comment_list_html
from ..forms import CommentForm
from ..models import Comment, DiscussionSettings
from ..threads import page_number_of, thread_page, unapproved_comment_id

register = template.Library()
LIST_TIMEOUT_SECONDS = 300


@register.filter
def lists_site_page(footer_pages, slug: str) -> bool:
    """Whether a site page is published, from the footer's list (`footer_pages`, in every page's
    context, from the shared cache): a page links it only then, never to "Page not found"."""
    return any(page_slug == slug for _, page_slug in footer_pages or ())


@register.inclusion_tag("comments/comment_section.html", takes_context=True)
def comment_section(context, article, versions):
    """The comments under an article: count, threads, pagination and the "Leave a Reply" form.

    `versions` are the page's (page_cache.page_versions), read once by the view: the thread
    list is kept under them.

    The form is the one the post view sent back (bound, with errors) or a new one, filled
    from the reader's remembered details. `?replytocom=<id>` places it under that comment,
    which is how "Reply" works without JavaScript. The reader's own waiting comments (the
    signed `?unapproved=` link, or the ids their remembered-details cookie holds) show to
    them alone.
    """
    request = context["request"]
    rules = DiscussionSettings.get_solo()
    form = context.get("comment_form")
    remembered = remembered_author.read(request)
    if form is None:
        form = CommentForm(article=article, initial=remembered.form_initial() if remembered else {})
    reply_to = _reply_target(article, form, request.GET.get("replytocom"))
    own_ids = set(remembered.pending_ids) if remembered else set()
    own_controls = _own_controls(request, article)
    if unapproved_id := unapproved_comment_id(request.GET.get("unapproved")):
        own_ids.add(unapproved_id)
    page_number = request.GET.get("comments-page")
    if page_number is None and reply_to is not None:
        page_number = page_number_of(reply_to, per_page=rules.comments_per_page, own_ids=own_ids)
    # A staff preview of an unpublished article takes no comments (its post would be refused);
    # it says instead whether readers will be able to comment once it is published.
    is_preview = bool(context.get("is_preview"))
    accepting = rules.accepts_comments_on(article) and not is_preview
    opens_on_publish = is_preview and rules.accepts_comments_on(article)
    section = {
        "article": article,
        "form": form,
        "reply_to": reply_to,
        "accepting": accepting,
        "change_minutes": remembered_author.CHANGE_MINUTES,
        # The form links the privacy page only while it is published: the footer's list, from the shared
        # cache. Publishing or unpublishing a site page bumps the content version, which retires the
        # kept pages and thread lists (with a reply form in them) this is rendered into.
        "privacy_published": lists_site_page(footer_pages(request)["footer_pages"], "privacy"),
    }

    # The list is the same for every reader unless it carries a reply form or an author's
    # waiting comments: then it is joined for this request alone. It is kept under the page it
    # is, and only when asked for by that page's own address (none, or its number): "01" or a
    # page past the last cannot push the real pages out of the worker's memory.
    shared = reply_to is None and not own_ids and not own_controls and re.fullmatch(r"[0-9]{0,4}", page_number or "")
    content, comments = versions
    key = f"comments:list:{content}:{comments}:{article.pk}:{page_number or 1}:{accepting}"
    thread_list = caches["pages"].get(key) if shared else None
    form_in_thread = False
    if thread_list is None:
        threads = thread_page(article, page_number=page_number, per_page=rules.comments_per_page, own_ids=own_ids)
        # The form goes under the comment replied to when it is shown, else at the end.
        form_in_thread = accepting and reply_to is not None and threads.shows(reply_to.pk)
        reply_form = render_to_string("comments/form.html", section) if form_in_thread else ""
        comment_list = comment_list_html(
            threads.nodes,
            article_url=article.get_absolute_url(),
            page_number=threads.page.number,
            accepting=accepting,
            reply_to_id=reply_to.pk if form_in_thread else None,
            reply_form_html=reply_form,
            own_controls=own_controls,
        )
        context = {"article": article, "threads": threads, "comment_list": comment_list}
        thread_list = render_to_string("comments/thread_list.html", context)
        if shared and str(threads.page.number) == (page_number or "1"):
            caches["pages"].set(key, thread_list, timeout=LIST_TIMEOUT_SECONDS)
    return {
        **section,
        "thread_list": thread_list,
        "form_in_thread": form_in_thread,
        "opens_on_publish": opens_on_publish,
    }


def _own_controls(request, article) -> dict[int, SafeString]:
    """Edit and Delete under each comment of this article the reader's browser may still change, by id.

    A query only for a reader who carries the own-words cookie: the shared page never asks.
    """
    own = remembered_author.own_comments(request)
    if not own:
        return {}
    candidates = Comment.objects.filter(pk__in=own, article=article).only("body", "created_at", "status")
    return {
        comment.pk: render_to_string(
            "comments/own_comment_controls.html",
            {"comment": comment, "article": article, "time_left": remembered_author.time_left_text(comment)},
        )
        for comment in candidates
        if remembered_author.may_change(request, comment)
    }


def _reply_target(article, form, requested_id) -> Comment | None:
    if form.is_bound:
        parent = form.cleaned_data.get("parent") if hasattr(form, "cleaned_data") else None
        return parent if isinstance(parent, Comment) else None
    if not re.fullmatch(r"[0-9]{1,18}", requested_id or ""):  # not str.isdigit(): "²" is a digit to it
        return None
    parent = (
        Comment.objects.approved()
        .filter(pk=int(requested_id), article=article)
        .only("name", "depth", "root_id", "created_at", "article_id")
        .first()
    )
    if parent is None or not parent.accepts_replies:
        return None
    form.initial["parent"] = parent.pk
    return parent


@register.simple_tag
def form_field(field: BoundField) -> SafeString:
    """One field of the form: its label (marked when required), help, errors and control.

    Written here rather than in a template included per field: the form is rendered for every
    personal page, and four includes with Django's widget templates were most of its cost.
    Every text and rule comes from the form (comments/forms.py) and Django's BoundField.
    """
    errors = field.errors
    required = ' <span class="required" aria-hidden="true">*</span>' if field.field.required else ""
    help_text = (
        format_html('\n  <span class="field-help" id="{}_helptext">{}</span>', field.auto_id, field.help_text)
        if field.help_text
        else ""
    )
    error_text = (
        format_html('\n  <span class="field-errors" id="{}_error">{}</span>', field.auto_id, " ".join(errors))
        if errors
        else ""
    )
    return format_html(
        '<p class="comment-field{}">\n  <label for="{}">{}{}</label>{}{}\n  {}\n</p>',
        " has-errors" if errors else "",
        field.id_for_label,
        field.label,
        mark_safe(required),
        help_text,
        error_text,
        form_control(field),
    )


@register.simple_tag
def form_control(field: BoundField) -> SafeString:
    """The field's <input> or <textarea>, written as Django's widget templates write it, without them.

    Rendering the widget templates was the dearest part of a personal page (about 2 ms for this
    form). What the control says still comes from the form and from Django: the widget's type and
    attributes (comments/forms.py), required, aria-invalid and aria-describedby
    (BoundField.build_widget_attrs), the id and the value. Only the kinds the comment form uses
    are written here (text-like inputs, a textarea, a checkbox); any other goes through Django.
    """
    widget = field.field.widget
    attrs = {**widget.attrs, **field.build_widget_attrs({})}
    if field.auto_id:
        attrs.setdefault("id", field.auto_id)
    value = field.value()
    name = escape(field.html_name)
    if isinstance(widget, forms.Textarea):
        text = widget.format_value(value) or ""
        return mark_safe(f'<textarea name="{name}"{_attributes(attrs)}>\n{escape(text)}</textarea>')
    if not isinstance(widget, Input) or isinstance(widget, forms.MultipleHiddenInput | forms.FileInput):
        return field.as_widget()
    if isinstance(widget, forms.CheckboxInput) and widget.check_test(value):
        attrs["checked"] = True
    text = widget.format_value(value)
    shown = "" if text is None else f' value="{escape(text)}"'
    return mark_safe(f'<input type="{escape(widget.input_type)}" name="{name}"{shown}{_attributes(attrs)}>')


def _attributes(attrs: dict) -> str:
    """HTML attributes as django/forms/widgets/attrs.html writes them: True bare, False left out."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )
