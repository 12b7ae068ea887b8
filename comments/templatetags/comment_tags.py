"""Tags the article template uses to place the comments; the comments app fills them."""

from django import template

register = template.Library()


@register.inclusion_tag("comments/comment_section.html")
def comment_section(article):
    """The comments area under an article."""
    return {"article": article}
