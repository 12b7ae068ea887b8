"""The "Leave a Reply" form: what a careful site checks before a comment reaches moderation."""

import time

from django import forms
from django.core import signing

from articles.markdown import validate_renderable_markdown
from articles.page_cache import page_time
from infusion_site.web_addresses import WebAddressField

from .models import BODY_MAX_LENGTH, Comment, too_deep
from .reader_mail import NOTIFY_HELP, NOTIFY_LABEL

TIMESTAMP_SALT = "comments.form-shown"
FORM_MAX_AGE_SECONDS = 2 * 24 * 60 * 60
REMEMBER_LABEL = "Save my name, email, and website in this browser for the next time I comment."


def form_timestamp(article_id: int) -> str:
    """A signed token saying which article's form this is and when its page was rendered.

    The same for every reader of the shared page: the time is the start of the page cache's
    five-minute slot (page_cache.page_time), and the signature carries no time of its own, so
    every worker renders the same bytes. It says nothing about how long a reader took to fill
    the form in, so there is no minimum fill time: the honeypot, the word lists, the link hold,
    the flood limit and moderation stop bots.
    """
    return signing.Signer(salt=TIMESTAMP_SALT).sign_object({"article": article_id, "shown": page_time()})


class CommentForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label="Email", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    website = WebAddressField(
        label="Website",
        max_length=200,
        required=False,
        # A text input: a browser's URL input would refuse "ann.example", which we accept as https.
        widget=forms.TextInput(attrs={"autocomplete": "url", "inputmode": "url"}),
    )
    # No max_length: its maxlength attribute would make the browser cut a pasted text silently.
    body = forms.CharField(
        label="Comment",
        help_text=f"Up to {BODY_MAX_LENGTH:,} characters.",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    remember = forms.BooleanField(label=REMEMBER_LABEL, required=False)
    notify = forms.BooleanField(label=NOTIFY_LABEL, help_text=NOTIFY_HELP, required=False)
    parent = forms.IntegerField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": "The comment you are replying to is not available."},
    )
    # Bots fill every field; people never see this one (hidden by CSS, skipped by keyboard).
    homepage = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    timestamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["timestamp"].initial = form_timestamp(article.pk)

    def clean_body(self):
        body = self.cleaned_data["body"]
        if len(body) > BODY_MAX_LENGTH:
            raise forms.ValidationError(
                f"A comment may be at most {BODY_MAX_LENGTH:,} characters; yours has {len(body):,}. "
                "Shorten it and send it again."
            )
        validate_renderable_markdown(body)  # after the length: a long comment hears about its length first
        return body

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = Comment.objects.approved().filter(pk=parent_id, article=self.article).first()
        if parent is None:
            raise forms.ValidationError("The comment you are replying to is not available.")
        if not parent.accepts_replies:
            raise forms.ValidationError(too_deep())
        return parent

    def clean_homepage(self):
        if self.cleaned_data.get("homepage"):
            raise forms.ValidationError("This field must stay empty. Clear it and send your comment again.")
        return ""

    def clean_timestamp(self):
        """A form from this article's page, rendered less than two days ago (a cached page is minutes old)."""
        try:
            token = signing.Signer(salt=TIMESTAMP_SALT).unsign_object(self.data.get("timestamp", ""))
        except signing.BadSignature:
            raise forms.ValidationError(
                "The form could not be checked. Your comment is kept: please send it again."
            ) from None
        if time.time() - token.get("shown", 0) > FORM_MAX_AGE_SECONDS:
            raise forms.ValidationError(
                "This form was opened too long ago. Your comment is kept below: please send it again."
            )
        if token.get("article") != self.article.pk:
            raise forms.ValidationError("This form belongs to another article. Please send your comment again.")
        return ""


class OwnCommentForm(forms.Form):
    """Its author's new text for their comment: the "Leave a Reply" form's comment field, with its checks."""

    body = CommentForm.base_fields["body"]
    clean_body = CommentForm.clean_body


class PersonalDataRequestForm(forms.Form):
    """The "Your comments" page: an address, and whether its comments are to be copied or erased."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The address you typed when you commented.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    kind = forms.ChoiceField(
        label="What would you like?",
        choices=[
            ("copy", "A copy of my comments (a JSON file)"),
            ("erasure", "The erasure of my comments and details"),
        ],
        widget=forms.RadioSelect,
        initial="copy",
    )
