"""Bulk actions in the admin refuse a damaged selection with a message, not a 500.

Django filters the queryset with the posted row ids as they are: an id that is no number
("abc", from a hand-made or truncated request) raised ValueError, a server error.
"""

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect


class SelectionChecked:
    """ModelAdmin mixin: a bulk action runs only on row ids of the model's kind."""

    def response_action(self, request, queryset):
        try:
            for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                self.model._meta.pk.to_python(value)
        except ValidationError:
            self.message_user(
                request, "Nothing was changed: the selection was damaged. Tick the rows again.", messages.WARNING
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)
