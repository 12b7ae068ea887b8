"""What a page tells search engines and link previews beyond its text (articles.structured_data),
and the breadcrumb trail it shows, written from the same values."""

from django import template

from .. import structured_data

register = template.Library()


@register.inclusion_tag("articles/includes/article_head.html", takes_context=True)
def article_head(context, article):
    """The article's Open Graph and Twitter card tags and its JSON-LD, for the page's <head>."""
    request, site_name = context["request"], context["site_name"]
    image = structured_data.share_image(article)
    published, modified = structured_data.publication_moments(article)
    return {
        "article": article,
        "image": image,
        "image_address": request.build_absolute_uri(image.path) if image else "",
        "published": published,
        "modified": modified,
        "json_ld": structured_data.script_element(
            structured_data.article_page(article, site_name=site_name, absolute=request.build_absolute_uri)
        ),
    }


@register.simple_tag(takes_context=True)
def topic_json_ld(context, topic):
    """The topic page's breadcrumb as JSON-LD."""
    request = context["request"]
    return structured_data.script_element(
        structured_data.topic_page(topic, site_name=context["site_name"], absolute=request.build_absolute_uri)
    )


@register.simple_tag
def article_trail(article):
    return structured_data.article_trail(article)


@register.simple_tag
def topic_trail(topic):
    return structured_data.topic_trail(topic)
