"""Admin forms as a browser submits them: a new article, any change form with the values it shows, and
the moderation queue's actions with the Undo their message offers."""

import re
from html import unescape

from django.forms import CheckboxInput, FileInput
from django.urls import reverse

from tests.conftest import QUEUE

ADD = reverse("admin:articles_article_add")
UNDO = reverse("admin:comments_comment_undo")


def inline_management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def article_form(**overrides) -> dict:
    """A complete admin POST for a new article with one part of each kind."""
    data = {
        "title": "Ketamine and migraine",
        "slug": "ketamine-and-migraine",
        "topic": "",  # filed under no topic: the admin's select sends nothing chosen
        "summary": "What is known about ketamine for migraine.",
        "introduction": "An *introduction*.",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "introduction_heading": "Introduction",
        "takeaways_heading": "Top Takeaways",
        "toc_heading": "Table of Contents",
        "faq_heading": "Frequently Asked Questions",
        "closing": "",
        **inline_management("takeaways", 1),
        "takeaways-0-order": "",
        "takeaways-0-label": "Early days",
        "takeaways-0-text": "Research is young.",
        **inline_management("sections", 2),
        "sections-0-order": "",
        "sections-0-level": "2",
        "sections-0-heading": "What the studies say",
        "sections-0-anchor": "",
        "sections-0-body": "Some **evidence**.",
        "sections-1-order": "",
        "sections-1-level": "3",
        "sections-1-heading": "Small trials",
        "sections-1-anchor": "",
        "sections-1-body": "Few patients.",
        **inline_management("faqs", 1),
        "faqs-0-order": "",
        "faqs-0-question": "Is it approved for migraine?",
        "faqs-0-answer": "No.",
    }
    return data | overrides


def shown_form_data(response, **changes) -> dict:
    """The POST data of the admin form in `response` (main form, inlines, management forms), changed by `changes`."""
    context = response.context
    forms = [context["adminform"].form]
    for inline in context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for field in form:
            widget = field.field.widget
            widget = getattr(widget, "widget", widget)  # the admin's "add another" wrapper around selects
            if isinstance(widget, FileInput):
                continue
            if isinstance(widget, CheckboxInput):
                if field.value():
                    data[field.html_name] = "on"
                continue
            shown = widget.get_context(field.html_name, field.value(), {})["widget"]
            for part in shown.get("subwidgets", [shown]):
                data[part["name"]] = "" if part["value"] is None else part["value"]
    return data | changes


def undo_fields(html: str) -> dict:
    """What the Undo button in a decision's message sends."""
    form = re.search(r'<form class="undo-decision".*?</form>', html, re.S)[0]
    assert f'action="{UNDO}"' in form
    return {
        name: unescape(value) for name, value in re.findall(r'name="(token|_changelist_filters)" value="([^"]*)"', form)
    }


def bulk(client, action, comments, *, shown="all"):
    """Run `action` on `comments` from the queue; returns what its Undo button sends."""
    response = client.post(
        f"{QUEUE}?status={shown}",
        {"action": action, "_selected_action": [c.pk for c in comments], "index": "0"},
        follow=True,
    )
    return undo_fields(response.content.decode())
