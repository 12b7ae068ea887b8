"""Editors' admin: an article with its takeaways, sections, FAQ, references and old addresses on one page.

Every Markdown field gets django-markdownx's editor with live preview; our script
initialises the editors of rows added with "Add another" as well.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget, AdminTextInputWidget
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import ngettext
from markdownx.fields import MarkdownxFormField
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from solo.admin import SingletonModelAdmin

from infusion_site.admin_selection import SelectionChecked
from infusion_site.web_addresses import WebAddressField

from .admin_error_summary import error_summary
from .article_body import bodies_made_once
from .content_checks import broken_internal_links, images_without_alt
from .editor_images import ImageRejected, check_pixel_count, prepared_image
from .models import (
    FAQ,
    Article,
    CrisisHelp,
    OldAddress,
    Person,
    PersonOldAddress,
    Reference,
    Section,
    SitePage,
    SitePageOldAddress,
    Takeaway,
    Topic,
    TopicOldAddress,
    WordPressItem,
    anchor_from_heading,
)
from .revision_compare import revision_changes
from .revision_restore import Restore, prepare_reverted, restore_message, revision_name


class MarkdownFormField(MarkdownxFormField):
    """Markdown with line breaks stored as LF. Browsers send a textarea's as CR LF: kept as sent,
    every untouched section and FAQ answer would count as changed on each save ("Changed Body"
    in History, and a compare with nothing marked)."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


MARKDOWN_EDITOR = {MarkdownxField: {"widget": AdminMarkdownxWidget, "form_class": MarkdownFormField}}


class SitePageMarkdownWidget(AdminMarkdownxWidget):
    """markdownx's editor, previewing through the site pages' pipeline (h2 kept), so the preview is the page.

    markdownx writes its one preview address (MARKDOWNX_URLS_PATH) on every editor; its script reads
    the address from each editor's own attribute, which this one replaces.
    """

    def add_markdownx_attrs(self, attrs):
        attrs = AdminMarkdownxWidget.add_markdownx_attrs(attrs)
        attrs["data-markdownx-urls-path"] = reverse("editor-preview-site-page")
        return attrs


class OldAddressInline(admin.TabularInline):
    model = OldAddress
    fields = ("slug", "created_at")
    readonly_fields = ("created_at",)
    extra = 0
    verbose_name_plural = "Old addresses (each answers with a permanent redirect to this article)"


class ShowsOldAddresses:
    """A topic's, person's or site page's form lists the addresses it had (articles.old_addresses).

    Shown, not edited: an editor who may change the page sees them without a permission of their
    own on the old-address rows, and the form posts nothing more than it did before. The list links
    to those rows' own admin (OldAddressAdmin), where an editor deletes one to free the address.
    """

    @admin.display(description="old addresses")
    def old_address_list(self, page) -> str:
        slugs = list(page.old_addresses.values_list("slug", flat=True)) if page.pk else []
        if not slugs:
            return "None yet. When you change the address, the old one will redirect here."
        rows = page.old_address_model()
        link = page.old_address_link()
        manage = reverse(f"admin:{rows._meta.app_label}_{rows._meta.model_name}_changelist")
        return format_html(
            '{}: each redirects here (a permanent redirect), so links to them keep working. <a href="{}">{}</a>',
            ", ".join(slugs),
            f"{manage}?{link}__id__exact={page.pk}",
            "Delete one to free its address",
        )


class ReferenceInline(admin.TabularInline):
    model = Reference
    fields = ("order", "title", "publisher", "url", "accessed_on")
    formfield_overrides = {models.URLField: {"form_class": WebAddressField}}
    extra = 0


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


