"""Moderators' queue: pending comments first (a possible crisis before the rest, marked), each readable
in full and decided from its row (approve / spam / remove) or in bulk, with an undo; replies as staff,
approving in the same step.

Nothing is deleted by a wrong click: "Remove" is a status, and "Approve" undoes it.
"""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Case, Count, Q, Value, When
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from solo.admin import SingletonModelAdmin

from articles.markdown import validate_renderable_markdown
from articles.models import Article
from infusion_site.admin_selection import SelectionChecked
from infusion_site.site_address import absolute_url
from infusion_site.web_addresses import WebAddressField

from . import personal_data, queue, services
from .models import Comment, DiscussionSettings, PersonalDataRequest, too_deep
from .personal_data_views import copy_download

EXCERPT_CHARS = 300  # enough to decide on most comments; longer ones open in place
ROW_BUTTONS = ((Comment.Status.APPROVED, "Approve"), (Comment.Status.SPAM, "Spam"), (Comment.Status.REMOVED, "Remove"))


class StatusFilter(admin.SimpleListFilter):
    """Status, with Pending as the default view and each status's count."""

    title = "status"
    parameter_name = "status"
    default = Comment.Status.PENDING

    def lookups(self, request, model_admin):
        counts = dict(Comment.objects.values_list("status").annotate(n=Count("id")))
        choices = [(value, f"{label} ({counts.get(value, 0)})") for value, label in Comment.Status.choices]
        return [*choices, ("all", "All")]

    def choices(self, changelist):
        current = self.value() or self.default
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or self.default
        if value == "all":
            return queryset
        if value not in Comment.Status.values:
            return queryset.none()
        return queryset.filter(status=value)


class OriginFilter(admin.SimpleListFilter):
    """Imported comments (comments.wordpress_comments) apart from those posted on this site."""

    title = "origin"
    parameter_name = "origin"

    def lookups(self, request, model_admin):
        return [("imported", "Imported from WordPress"), ("here", "Posted here")]

    def queryset(self, request, queryset):
        if self.value() == "imported":
            return queryset.exclude(imported_from="")
        if self.value() == "here":
            return queryset.filter(imported_from="")
        return queryset


