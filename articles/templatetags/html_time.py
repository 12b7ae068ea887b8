"""The one way a moment is written into `<time datetime>`, on every page and in every stored fragment."""

from django import template

register = template.Library()


@register.filter(expects_localtime=True)
def html_datetime(value) -> str:
    """ISO 8601 to the second, with the offset: HTML allows at most three digits of a second's fraction,
    and Django's `date:'c'` writes six whenever the time has microseconds (auto_now fields do)."""
    return value.replace(microsecond=0).isoformat() if value else ""