class PublicationStateFilter(admin.SimpleListFilter):
    """Draft, scheduled or published: what readers see, not only the status field."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Article.PublicationState.choices

    def queryset(self, request, queryset):
        published = Article.objects.published()
        if self.value() == Article.PublicationState.DRAFT:
            return queryset.exclude(status=Article.Status.PUBLISHED)
        if self.value() == Article.PublicationState.SCHEDULED:
            return queryset.filter(status=Article.Status.PUBLISHED).exclude(pk__in=published.values("pk"))
        if self.value() == Article.PublicationState.PUBLISHED:
            return queryset.filter(pk__in=published.values("pk"))
        return queryset


class ReviewFilter(admin.SimpleListFilter):
    """Which articles need a medical review: overdue, due soon (Article.REVIEW_DUE_SOON_DAYS), never reviewed."""

    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue"),
            ("due-soon", f"Due within {Article.REVIEW_DUE_SOON_DAYS} days"),
            ("never", "No review date"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "due-soon":
            return queryset.review_due_soon()
        if self.value() == "never":
            return queryset.filter(next_review_due__isnull=True)
        return queryset


class LeadImageField(forms.ImageField):
    """Django's image field, but an image with too many pixels hears so, not "not a valid image"."""

    def to_python(self, data):
        if data is not None and hasattr(data, "seek"):
            try:
                check_pixel_count(data)
            except ImageRejected as rejection:
                raise forms.ValidationError(str(rejection)) from rejection
        return super().to_python(data)


class ArticleForm(forms.ModelForm):
    class Meta:
        field_classes = {"lead_image": LeadImageField}
        # Title, address and summary are read whole: as wide as the form (article-form.css), the
        # summary (up to 300 characters) on three lines.
        widgets = {
            "title": AdminTextInputWidget(attrs={"class": "vTextField wide-input"}),
            "slug": AdminTextInputWidget(attrs={"class": "vTextField wide-input"}),
            "summary": AdminTextareaWidget(attrs={"class": "vLargeTextField wide-input", "rows": 3}),
        }

    def clean_lead_image(self):
        """A new lead image is checked and re-encoded like every editor upload (EXIF dropped, random name)."""
        image = self.cleaned_data.get("lead_image")
        if image and image is not getattr(self.instance, "lead_image", None) and hasattr(image, "content_type"):
            try:
                return prepared_image(image)
            except ImageRejected as rejection:
                raise forms.ValidationError(str(rejection)) from rejection
        return image


def page_label(article: Article) -> str:
    """The link to the article's page: "View" once readers see it, "Preview" before."""
    return "View" if article.publication_state() == Article.PublicationState.PUBLISHED else "Preview"


@admin.register(TopicOldAddress, PersonOldAddress, SitePageOldAddress)
class OldAddressAdmin(admin.ModelAdmin):
    """The old addresses of topics, people and site pages, with the rights editors have on an article's.

    An article's are an inline of its form; these are listed read-only on the page's form
    (ShowsOldAddresses), which links here, filtered to that page, to delete one and free its address.
    """

    search_fields = ("slug",)
    date_hierarchy = "created_at"

    def get_list_display(self, request):
        return ("slug", self.model.page_link(), "created_at")

    def get_list_filter(self, request):
        return (self.model.page_link(),)

    def get_fields(self, request, obj=None):
        return ("slug", self.model.page_link())


@admin.register(Person)
class PersonAdmin(ShowsOldAddresses, admin.ModelAdmin):
    list_display = ("name", "credentials", "is_organization", "slug")
    search_fields = ("name", "credentials")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("old_address_list",)


@admin.register(Topic)
class TopicAdmin(ShowsOldAddresses, admin.ModelAdmin):
    """Topics articles are filed under; a rename shows at once on every page that names it."""

    list_display = ("name", "slug", "is_mental_health")
    list_filter = ("is_mental_health",)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("old_address_list",)