class SubmitButton(forms.CheckboxInput):
    """A submit button as a form field: True when the form was sent with it."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '<button type="submit" name="{}" value="1" class="button default">{}</button>', name, self.text
        )


class CommentAdminForm(forms.ModelForm):
    staff_reply = forms.CharField(
        label="Reply as staff",
        required=False,
        validators=[validate_renderable_markdown],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Published at once under this comment, marked as a staff reply. Markdown.",
    )
    approve_and_reply = forms.BooleanField(
        label="Approve and reply",
        required=False,
        widget=SubmitButton("Approve and reply"),
        help_text="Approves this comment and publishes your reply under it, in one step.",
    )

    class Meta:
        model = Comment
        fields = ("name", "email", "website", "body", "status")
        field_classes = {"website": WebAddressField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.email:
            # Erased at its author's request (comments.personal_data): it is still moderated, without an address.
            self.fields["email"].required = False

    def clean(self):
        cleaned = super().clean()
        replying = cleaned.get("staff_reply", "").strip()
        if cleaned.get("approve_and_reply"):  # CommentAdmin.save_model approves it, the one way statuses change
            if not replying:
                self.add_error("staff_reply", "Write your reply, then press “Approve and reply”.")
        elif replying and cleaned.get("status") != Comment.Status.APPROVED:
            self.add_error(
                "staff_reply",
                "A reply under a comment that is not approved would be hidden too: "
                "press “Approve and reply” to publish both.",
            )
        if replying and not self.instance.accepts_replies:
            self.add_error("staff_reply", too_deep())
        return cleaned


@admin.register(Comment)
class CommentAdmin(SelectionChecked, admin.ModelAdmin):
    form = CommentAdminForm
    list_display = ("text", "author", "replies_to", "created_at", "decisions")
    list_display_links = ("created_at",)
    list_filter = (StatusFilter, OriginFilter, "is_staff_reply", "article")
    list_select_related = ("article", "parent")
    search_fields = ("name", "email", "body", "ip_address")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    list_per_page = 50
    readonly_fields = (
        "article_link",
        "parent",
        "status_reason",
        "created_at",
        "ip_address",
        "user_agent",
        "is_staff_reply",
        "imported_from",
        "imported_id",
    )
    fieldsets = (
        (None, {"fields": ("article_link", "parent", "status", "status_reason", "created_at")}),
        ("Imported", {"fields": ("imported_from", "imported_id")}),
        ("Author", {"fields": ("name", "email", "website", "ip_address", "user_agent", "is_staff_reply")}),
        ("Comment", {"fields": ("body",)}),
        ("Reply", {"fields": ("staff_reply",)}),
    )
    actions = ("approve", "mark_spam", "remove", "export_personal_data", "erase_personal_data")

    class Media:
        css = {"all": ("comments/admin/queue.css",)}

    @admin.display(description="comment")
    def text(self, comment):
        """The whole comment when it is short; the first EXCERPT_CHARS characters and "more" when not."""
        excerpt = Truncator(comment.body).chars(EXCERPT_CHARS)
        return render_to_string(
            "comments/admin_comment_text.html",
            {"comment": comment, "body": comment.body, "excerpt": excerpt, "truncated": excerpt != comment.body},
        )

    @admin.display(description="author", ordering="name")
    def author(self, comment):
        return render_to_string("comments/admin_author.html", {"comment": comment})

    @admin.display(description="on")
    def replies_to(self, comment):
        """The article, and the comment it answers when it is a reply."""
        return render_to_string(
            "comments/admin_replies_to.html",
            {
                "comment": comment,
                "parent_url": comment.parent_id and reverse("admin:comments_comment_change", args=[comment.parent_id]),
            },
        )

    @admin.display(description="status", ordering="status")
    def decisions(self, comment):
        """The status, the Approve / Spam / Remove buttons that would change it, and a way to reply."""
        return render_to_string(
            "comments/admin_row_decisions.html",
            {
                "comment": comment,
                "decide_url": reverse("admin:comments_comment_decide", args=[comment.pk]),
                "change_url": reverse("admin:comments_comment_change", args=[comment.pk]),
                "choices": [(status, label) for status, label in ROW_BUTTONS if status != comment.status],
                "reply_label": "Reply" if comment.status == Comment.Status.APPROVED else "Approve and reply",
            },
        )

    def get_ordering(self, request):
        """A waiting comment that may be a person in crisis first (comments.crisis), then newest first."""
        waiting_crisis = Q(status=Comment.Status.PENDING) & ~Q(crisis_phrase="")
        return (Case(When(waiting_crisis, then=Value(0)), default=Value(1)).asc(), *self.ordering)

    def changelist_view(self, request, extra_context=None):
        # The queue needs the width: the admin's left-hand list of models gives it up on this page.
        context = {"filters_field": queue.FILTERS_FIELD, "is_nav_sidebar_enabled": False}
        return super().changelist_view(request, context | (extra_context or {}))

    def get_list_display(self, request):
        """Row buttons only for those who may use them."""
        shown = super().get_list_display(request)
        return shown if self.has_change_permission(request) else tuple(c for c in shown if c != "decisions")

    def get_fieldsets(self, request, obj=None):
        """A comment that is not approved offers "Approve and reply" under the reply box; one posted here
        has no "Imported" part."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.imported_from:
            fieldsets = tuple(part for part in fieldsets if part[0] != "Imported")
        if obj is None or obj.status == Comment.Status.APPROVED:
            return fieldsets
        return (*fieldsets[:-1], ("Reply", {"fields": ("staff_reply", "approve_and_reply")}))

    def get_urls(self):
        row_decision = partial(queue.decide_one, model_admin=self)
        undo = partial(queue.undo, model_admin=self)
        return [
            path(
                "<int:object_id>/decide/",
                self.admin_site.admin_view(require_POST(row_decision)),
                name="comments_comment_decide",
            ),
            path("undo/", self.admin_site.admin_view(require_POST(undo)), name="comments_comment_undo"),
            *super().get_urls(),
        ]

    @admin.display(description="article")
    def article_link(self, comment):
        """The article's public page while readers can see it. Not its admin page: a moderator may
        not open that one. An article readers cannot see is named without a link."""
        article = comment.article
        state = article.publication_state()
        if state != Article.PublicationState.PUBLISHED:
            return f"{article} ({state.label.lower()}: not on the site)"
        return format_html('<a href="{}">{}</a>', article.get_absolute_url(), article)

    def view_on_site(self, comment):
        """The "View on site" button, for an approved comment only: a waiting one is not public,
        and the button must not hand out the author's link that shows it."""
        if comment.status != Comment.Status.APPROVED:
            return None
        return absolute_url(comment.get_absolute_url())

    def has_add_permission(self, request):
        return False  # comments come from readers; staff reply from a comment's page

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # "Remove" keeps the row; deleting is for the rare real need
        return actions

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset):
        queue.decide(request, self, queryset, Comment.Status.APPROVED)

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        queue.decide(request, self, queryset, Comment.Status.SPAM)

    @admin.action(description="Remove selected comments (kept, hidden)", permissions=["change"])
    def remove(self, request, queryset):
        queue.decide(request, self, queryset, Comment.Status.REMOVED)

    @admin.action(description="Download the selected author's comments (JSON)", permissions=["change"])
    def export_personal_data(self, request, queryset):
        """The copy a reader gets from "Your comments", for a reader who asked the site another way."""
        if address := self._one_address(request, queryset):
            return copy_download(personal_data.copy(address, moderator=request.user))
        return None

    @admin.action(description="Erase the selected author's personal data…", permissions=["change"])
    def erase_personal_data(self, request, queryset):
        """The erasure a reader gets from "Your comments", after a confirmation page (as Django's delete)."""
        address = self._one_address(request, queryset)
        if not address:
            return None
        if request.POST.get("confirmed") == "yes":
            count = personal_data.erase(address, moderator=request.user)
            erased = ngettext("%(count)d comment erased.", "%(count)d comments erased.", count) % {"count": count}
            self.message_user(request, erased, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Erase this author's personal data?",
            "opts": self.opts,
            "address": address,
            "count": Comment.objects.posted_with(address).count(),
            "keeps_text": DiscussionSettings.get_solo().erasure_keeps_text,
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/comments/comment/erase_personal_data.html", context)

    def _one_address(self, request, queryset) -> str | None:
        """The one e-mail address of the selected comments: each action serves one person at a time."""
        addresses = {personal_data.normalized(email) for email in queryset.values_list("email", flat=True)} - {""}
        if len(addresses) != 1:
            self.message_user(
                request,
                "Select comments of one author (one e-mail address): the copy and the erasure serve one person.",
                messages.WARNING,
            )
            return None
        return addresses.pop()

    def save_model(self, request, obj, form, change):
        """Save the edit; a new status, picked in the form or by "Approve and reply", is a decision
        like the queue's (services.set_status, its log line, its Undo), made before the reply."""
        decided = Comment.Status.APPROVED if form.cleaned_data.get("approve_and_reply") else None
        if change and "status" in form.changed_data:
            decided = decided or obj.status
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if decided:
            queue.decide(request, self, Comment.objects.filter(pk=obj.pk), decided)
        reply = form.cleaned_data.get("staff_reply", "").strip()
        if reply:
            services.post_staff_reply(parent=obj, user=request.user, body=reply)
            self.message_user(request, "Your reply is published.", messages.SUCCESS)


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(SingletonModelAdmin):
    fieldsets = (
        ("Who is published at once", {"fields": ("auto_approve_known_authors",)}),
        ("What waits or goes to spam", {"fields": ("link_limit", "moderation_words", "disallowed_words")}),
        ("Care on mental-health topics", {"fields": ("crisis_phrases", "crisis_exceptions")}),
        ("Articles", {"fields": ("close_after_days", "comments_per_page")}),
        ("Moderators", {"fields": ("notify_moderators", "staff_reply_name")}),
        ("Personal data", {"fields": ("erasure_keeps_text",)}),
    )


@admin.register(PersonalDataRequest)
class PersonalDataRequestAdmin(admin.ModelAdmin):
    """What readers and moderators asked of comments' personal data, and what came of it: read only."""

    list_display = ("created_at", "kind", "outcome", "comments", "moderator", "email_hash")
    list_filter = ("kind", "outcome")
    search_fields = ("email_hash",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
