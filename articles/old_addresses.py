"""Old addresses: a page whose address (slug) an editor changes keeps answering at the old one.

One rule for articles, topics, people and site pages. Each kind that readers reach by a slug
takes `KeepsOldAddresses`, and its old addresses are rows of an `OldAddressBase` model with a
foreign key to it (related_name "old_addresses"), kept apart per kind because each kind has its
own addresses (/articles/<slug>/, /topics/<slug>/, /people/<slug>/, /<slug>/). The view that
finds nothing at an address asks `redirect_from_old_address()`: a 301 to where the page is now
(with the query string: a page number), or to its feed now for a feed at the old address
(articles.feeds.FollowsOldAddresses).
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponsePermanentRedirect, QueryDict
from django.urls import reverse

# Said under each slug field an editor can change.
ADDRESS_CHANGE_HELP = " Changing it is safe: the old address keeps working, it redirects to the new one."


class OldAddressBase(models.Model):
    """An address a page had; it answers with a 301 to the page's current one.

    It points at the page, not at the next slug, so a chain of renames is one hop.
    """

    slug = models.SlugField("old address", max_length=200, unique=True)
    created_at = models.DateTimeField("renamed", auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.slug

    @classmethod
    def page_field(cls) -> models.ForeignKey:
        """The foreign key to the page ("topic", "person", "site_page", "article")."""
        return next(f for f in cls._meta.get_fields() if f.many_to_one and f.name != "id")

    @classmethod
    def page_model(cls) -> type[models.Model]:
        return cls.page_field().related_model

    @classmethod
    def page_link(cls) -> str:
        return cls.page_field().name

    def clean(self):
        page = self.page_model()
        if page._default_manager.filter(slug=self.slug).exists():
            name = page._meta.verbose_name
            article = "An" if name[0] in "aeiou" else "A"
            raise ValidationError({"slug": f"{article} {name} has this address now; an old address cannot take it."})


class KeepsOldAddresses(models.Model):
    """A page whose previous address, on a change of its slug, redirects to its current one."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        stored = type(self)._default_manager.filter(pk=self.pk) if self.pk is not None else None
        previous = stored.values_list("slug", flat=True).first() if stored is not None else None
        with transaction.atomic():
            super().save(*args, **kwargs)
            if previous is not None and previous != self.slug:
                self.keep_old_address(previous)

    @classmethod
    def old_address_model(cls) -> type[OldAddressBase]:
        return cls.old_addresses.rel.related_model

    @classmethod
    def old_address_link(cls) -> str:
        """The name of the old address's foreign key to the page."""
        return cls.old_addresses.field.name

    @classmethod
    def at_address(cls, slug: str):
        """The page at `slug` now, or the one that had it: a loader must not add a page where an editor moved one."""
        pages = cls._default_manager.all()
        return pages.filter(slug=slug).first() or pages.filter(old_addresses__slug=slug).first()

    def had_public_address(self) -> bool:
        """Whether readers may have the previous address (an article never published: no)."""
        return True

    def keep_old_address(self, previous_slug: str) -> None:
        """Let `previous_slug` redirect here (save() calls it; the article admin too, after a restore)."""
        self.old_addresses.filter(slug=self.slug).delete()  # renamed back: the current address is no redirect
        if self.had_public_address():
            self.old_address_model().objects.get_or_create(slug=previous_slug, defaults={self.old_address_link(): self})

    def clean(self):
        super().clean()
        link = self.old_address_link()
        taken = self.old_address_model().objects.filter(slug=self.slug).exclude(**{f"{link}_id": self.pk})
        if taken := taken.select_related(link).first():
            raise ValidationError(
                {"slug": f"“{getattr(taken, link)}” used this address before and it still leads there. Choose another."}
            )


def redirect_from_old_address(
    pages: models.QuerySet, slug: str, *, url_name: str | None = None, query: QueryDict | None = None
) -> HttpResponsePermanentRedirect:
    """The 301 from an old address to the page in `pages` that had it, or a 404 when none did.

    With `url_name`, to that address of the page (its feed, named with its slug) instead of the page itself.
    With `query` (the request's), its parameters go along: /topics/old/?page=2 leads to page 2, not page 1.
    They are encoded again, after our own path, so they can change which page of ours, never which site.
    """
    page = pages.filter(old_addresses__slug=slug).only("slug").first()
    if page is None:
        raise Http404("Nothing at this address.")
    address = reverse(url_name, kwargs={"slug": page.slug}) if url_name else page.get_absolute_url()
    if query:
        address = f"{address}?{query.urlencode()}"
    return HttpResponsePermanentRedirect(address)
