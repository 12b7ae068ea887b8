"""Editors' admin: an article with its takeaways, sections and FAQ on one page.

Every Markdown field gets django-markdownx's editor with live preview; our script
initialises the editors of rows added with "Add another" as well.
"""

from django import forms
from django.contrib import admin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from .models import FAQ, Article, Section, Takeaway, anchor_from_heading

MARKDOWN_EDITOR = {MarkdownxField: {"widget": AdminMarkdownxWidget}}


class TakeawayInline(admin.TabularInline):
    model = Takeaway
    fields = ("order", "label", "text")
    extra = 0


class SectionForm(forms.ModelForm):
    def clean_anchor(self):
        """Derive an empty anchor here, not only on save, so the formset can spot two alike."""
        return self.cleaned_data["anchor"] or anchor_from_heading(self.cleaned_data.get("heading", ""))


class SectionInline(admin.StackedInline):
    model = Section
    form = SectionForm
    fields = (("order", "level"), ("heading", "anchor"), "body")
    formfield_overrides = MARKDOWN_EDITOR
    extra = 0


class FAQInline(admin.StackedInline):
    model = FAQ
    fields = ("order", "question", "answer")
    formfield_overrides = MARKDOWN_EDITOR
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "published_at", "updated_at")
    list_filter = ("status",)
    search_fields = ("title", "summary", "introduction")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = MARKDOWN_EDITOR
    filter_horizontal = ("related_articles",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "topic", "summary", "introduction")}),
        ("Publishing", {"fields": ("status", "published_at", "comments_open")}),
        ("Headings and closing", {"fields": ("takeaways_heading", "toc_heading", "faq_heading", "closing")}),
        ("Related articles", {"fields": ("related_articles",), "classes": ("collapse",)}),
    )
    inlines = (TakeawayInline, SectionInline, FAQInline)

    def view_on_site(self, article):
        """ "View on site" for published articles only: readers get a 404 for a draft."""
        if Article.objects.published().filter(pk=article.pk).exists():
            return article.get_absolute_url()
        return None

    class Media:
        js = ("articles/admin/markdownx-rows.js",)
        css = {"all": ("articles/admin/markdownx-rows.css",)}
