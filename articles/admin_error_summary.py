"""The errors of a long admin form, listed at its top with the field each belongs to.

Django's change form says only "Please correct the errors below." and leaves the editor to
scroll for them; an error in the last inline can be thousands of pixels down the page.
"""

from dataclasses import dataclass

from django.utils.text import capfirst


@dataclass(frozen=True)
class FormError:
    where: str
    message: str
    field_id: str = ""


def error_summary(form, inline_admin_formsets) -> list[FormError]:
    """Errors of the main form, then of each inline row, each named by field (and row)."""
    errors = list(_form_errors(form, ""))
    for inline in inline_admin_formsets:
        formset = inline.formset
        meta = formset.model._meta
        name = capfirst(meta.verbose_name)
        errors.extend(FormError(capfirst(meta.verbose_name_plural), message) for message in formset.non_form_errors())
        for number, row in enumerate(formset.forms, start=1):
            errors.extend(_form_errors(row, f"{name} {number}, "))
    return errors


def _form_errors(form, prefix: str):
    for name, messages in form.errors.items():
        field = form.fields.get(name)
        if field:
            where = prefix + (str(field.label).lower() if prefix else capfirst(str(field.label)))
            field_id = form[name].auto_id
        else:
            where = prefix.rstrip(", ") or "Form"
            field_id = ""
        for message in messages:
            yield FormError(where, message, field_id)
