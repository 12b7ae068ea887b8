"""Web addresses people type (a commenter's website, a reference's link): one rule for every form.

Only http and https are taken, and an address typed without a scheme ("ann.example") is
taken as https. The public comment form, the comment admin's form and the references' inline
all use this field.
"""

from django import forms
from django.core.validators import URLValidator


class WebAddressField(forms.URLField):
    """A URL field that accepts only http and https addresses, https when none is typed."""

    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {"invalid": "Enter a web address starting with http:// or https://."}

    def __init__(self, **kwargs):
        super().__init__(**{"assume_scheme": "https", **kwargs})
