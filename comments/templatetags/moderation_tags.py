"""The admin's header: how many comments wait, on every admin page, for those who moderate."""

from django import template

from ..models import Comment

register = template.Library()


@register.inclusion_tag("comments/admin_moderation_notice.html", takes_context=True)
def moderation_notice(context):
    """A link to the queue while comments wait, for users who may decide on them."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("comments.change_comment"):
        return {"pending": 0}
    return {"pending": Comment.objects.pending().count()}
