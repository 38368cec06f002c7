"""The publish page's form."""

from django import forms


class DateInput(forms.DateInput):
    """A browser's date picker, which only reads ISO dates (2026-11-28): in the site's
    own format (28/11/2026) the field would come up blank."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PublishForm(forms.Form):
    """The few facts an officer gives when publishing; the rest comes from the working
    copy. Date rules live in editions.publishing.edition_publish, so the command line
    and the admin refuse the same things."""

    label = forms.CharField(
        max_length=100,
        help_text="How families and officers will know this edition, e.g. '2026 to 2027'.",
    )
    reviewed_on = forms.DateField(
        widget=DateInput,
        help_text="When the offer was last reviewed with families.",
    )
    next_review_due = forms.DateField(
        widget=DateInput,
        help_text="When the statement must next be reviewed (normally a year after publishing).",
    )
    # The digest of the working copy the officer saw the changes of (the template sets it).
    working_copy = forms.CharField(widget=forms.HiddenInput, max_length=64)
