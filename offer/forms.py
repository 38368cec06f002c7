"""Admin forms that check what one field cannot check alone."""

from django import forms
from django.utils.html import format_html, format_html_join

from .admin_base import RevisionCheckedForm
from .choices import SUGGESTED_SECTION_TITLES, SectionPlace, ServiceStatus
from .models import Service, StatementSection


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
