"""Submit an admin change form as a browser would: every field with the value the page shows."""

from django.forms import CheckboxInput, FileInput


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