@admin.register(Article)
class ArticleAdmin(SelectionChecked, CompareVersionAdmin):
    """Every save keeps a revision of the article with its parts: "History" lists, compares, restores."""

    form = ArticleForm
    view_on_site = False  # the change form links the page itself: "View" or "Preview" (page_label)
    compare_template = "admin/articles/article/compare.html"
    object_history_template = "admin/articles/article/object_history.html"

    list_display = ("title", "state", "published_at", "last_edited", "next_review_due", "page_link")
    list_filter = (PublicationStateFilter, ReviewFilter, "topic")
    list_select_related = ("updated_by",)
    autocomplete_fields = ("author", "medical_reviewer")
    actions = ("publish", "unpublish")
    search_fields = ("title", "summary", "introduction")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = MARKDOWN_EDITOR
    filter_horizontal = ("related_articles",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "topic", "summary", "lead_image", "lead_image_alt", "introduction")}),
        ("Publishing", {"fields": ("status", "published_at", "comments_open")}),
        ("Authors and medical review", {"fields": ("author", "medical_reviewer", "last_reviewed", "next_review_due")}),
        (
            "Headings and closing",
            {
                "fields": (
                    "introduction_heading",
                    "takeaways_heading",
                    "toc_heading",
                    "faq_heading",
                    "closing",
                )
            },
        ),
        ("Related articles", {"fields": ("related_articles",), "classes": ("collapse",)}),
    )
    inlines = (TakeawayInline, SectionInline, FAQInline, ReferenceInline, OldAddressInline)

    @admin.display(description="state")
    def state(self, article):
        return article.publication_state().label

    @admin.display(description="last edited", ordering="updated_at")
    def last_edited(self, article):
        when = date_format(timezone.localtime(article.updated_at), "DATETIME_FORMAT")
        return f"{when} by {article.updated_by}" if article.updated_by else when

    @admin.display(description="page")
    def page_link(self, article):
        return format_html('<a href="{}">{}</a>', article.get_absolute_url(), page_label(article))

    @admin.action(description="Publish selected articles", permissions=["change"])
    def publish(self, request, queryset):
        states = self._set_status(request, queryset.exclude(status=Article.Status.PUBLISHED), Article.Status.PUBLISHED)
        live = states.count(Article.PublicationState.PUBLISHED)
        scheduled = states.count(Article.PublicationState.SCHEDULED)
        message = ngettext("%(count)d article published.", "%(count)d articles published.", live) % {"count": live}
        if scheduled:
            message += f" {scheduled} scheduled: their publish time is still ahead."
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description="Unpublish selected articles (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        drafted = len(self._set_status(request, queryset.filter(status=Article.Status.PUBLISHED), Article.Status.DRAFT))
        message = ngettext("%(count)d article back to draft.", "%(count)d articles back to draft.", drafted)
        self.message_user(request, message % {"count": drafted}, messages.SUCCESS)

    def _set_status(self, request, queryset, status) -> list[Article.PublicationState]:
        """Save each article (publish time, last edited, revision) and return the states they end in."""
        states = []
        for article in queryset:
            article.status = status
            article.updated_by = request.user
            article.save()
            states.append(article.publication_state())
        return states

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The article and each inline row are saved one by one: its body is made once, after all of them."""
        with bodies_made_once():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        """Each part goes before the article: no body is made for an article about to go."""
        with bodies_made_once():
            return super().delete_view(request, object_id, extra_context)

    def delete_queryset(self, request, queryset):
        with bodies_made_once():
            super().delete_queryset(request, queryset)

    def recover_view(self, request, version_id, extra_context=None):
        with bodies_made_once():  # django-reversion saves each restored row, then the form saves again
            return super().recover_view(request, version_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore an earlier revision's text and parts, keeping today's publication and address.

        The form shows the revision with the current status, publish time and comment setting
        (get_object), and saving it says what was restored (response_change); the request carries
        the Restore to those two, which Django calls in between. A restored revision
        with another address keeps the current one working (a redirect): django-reversion writes
        the old slug before Article.save() runs, so save() cannot see the change.
        """
        article = self.get_object(request, object_id)  # None for an address that names no article
        version = article and Version.objects.get_for_object(article).filter(pk=version_id).first()
        restore = Restore.of(article, version) if article and version else None
        request.article_restore = restore
        if restore:
            extra_context = {"title": f"Restore {revision_name(version)}", **(extra_context or {})}
        with bodies_made_once():  # django-reversion saves each restored row, then the form saves again
            response = super().revision_view(request, object_id, version_id, extra_context)
        if restore and request.method == "POST" and response.status_code == 302:
            article.refresh_from_db()
            if article.slug != restore.slug:
                article.keep_old_address(restore.slug)
        return response

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        restore = getattr(request, "article_restore", None)
        if article is not None and restore is not None:
            prepare_reverted(article, restore)
        return article

    def response_change(self, request, obj):
        restore = getattr(request, "article_restore", None)
        if restore is None:
            return super().response_change(request, obj)
        self.message_user(request, restore_message(restore, obj), messages.SUCCESS)
        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:articles_article_change", args=[obj.pk]))

    def compare_view(self, request, object_id, extra_context=None):
        """The compare page marks the revision that is the article as it is now, and is titled with
        the article's name now (reversion-compare's title names the older revision's)."""
        article = self.get_object(request, object_id)  # None for an address that names no article
        if article is None:
            raise Http404("No article has this address.")
        latest = Version.objects.get_for_object(article).order_by("-pk").first()
        context = {
            "current_version_id": latest.pk if latest else None,
            "title": f"Compare revisions of “{article}”",
            **(extra_context or {}),
        }
        return super().compare_view(request, object_id, context)

    def compare(self, obj, version1, version2):
        """Every field an editor writes, the parts' fields included, as line diffs (revision_compare)."""
        return revision_changes(version1, version2), False

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """Name each error at the top of this long form, with a link to its field; link the page."""
        context["error_summary"] = error_summary(context["adminform"].form, context["inline_admin_formsets"])
        context["page_label"] = page_label(obj) if obj else ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        """After the inlines are saved, warn about what readers would stumble on."""
        super().save_related(request, form, formsets, change)
        article = form.instance
        broken = broken_internal_links(article)
        if broken:
            self.message_user(
                request,
                "Links to pages of this site that do not exist: " + ", ".join(broken) + ". Readers would get "
                "“Page not found”.",
                messages.WARNING,
            )
        missing_alt = images_without_alt(article)
        if missing_alt:
            self.message_user(
                request,
                ngettext(
                    "%(count)d image without a description (alt text): ",
                    "%(count)d images without a description (alt text): ",
                    len(missing_alt),
                )
                % {"count": len(missing_alt)}
                + ", ".join(missing_alt)
                + ". Write it between the brackets: ![What the image shows](address).",
                messages.WARNING,
            )

    class Media:
        js = ("articles/admin/markdownx-rows.js", "articles/admin/image-descriptions.js")
        css = {"all": ("articles/admin/markdownx-rows.css",)}


