"""Admin forms that check what one field cannot check alone."""

from django import forms
from django.utils.html import format_html, format_html_join

from .admin_base import RevisionCheckedForm
from .bulk import LEAVE
from .choices import SUGGESTED_SECTION_TITLES, SectionPlace, ServiceStatus
from .models import ReferralRoute, Service, StatementSection, Tier


class SuggestedTitles(forms.TextInput):
    """A title box offering titles statements often use (any title may be typed)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {}), "list": f"{name}-suggestions"}
        titles = ((title,) for title in SUGGESTED_SECTION_TITLES)
        options = format_html_join("", '<option value="{}">', titles)
        return format_html(
            '{}<datalist id="{}-suggestions">{}</datalist>',
            super().render(name, value, attrs, renderer),
            name,
            options,
        )


class SectionForm(forms.ModelForm):
    class Meta:
        model = StatementSection
        fields = ["title", "slug", "body", "place", "tier", "position", "order"]
        widgets = {"title": SuggestedTitles(attrs={"class": "vTextField"})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("place") == SectionPlace.TIER and not cleaned.get("tier"):
            self.add_error("tier", "Choose the level of support whose page it is on.")
        return cleaned


class ServiceForm(RevisionCheckedForm):
    """A service says each thing once: times listed or arranged with the family, areas
    named or the whole area, and dates that fit its status."""

    class Meta:
        model = Service
        fields = "__all__"
        # Short lists as checkboxes: every choice in view, none dropped by a slip.
        widgets = {
            "needs": forms.CheckboxSelectMultiple,
            "times": forms.CheckboxSelectMultiple,
            "areas": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("any_time") and cleaned.get("times"):
            self.add_error(
                "any_time", "Either list the times or tick 'arranged to suit the family', not both."
            )
        if cleaned.get("whole_area") and cleaned.get("areas"):
            self.add_error(
                "whole_area", "Either name the areas or tick 'the whole council area', not both."
            )
        status = cleaned.get("status")
        if cleaned.get("expected_from") and status != ServiceStatus.PLANNED:
            self.add_error("expected_from", "Only a planned service has an expected date.")
        if cleaned.get("pilot_until") and status != ServiceStatus.PILOT:
            self.add_error("pilot_until", "Only a pilot has an end date.")
        return cleaned


class ServicesTogetherForm(forms.Form):
    """What to change on every selected service; 'leave as it is' keeps each one's own."""

    tier = forms.ChoiceField(label="Level of support", required=False)
    add_route = forms.ModelChoiceField(
        queryset=ReferralRoute.objects.all(),
        required=False,
        label="Add a way in (referral route)",
        empty_label="Add none",
        help_text="Added to each service's own ways in; those it has stay.",
    )
    status = forms.ChoiceField(
        required=False, choices=[("", "Leave as it is"), *ServiceStatus.choices]
    )
    in_statement = forms.ChoiceField(
        label="In the statement",
        required=False,
        choices=[
            ("", "Leave as it is"),
            ("yes", "Put them in the statement"),
            ("no", "Take them out of the statement"),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].choices = [
            ("", "Leave as it is"),
            ("none", "No level"),
            *((str(tier.pk), tier.name) for tier in Tier.objects.all()),
        ]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("tier", "add_route", "status", "in_statement")):
            raise forms.ValidationError("Choose at least one change to make.")
        return cleaned

    def changes(self) -> dict:
        """The chosen changes as services_change_together takes them."""
        data = self.cleaned_data
        tier = data["tier"]
        return {
            "tier": LEAVE if not tier else None if tier == "none" else Tier.objects.get(pk=tier),
            "add_route": data["add_route"],
            "status": data["status"] or LEAVE,
            "in_statement": LEAVE if not data["in_statement"] else data["in_statement"] == "yes",
        }
