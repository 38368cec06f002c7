"""The publish page's form."""

from django import forms

from offer.choices import DatePrecision


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
        help_text="How families and officers will know this edition, e.g. the years the "
        "statement covers if it says so. Families read it as 'the … edition'.",
    )
    reviewed_on = forms.DateField(
        widget=DateInput,
        required=False,
        help_text="Only if the statement says when the offer was last reviewed: families "
        "read it as the date the council reviewed its offer. Leave empty if it does not "
        "say; no page will give a date.",
    )
    reviewed_on_shown_as = forms.ChoiceField(
        label="Reviewed on: how exactly the statement gives it",
        choices=DatePrecision.choices,
        initial=DatePrecision.DAY,
        required=False,
        help_text="If it gives only a month or a year, choose that and any day in it above: "
        "families will see just the month or the year.",
    )
    next_review_due = forms.DateField(
        widget=DateInput,
        required=False,
        help_text="Only if the statement says when it will next be reviewed: families read "
        "it as the council's promise, and officers are reminded as it falls due. Leave "
        "empty if it does not say.",
    )
    next_review_due_shown_as = forms.ChoiceField(
        label="Next review: how exactly the statement gives it",
        choices=DatePrecision.choices,
        initial=DatePrecision.DAY,
        required=False,
        help_text="Reminders count from the first day of the month or year chosen.",
    )

    def clean(self):
        """A month or a year is kept as its first day; unsaid, a date is a day."""
        cleaned = super().clean()
        for name in ("reviewed_on", "next_review_due"):
            shown_as = cleaned.get(f"{name}_shown_as") or DatePrecision.DAY
            cleaned[f"{name}_shown_as"] = shown_as
            date = cleaned.get(name)
            if date and shown_as == DatePrecision.MONTH:
                cleaned[name] = date.replace(day=1)
            elif date and shown_as == DatePrecision.YEAR:
                cleaned[name] = date.replace(month=1, day=1)
        return cleaned

    # The digest of the working copy the officer saw the changes of (the template sets it).
    working_copy = forms.CharField(widget=forms.HiddenInput, max_length=64)
