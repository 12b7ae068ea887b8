"""On the admin index: which articles need a medical review, for those who edit articles."""

from django import template
from django.urls import reverse

from ..models import Article
from ..permissions import may_edit_articles

register = template.Library()


@register.inclusion_tag("articles/admin_review_notice.html", takes_context=True)
def review_notice(context):
    if not may_edit_articles(context["request"].user):
        return {}
    changelist = reverse("admin:articles_article_changelist")
    return {
        "overdue": Article.objects.review_overdue().count(),
        "due_soon": Article.objects.review_due_soon().count(),
        "days": Article.REVIEW_DUE_SOON_DAYS,
        "overdue_url": f"{changelist}?review=overdue",
        "due_soon_url": f"{changelist}?review=due-soon",
    }
