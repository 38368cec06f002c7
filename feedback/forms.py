"""The 'Is this page useful?' form, and 'Report a problem with this service'."""

from django import forms
from django.urls import Resolver404, resolve

from .choices import ReportTopic
from .models import COMMENT_MAX, REPORT_WORDS_MAX


class FeedbackForm(forms.Form):
    """Validated on the server: the page must be one of ours, the comment short."""

    path = forms.CharField(max_length=500, widget=forms.HiddenInput)
    useful = forms.ChoiceField(
        label="Is this page useful?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if this page is useful, or no if it is not.",
            "invalid_choice": "Select yes or no.",
        },
    )
    comment = forms.CharField(
        label="Tell us more (optional)",
        help_text=f"What were you looking for? {COMMENT_MAX:,} characters at most.",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": f"Your comment must be {COMMENT_MAX:,} characters or fewer "
            "(it has %(show_value)d)."
        },
    )
    # Left empty by people, who never see it; bots fill every field in.
    website = forms.CharField(required=False, label="Leave this empty")

    def clean_path(self) -> str:
        path = self.cleaned_data["path"]
        if not path.startswith("/") or path.startswith("//"):
            raise forms.ValidationError("We could not tell which page this is about.")
        try:
            resolve(path.split("?")[0])
        except Resolver404:
            raise forms.ValidationError("We could not tell which page this is about.") from None
        return path

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class ServiceReportForm(forms.Form):
    """'Report a problem with this service': what is wrong, in a few words if they
    like, and an email only if they want a reply."""

    path = forms.CharField(max_length=500, widget=forms.HiddenInput, required=False)
    topic = forms.ChoiceField(
        label="What is wrong?",
        choices=ReportTopic.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what is wrong.",
            "invalid_choice": "Select one of the answers.",
        },
    )
    words = forms.CharField(
        label="Tell us more (optional)",
        help_text="For example, the right number, or when it closed.",
        required=False,
        max_length=REPORT_WORDS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": f"Use {REPORT_WORDS_MAX:,} characters or fewer (you used %(show_value)d)."
        },
    )
    reply_email = forms.EmailField(
        label="Your email address (optional)",
        help_text="Only if you want a reply. We delete it when we have dealt with this.",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address like name@example.com."},
    )
    # Left empty by people, who never see it; bots fill every field in.
    website = forms.CharField(required=False, label="Leave this empty")

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
