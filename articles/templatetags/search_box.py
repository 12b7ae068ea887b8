"""The search box: one form for the site's header and the search page, with the query limit from articles.search."""

from django import template

from articles.search import MAX_QUERY_LENGTH

register = template.Library()


@register.inclusion_tag("includes/search_box.html")
def search_box(*, field_id: str, label: str, value: str = "", error: str = "", in_header: bool = False):
    return {
        "field_id": field_id,
        "label": label,
        "value": value,
        "error": error,
        "in_header": in_header,
        "max_length": MAX_QUERY_LENGTH,
    }
