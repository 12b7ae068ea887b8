"""What a page tells search engines and link previews beyond its text (articles.structured_data),
and the breadcrumb trail it shows, written from the same values."""

from django import template
from django.utils.html import format_html

from infusion_site.site_address import absolute_url

from .. import structured_data

register = template.Library()


class PageDescriptionNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        text = self.nodelist.render(context)  # escaped as any template text; rendered once for the three tags
        return format_html(
            '<meta name="description" content="{}">\n'
            '  <meta property="og:description" content="{}">\n'
            '  <meta name="twitter:description" content="{}">',
            text,
            text,
            text,
        )


@register.tag
def page_description(parser, token):
    """`{% page_description %}text{% endpage_description %}` in base.html's description block: the
    one home of a page's description, written as the search engines' description and the link
    previews' (Open Graph, Twitter), so the three never disagree."""
    nodelist = parser.parse(("endpage_description",))
    parser.delete_first_token()
    return PageDescriptionNode(nodelist)


@register.inclusion_tag("articles/includes/article_head.html", takes_context=True)
def article_head(context, article):
    """The article's Open Graph and Twitter card tags and its JSON-LD, for the page's <head>."""
    site_name = context["site_name"]
    image = structured_data.share_image(article)
    published, modified = structured_data.publication_moments(article)
    return {
        "article": article,
        "image": image,
        "image_address": absolute_url(image.path) if image else "",
        "published": published,
        "modified": modified,
        "json_ld": structured_data.script_element(
            structured_data.article_page(article, site_name=site_name, absolute=absolute_url)
        ),
    }


@register.simple_tag
def topic_json_ld(topic):
    """The topic page's breadcrumb as JSON-LD."""
    return structured_data.script_element(structured_data.topic_page(topic, absolute=absolute_url))


@register.filter
def on_site(path):
    """A path on this site as the address search engines and shares name: on SITE_URL, whatever
    Host the request came with (site_address), as feeds and the sitemap do."""
    return absolute_url(path)


@register.simple_tag
def article_trail(article):
    return structured_data.article_trail(article)


@register.simple_tag
def topic_trail(topic):
    return structured_data.topic_trail(topic)
