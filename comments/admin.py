"""Moderators' queue: pending comments first, bulk approve / spam / remove, replies as staff.

Nothing is deleted by a wrong click: "Remove" is a status, and "Approve" undoes it.
"""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.text import Truncator
from solo.admin import SingletonModelAdmin

from articles.markdown import validate_renderable_markdown

from . import services
from .models import Comment, DiscussionSettings


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


def https_by_default(field, **kwargs):
    """Form fields for model fields, with web addresses typed without a scheme taken as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class CommentAdminForm(forms.ModelForm):
    staff_reply = forms.CharField(
        label="Reply as staff",
        required=False,
        validators=[validate_renderable_markdown],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Published at once under this comment, marked as a staff reply. Markdown.",
    )

    class Meta:
        model = Comment
        fields = ("name", "email", "website", "body", "status")
        formfield_callback = https_by_default

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("staff_reply", "").strip():
            if cleaned.get("status") != Comment.Status.APPROVED:
                self.add_error(
                    "staff_reply", "Approve this comment to reply to it: a reply under a hidden comment is hidden too."
                )
            elif not self.instance.accepts_replies:
                self.add_error(
                    "staff_reply", "Replies nest three levels deep at most: reply to a comment above this one."
                )
        return cleaned


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = CommentAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("excerpt", "name", "article", "status", "created_at", "ip_address")
    list_display_links = ("excerpt",)
    list_filter = (StatusFilter, "is_staff_reply", "article")
    list_select_related = ("article",)
    search_fields = ("name", "email", "body", "ip_address")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    list_per_page = 50
    readonly_fields = ("article", "parent", "status_reason", "created_at", "ip_address", "user_agent", "is_staff_reply")
    fieldsets = (
        (None, {"fields": ("article", "parent", "status", "status_reason", "created_at")}),
        ("Author", {"fields": ("name", "email", "website", "ip_address", "user_agent", "is_staff_reply")}),
        ("Comment", {"fields": ("body",)}),
        ("Reply", {"fields": ("staff_reply",)}),
    )
    actions = ("approve", "mark_spam", "remove")

    @admin.display(description="comment")
    def excerpt(self, comment):
        return Truncator(comment.body).chars(80)

    def has_add_permission(self, request):
        return False  # comments come from readers; staff reply from a comment's page

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # "Remove" keeps the row; deleting is for the rare real need
        return actions

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.APPROVED, "approved")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.SPAM, "marked as spam")

    @admin.action(description="Remove selected comments (kept, hidden)", permissions=["change"])
    def remove(self, request, queryset):
        self._set_status(request, queryset, Comment.Status.REMOVED, "removed")

    def _set_status(self, request, queryset, status, verb):
        changed = services.set_status(queryset, status)
        self.message_user(request, f"{changed} comment{'s' if changed != 1 else ''} {verb}.", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        reply = form.cleaned_data.get("staff_reply", "").strip()
        if reply:
            services.post_staff_reply(parent=obj, user=request.user, body=reply)
            self.message_user(request, "Your reply is published.", messages.SUCCESS)


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(SingletonModelAdmin):
    fieldsets = (
        ("Who is published at once", {"fields": ("auto_approve_known_authors",)}),
        ("What waits or goes to spam", {"fields": ("link_limit", "moderation_words", "disallowed_words")}),
        ("Articles", {"fields": ("close_after_days", "comments_per_page")}),
        ("Moderators", {"fields": ("notify_moderators",)}),
    )
