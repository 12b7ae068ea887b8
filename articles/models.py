"""The guide as data: an Article and its ordered parts, each editable in the admin.

Markdown fields are rendered once, on save, through articles.markdown into a stored
`*_html` field, and the whole body from them into `Article.body_html` (articles.article_body);
templates only ever read the stored HTML.
"""

import itertools
from datetime import timedelta

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max, Q
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.text import slugify
from imagekit.models import ImageSpecField
from markdownx.models import MarkdownxField
from pilkit.processors import ResizeToFit
from solo.models import SingletonModel

from . import image_sizes
from .markdown import render_article_markdown, render_site_page_markdown, validate_renderable_markdown
from .old_addresses import ADDRESS_CHANGE_HELP, KeepsOldAddresses, OldAddressBase

# Element ids the article page uses itself; a section anchor may not take one, nor start with
# a prefix of the ids the page numbers (faq-3, comment-12, reply-title).
RESERVED_ANCHORS = frozenset(
    {"main", "introduction", "takeaways", "contents", "faq", "references", "related", "comments", "respond"}
)
RESERVED_ANCHOR_PREFIXES = ("faq-", "comment-", "reply-", "id_")


# Said under every Markdown field that takes images (image-descriptions.js asks for the description).
IMAGES_HELP = "To add an image, use “Add image” or drop or paste it into the text; you will be asked to describe it."


def anchor_from_heading(heading: str) -> str:
    """The link target a section gets when the editor leaves its anchor empty."""
    return slugify(heading)[:80]


# Article fields only article_body.store_bodies() writes, from everything else on the article.
MADE_ON_WRITE = (
    "body_html",
    "body_html_version",
    "content_changed_at",
    "linked_data",
    "search_lead",
    "search_body",
    "search_vector",
)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, with a publish time that has passed."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def review_overdue(self):
        return self.filter(next_review_due__lt=timezone.localdate())

    def review_due_soon(self):
        """Due for medical review within Article.REVIEW_DUE_SOON_DAYS, not yet overdue."""
        today = timezone.localdate()
        soon = today + timedelta(days=Article.REVIEW_DUE_SOON_DAYS)
        return self.filter(next_review_due__gte=today, next_review_due__lte=soon)


class PersonQuerySet(models.QuerySet):
    def listed(self):
        """People readers may find: named (as author or reviewer) on a published article.

        The same rule as their page's 404 (articles.views.PersonDetailView): the sitemap lists these.
        """
        published = Article.objects.published()
        return self.filter(Q(authored__in=published) | Q(reviewed__in=published)).distinct()