@admin.register(SitePage)
class SitePageAdmin(ShowsOldAddresses, VersionAdmin):
    """About, Editorial policy, Privacy, Contact: Markdown with live preview, like an article's text.

    Every save keeps a revision: "History" shows what a policy said before, and can bring it back.
    """

    list_display = ("title", "slug", "is_published", "footer_order", "updated_at")
    list_editable = ("is_published", "footer_order")
    list_filter = ("is_published",)
    search_fields = ("title", "body")
    prepopulated_fields = {"slug": ("title",)}
    formfield_overrides = {MarkdownxField: {"widget": SitePageMarkdownWidget, "form_class": MarkdownFormField}}
    fields = ("title", "slug", "old_address_list", "body", ("is_published", "footer_order"))
    readonly_fields = ("old_address_list",)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """A restored revision with another address keeps the current one working (a redirect).

        django-reversion writes the restored row without SitePage.save(), so save() cannot see the change.
        """
        page = self.get_object(request, object_id)
        response = super().revision_view(request, object_id, version_id, extra_context)
        if page is not None and request.method == "POST" and response.status_code == 302:
            restored = SitePage.objects.get(pk=page.pk)
            if restored.slug != page.slug:
                restored.keep_old_address(page.slug)
        return response


@admin.register(CrisisHelp)
class CrisisHelpAdmin(SingletonModelAdmin):
    """One page, "Crisis help" under Articles: the box near the top of mental-health articles."""

    formfield_overrides = MARKDOWN_EDITOR


@admin.register(WordPressItem)
class WordPressItemAdmin(admin.ModelAdmin):
    """What import_wordpress made or attached, and each item's old address: to check an import, not to edit it
    (a change here would break the next run's matching; edit the article, page or topic itself)."""

    list_display = ("__str__", "kind", "old_path", "article", "site_page", "topic", "attached")
    list_filter = ("source", "kind", "attached")
    search_fields = ("old_path", "article__title", "site_page__title", "topic__name")
    list_select_related = ("article", "site_page", "topic")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