class Person(KeepsOldAddresses):
    """An author or medical reviewer, as named on articles, with a page of their own (/people/<slug>/)."""

    name = models.CharField("name", max_length=120)
    slug = models.SlugField(
        "address",
        max_length=140,
        unique=True,
        blank=True,
        help_text="The last part of their page's web address, e.g. jo-reviewer. Left empty, it is made from the name."
        + ADDRESS_CHANGE_HELP,
    )
    credentials = models.CharField(
        "credentials", max_length=200, blank=True, help_text="e.g. “MD, board-certified anesthesiologist”."
    )
    bio = models.TextField(
        "short bio",
        max_length=600,
        blank=True,
        validators=[validate_renderable_markdown],
        help_text="Markdown. Two or three sentences, shown on their page.",
    )
    bio_html = models.TextField(editable=False, default="")
    is_organization = models.BooleanField(
        "team or organisation",
        default=False,
        help_text="Tick for a team, such as the editorial team: search engines are told it is not a person.",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.free_slug()
        self.bio_html = render_article_markdown(self.bio)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:person", kwargs={"slug": self.slug})

    def free_slug(self) -> str:
        """An address made from the name that no other person has: jo-reviewer, then jo-reviewer-2, ..."""
        base = slugify(self.name)[:120] or "person"
        taken = set(Person.objects.filter(slug__startswith=base).exclude(pk=self.pk).values_list("slug", flat=True))
        # Nor another's old address: it still leads to them.
        others_old = PersonOldAddress.objects.filter(slug__startswith=base).exclude(person_id=self.pk)
        taken |= set(others_old.values_list("slug", flat=True))
        return next(slug for n in itertools.count(1) if (slug := base if n == 1 else f"{base}-{n}") not in taken)


class TopicQuerySet(models.QuerySet):
    def with_published_articles(self):
        """Topics a reader can open and find something in: at least one published article."""
        return self.filter(articles__in=Article.objects.published()).distinct()


class Topic(KeepsOldAddresses):
    """A subject articles are filed under: its page lists them, home lists the topics.

    Its name shows on every article filed under it (the stored body), so an edit makes those
    bodies again (articles.apps). One that articles are filed under cannot be deleted (PROTECT).
    """

    name = models.CharField("name", max_length=100, unique=True, help_text="e.g. “Ketamine Infusion”.")
    slug = models.SlugField(
        "address",
        max_length=100,
        unique=True,
        help_text="The last part of the topic page's web address, e.g. ketamine-infusion." + ADDRESS_CHANGE_HELP,
    )
    description = models.TextField(
        "description",
        max_length=600,
        blank=True,
        help_text="One or two sentences under the topic's name on its page. Plain text.",
    )
    is_mental_health = models.BooleanField(
        "mental health",
        default=False,
        help_text="Tick for topics about mental health, such as depression or PTSD.",
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "topic"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class Article(KeepsOldAddresses):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class PublicationState(models.TextChoices):
        """The status and the publish time together (publication_state()): a published article may wait."""

        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"

    # How far ahead the admin warns of a medical review falling due: its notice, its filter and
    # the help text below say this number. Read from here when used, never copied.
    REVIEW_DUE_SOON_DAYS = 30

    title = models.CharField("title", max_length=200)
    slug = models.SlugField(
        "address",
        max_length=200,
        unique=True,
        help_text="The last part of the article's web address, e.g. what-is-ketamine-infusion-used-for.",
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name="topic",
        help_text="Shown above the title and in the breadcrumb, linking to the topic's page.",
    )
    summary = models.CharField(
        "summary",
        max_length=300,
        help_text="One or two sentences for the article list and for search engines (meta description).",
    )
    lead_image = models.ImageField(
        "lead image",
        upload_to="lead-images/",
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
        help_text="JPEG, PNG or WebP. Shown under the title, in the sizes each screen needs.",
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_alt = models.CharField(
        "lead image description",
        max_length=250,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. Required with an image.",
    )
    # Renditions, generated once when the image is saved (IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY).
    lead_image_480 = ImageSpecField(source="lead_image", processors=[ResizeToFit(480, upscale=False)], format="WEBP")
    lead_image_960 = ImageSpecField(source="lead_image", processors=[ResizeToFit(960, upscale=False)], format="WEBP")
    lead_image_1600 = ImageSpecField(source="lead_image", processors=[ResizeToFit(1600, upscale=False)], format="WEBP")
    introduction_heading = models.CharField(
        "introduction heading",
        max_length=100,
        default="Introduction",
        help_text="Heading of the introduction, the first text under the title.",
    )
    introduction = MarkdownxField(
        "introduction",
        validators=[validate_renderable_markdown],
        help_text=f"Markdown. Shown under the title. {IMAGES_HELP}",
    )
    introduction_html = models.TextField(editable=False, default="")
    takeaways_heading = models.CharField(
        "takeaways heading",
        max_length=100,
        default="Top Takeaways",
        help_text="Heading of the key points list.",
    )
    toc_heading = models.CharField(
        "contents heading",
        max_length=100,
        default="Table of Contents",
        help_text="Heading of the table of contents, which is built from the section headings.",
    )
    faq_heading = models.CharField(
        "FAQ heading",
        max_length=100,
        default="Frequently Asked Questions",
    )
    closing = MarkdownxField(
        "closing line",
        blank=True,
        validators=[validate_renderable_markdown],
        help_text=f"Markdown. The last paragraph, under the FAQ, usually with a link to read on. {IMAGES_HELP}",
    )
    closing_html = models.TextField(editable=False, default="")
    # The whole body as readers see it, parts and people included, made on every change to them
    # (articles.article_body): a page reads it instead of rendering a template.
    body_html = models.TextField(editable=False, default="")
    body_html_version = models.CharField(editable=False, max_length=16, default="")  # body_version() it was made with
    # When what readers see of the article last changed ("Last updated"): set by article_body.store_bodies()
    # when a new body differs from the stored one, so a save that changes nothing readers see (an
    # unchanged form, closing comments) and a comment leave it alone. Empty until the first such change.
    content_changed_at = models.DateTimeField("content last changed", null=True, blank=True, editable=False)
    # What the page tells search engines of its people and sources (articles.structured_data.linked_parts()),
    # made with the body: the page's head reads it from the row, without a query for them.
    linked_data = models.JSONField(editable=False, default=dict)
    # What /search/ looks in (articles.search), made with the body: the summary and takeaways, and
    # the rest of the text (introduction, sections, FAQ, closing), as plain text; on PostgreSQL also
    # their weighted vector with the title, behind a GIN index its migration makes there alone.
    search_lead = models.TextField(editable=False, default="")
    search_body = models.TextField(editable=False, default="")
    search_vector = SearchVectorField(null=True, editable=False)
    related_articles = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        verbose_name="related articles",
        help_text="Listed under the article; only published ones are shown.",
    )
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="authored", verbose_name="author"
    )
    medical_reviewer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed",
        verbose_name="medical reviewer",
        help_text="The clinician who checked the article. Readers see “medical review pending” without one.",
    )
    last_reviewed = models.DateField("last reviewed", null=True, blank=True)
    next_review_due = models.DateField(
        "next review due",
        null=True,
        blank=True,
        help_text=f"The admin lists articles overdue or due within {REVIEW_DUE_SOON_DAYS} days.",
    )
    comments_open = models.BooleanField(
        "allow comments",
        default=True,
        help_text="Untick to close comments on this article. Existing comments stay visible.",
    )
    status = models.CharField(
        "status",
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Drafts are visible to staff only.",
    )
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="Set automatically when first published. A future time keeps the article hidden until then.",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("last edited", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="last edited by",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = "article"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            # To the second, as the admin's form shows and sends it back: a save of that form
            # otherwise drops the microseconds, and the revisions differ in a publish time that
            # reads the same.
            self.published_at = timezone.now().replace(microsecond=0)
        self.introduction_html = render_article_markdown(self.introduction)
        self.closing_html = render_article_markdown(self.closing)
        stored = Article.objects.filter(pk=self.pk).values(*MADE_ON_WRITE).first() if self.pk else None
        if stored:
            # What store_bodies() made stays: an instance read before it ran would write back an old
            # body, and the next one would take the edit for a deploy and leave "Last updated" alone.
            for field in MADE_ON_WRITE:
                setattr(self, field, stored[field])
        super().save(*args, **kwargs)  # KeepsOldAddresses: a changed slug keeps the previous one as a redirect

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def last_modified(self):
        """When readers last saw the article change: a content change after it was published, else
        its publication (edits made while it was a draft reached nobody). For feeds and the sitemap, to
        the second; readers see the day-level last_updated() below."""
        return max(filter(None, (self.published_at, self.content_changed_at)), default=None)

    def last_updated(self):
        """The date "Last updated" shows (the byline, the structured data): the last change readers
        saw, when it fell on a later day than publication; None otherwise."""
        changed, published = self.content_changed_at, self.published_at
        site_zone = timezone.get_default_timezone()  # the stored body's (article_body.render_body)
        if changed and published and timezone.localdate(changed, site_zone) > timezone.localdate(published, site_zone):
            return changed
        return None

    def lead_image_srcset(self) -> str:
        """The renditions with their real widths (an image is never scaled up)."""
        if not self.lead_image or not self.lead_image_width:
            return ""
        renditions = ((480, self.lead_image_480), (960, self.lead_image_960), (1600, self.lead_image_1600))
        widths = {}
        for target, rendition in renditions:
            widths.setdefault(min(target, self.lead_image_width), rendition.url)
        return ", ".join(f"{url} {width}w" for width, url in widths.items())

    def lead_image_sizes(self) -> str:
        """Its `sizes` attribute: the one every image of the article has (image_sizes.SIZES)."""
        return image_sizes.SIZES

    def clean(self):
        if self.lead_image and not self.lead_image_alt.strip():
            raise ValidationError({"lead_image_alt": "Describe the image for readers who cannot see it."})
        super().clean()  # KeepsOldAddresses: no slug another article had and still redirects

    def had_public_address(self) -> bool:
        """Readers may have the previous address only if the article was ever published."""
        return self.published_at is not None

    def publication_state(self) -> "Article.PublicationState":
        """What readers see of it, the same rule as ArticleQuerySet.published(). Compare values; show `.label`."""
        if self.status != self.Status.PUBLISHED:
            return self.PublicationState.DRAFT
        if self.published_at and self.published_at > timezone.now():
            return self.PublicationState.SCHEDULED
        return self.PublicationState.PUBLISHED

    def section_tree(self):
        """The sections as (section, [subsections]) pairs, in page order.

        Reads `self.sections.all()`, so a prefetch of sections serves it without a query.
        A subsection with no section above it is shown as a section.
        """
        tree = []
        for section in self.sections.all():
            if section.level == Section.Level.SUBSECTION and tree:
                tree[-1][1].append(section)
            else:
                tree.append((section, []))
        return tree


class OldAddress(OldAddressBase):
    """An address (slug) an article had while published; it answers with a 301 to the current one."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_addresses")

    class Meta:
        verbose_name = "old address"
        verbose_name_plural = "old addresses (redirect to the article)"


class TopicOldAddress(OldAddressBase):
    """An address a topic's page had; it answers with a 301 to the current one."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="old_addresses")

    class Meta:
        verbose_name = "old address"
        verbose_name_plural = "old addresses (redirect to the topic)"


class PersonOldAddress(OldAddressBase):
    """An address a person's page had; it answers with a 301 to the current one."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="old_addresses")

    class Meta:
        verbose_name = "old address"
        verbose_name_plural = "old addresses (redirect to the person)"


class OrderedPart(models.Model):
    """A part of an article that editors place by number; an empty number means last."""

    order = models.PositiveIntegerField(
        "position",
        null=True,
        blank=True,
        help_text="Lower numbers come first. Leave empty to add at the end.",
    )

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def save(self, *args, **kwargs):
        if self.order is None:
            siblings = type(self).objects.filter(article_id=self.article_id)
            self.order = (siblings.aggregate(last=Max("order"))["last"] or 0) + 1
        super().save(*args, **kwargs)


class Takeaway(OrderedPart):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="takeaways")
    label = models.CharField("label", max_length=100, help_text="Shown in bold, e.g. “Rapid Relief”.")
    text = models.CharField("text", max_length=500, help_text="One sentence.")

    class Meta(OrderedPart.Meta):
        verbose_name = "top takeaway"

    def __str__(self):
        return self.label


class Section(OrderedPart):
    class Level(models.IntegerChoices):
        SECTION = 2, "Section"
        SUBSECTION = 3, "Subsection of the section above"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField("heading", max_length=200)
    level = models.PositiveSmallIntegerField("level", choices=Level.choices, default=Level.SECTION)
    anchor = models.SlugField(
        "anchor",
        max_length=80,
        blank=True,
        help_text="Link target in the page address (#anchor). Leave empty to make it from the heading.",
    )
    body = MarkdownxField(
        "body", validators=[validate_renderable_markdown], blank=True, help_text=f"Markdown. {IMAGES_HELP}"
    )
    body_html = models.TextField(editable=False, default="")

    class Meta(OrderedPart.Meta):
        verbose_name = "section"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "anchor"],
                name="section_anchor_unique_per_article",
                violation_error_message="Another section of this article already uses this anchor.",
            )
        ]

    def __str__(self):
        return self.heading

    def save(self, *args, **kwargs):
        if not self.anchor:
            self.anchor = anchor_from_heading(self.heading)
        self.body_html = render_article_markdown(self.body)
        super().save(*args, **kwargs)

    def clean(self):
        if not self.anchor:
            self.anchor = anchor_from_heading(self.heading)
        if not self.anchor:
            raise ValidationError({"anchor": "Give this section an anchor: its heading has no letters to make one."})
        if self.anchor in RESERVED_ANCHORS or self.anchor.startswith(RESERVED_ANCHOR_PREFIXES):
            raise ValidationError({"anchor": f"“{self.anchor}” is used by the page itself. Choose another anchor."})


class Reference(OrderedPart):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    title = models.CharField("title", max_length=300)
    publisher = models.CharField("publisher", max_length=200, blank=True, help_text="Journal, agency or organisation.")
    url = models.URLField("link", max_length=500, blank=True)
    accessed_on = models.DateField("accessed", null=True, blank=True)

    class Meta(OrderedPart.Meta):
        verbose_name = "reference"

    def __str__(self):
        return self.title


class FAQ(OrderedPart):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField("question", max_length=300)
    answer = MarkdownxField("answer", validators=[validate_renderable_markdown], help_text=f"Markdown. {IMAGES_HELP}")
    answer_html = models.TextField(editable=False, default="")

    class Meta(OrderedPart.Meta):
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        self.answer_html = render_article_markdown(self.answer)
        super().save(*args, **kwargs)


# The crisis help a new site starts with. True for a reader anywhere (checked in December 2026):
# the US 988 Suicide & Crisis Lifeline and Canada's 9-8-8 Suicide Crisis Helpline both take calls
# and texts at 988; Samaritans answers 116 123 in the UK and Ireland; findahelpline.com
# (ThroughLine) lists free helplines by country. The owner keeps, replaces or adds to them.
CRISIS_HELP_HEADING = "If you need help now"
CRISIS_HELP_TEXT = """\
If you are in danger now, call your local emergency number.

If you are thinking about suicide or are in crisis, you can talk to someone:

- **US and Canada:** call or text 988.
- **UK and Ireland:** call Samaritans on 116 123.
- **Other countries:** find a helpline at [findahelpline.com](https://findahelpline.com)."""


class CrisisHelp(SingletonModel):
    """Where to get help now, shown near the top of every article in a mental-health topic.

    One record for the site (like comments' DiscussionSettings), written by its editors for their
    readers' countries. It is part of those articles' stored bodies (article_body.render_body), so
    a save makes them again (articles.apps), without dating their "Last updated": the box is the
    site's, not the article's.
    """

    heading = models.CharField("heading", max_length=100, default=CRISIS_HELP_HEADING)
    text = MarkdownxField(
        "text",
        default=CRISIS_HELP_TEXT,
        validators=[validate_renderable_markdown],
        help_text="Markdown. Shown under the title of every article in a topic marked “mental health”, "
        "before its introduction. Keep it short: on a phone it must fit on the first screen. Name the "
        "services your readers can call, and check each number.",
    )
    text_html = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = "crisis help"
        verbose_name_plural = "crisis help"

    def __str__(self):
        return "Crisis help"

    def save(self, *args, **kwargs):
        self.text_html = render_article_markdown(self.text)
        super().save(*args, **kwargs)


class SitePageQuerySet(models.QuerySet):
    def published(self):
        """Site pages readers may see, and the footer links to."""
        return self.filter(is_published=True)


class SitePage(KeepsOldAddresses):
    """A page about the site itself (About, Editorial policy, Privacy, Contact), at /<slug>/.

    At the site's top level, where readers look for /about/ and /privacy/; articles live under
    /articles/, so the two never meet. Any other address the site answers (admin/, and whatever
    is mounted later, such as search/) is refused as a slug by clean(), asked of the URLconf itself.
    """

    title = models.CharField("title", max_length=120)
    slug = models.SlugField(
        "address",
        max_length=80,
        unique=True,
        help_text="The page is at /address/ (e.g. “about”). Lowercase letters, numbers and hyphens."
        + ADDRESS_CHANGE_HELP,
    )
    footer_order = models.PositiveSmallIntegerField(
        "footer position", default=0, help_text="Footer links are listed from the lowest number."
    )
    body = MarkdownxField(
        "text",
        validators=[validate_renderable_markdown],
        help_text="Markdown. Start headings with “##”. Write “Pending:” for what the site owner has still to supply.",
    )
    body_html = models.TextField(editable=False, default="")
    is_published = models.BooleanField(
        "published", default=False, help_text="Unpublished pages are hidden from readers and from the footer."
    )
    updated_at = models.DateTimeField("last updated", auto_now=True)

    objects = SitePageQuerySet.as_manager()

    class Meta:
        ordering = ["footer_order", "title"]
        verbose_name = "site page"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_site_page_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:site-page", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()  # KeepsOldAddresses: no slug another site page had and still redirects
        try:
            taken = resolve(f"/{self.slug}/").view_name != "articles:site-page"
        except Resolver404:  # not a slug the site page's address takes: the field's own check says so
            taken = False
        if taken:
            raise ValidationError({"slug": f"The site already uses /{self.slug}/ for something else. Choose another."})


class SitePageOldAddress(OldAddressBase):
    """An address a site page had; it answers with a 301 to the current one."""

    site_page = models.ForeignKey(SitePage, on_delete=models.CASCADE, related_name="old_addresses")

    class Meta:
        verbose_name = "old address"
        verbose_name_plural = "old addresses (redirect to the site page)"


# Revisions: an article is saved with its parts, so a revision restores all of them together.
ARTICLE_PARTS = ("takeaways", "sections", "faqs", "references")
reversion.register(Takeaway)
reversion.register(Section)
reversion.register(FAQ)
reversion.register(Reference)
# The stored body is made again from the restored rows (articles.article_body): no revision keeps a copy.
reversion.register(Article, follow=ARTICLE_PARTS, exclude=list(MADE_ON_WRITE))
# A site page's history (what the privacy page or the editorial policy said, and when) is kept as an article's.
reversion.register(SitePage, exclude=["body_html"])


class WordPressItem(models.Model):
    """What `import_wordpress` made or found for one WordPress post, page or category: the one home
    of "imported from", keyed by the WordPress site and the item's id there.

    A second import finds its rows here (nothing twice; `imported_hash` tells "unchanged" from
    "updated"; `written_fingerprint` whether an editor changed the page here since), and the item's
    old permalink answers with a 301 to the page (wordpress_addresses).
    """

    class Kind(models.TextChoices):
        POST = "post", "Post"
        PAGE = "page", "Page"
        CATEGORY = "category", "Category"

    source = models.CharField("WordPress site", max_length=200, help_text="The export's base site address.")
    wordpress_id = models.PositiveBigIntegerField("WordPress id")
    kind = models.CharField("kind", max_length=10, choices=Kind.choices)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    site_page = models.ForeignKey(SitePage, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    old_path = models.CharField(
        "WordPress address", max_length=500, blank=True, db_index=True, help_text="Path and query, e.g. /?p=123."
    )
    # An article or page that was on this site before (--attach-to-existing): the import never writes its content.
    attached = models.BooleanField("attached to an existing page", default=False)
    imported_hash = models.CharField(max_length=64, editable=False)
    # What the import wrote of the page (wordpress_import.written_fingerprint()): a page that no longer
    # matches it was edited here, and a re-import keeps it. Empty for a row the import never wrote.
    written_fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = "imported WordPress item"
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "wordpress_id"], name="one_row_per_wordpress_item")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.wordpress_id} of {self.source}"

    def page(self):
        """The article or site page readers reach at `old_path` now, if they may see it."""
        if self.article and self.article.publication_state() == Article.PublicationState.PUBLISHED:
            return self.article
        if self.site_page and self.site_page.is_published:
            return self.site_page
        return None
