"""What a provider's staff may change about their own service, as a form; what a
proposal changes, field by field; and what the working copy holds now.

Values are kept in a proposal as the form reads them back ("raw": a time of break by
its slug, an amount as text, places as the names of their ticks), beside the words a
person reads, so an officer's approval validates them through the same form again.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Model, Q

from contacts.models import Contact, ContactPhone
from offer.choices import CostKind, CostPeriod
from offer.history import value_shown
from offer.models import BreakTime, Service

# The service's own fields a provider may propose changes to.
SERVICE_FIELDS = [
    "name",
    "summary",
    "description",
    "status",
    "status_note",
    "min_age",
    "max_age",
    "cost_kind",
    "cost_amount",
    "cost_period",
    "cost",
    "times",
    "when_note",
    "website",
]

# Where it happens: the service's ticks, as one question.
PLACES = {
    "in_family_home": "In the family's home",
    "away_from_home": "Away from home, such as a club, a centre or another family's home",
    "online": "Online",
    "by_phone": "By phone",
}


def _contact_key(contact: Contact, part: str) -> str:
    return f"contact_{contact.pk}_{part}"


class ServiceEntryForm(forms.ModelForm):
    """A provider's view of one of their services: what families read about it, in words
    a provider knows. Saving it proposes; it never saves the service."""

    places = forms.MultipleChoiceField(
        choices=list(PLACES.items()),
        required=False,
        label="Where it happens",
        help_text="Tick all that apply.",
    )
    note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        label="Anything else the council should know",
        help_text="For example, why it changed. Families do not see this.",
    )

    class Meta:
        model = Service
        fields = SERVICE_FIELDS
        labels = {
            "name": "Name of the service",
            "summary": "Short description",
            "description": "Full description",
            "status": "Is it running?",
            "status_note": "More about whether it is running",
            "min_age": "Youngest age",
            "max_age": "Oldest age",
            "cost_kind": "What it costs families",
            "cost_amount": "Amount in pounds",
            "cost_period": "The amount is for each",
            "cost": "Anything more about the cost",
            "times": "When it runs",
            "when_note": "Days and times",
            "website": "Website",
        }
        help_texts = {
            "name": "What families call it.",
            "summary": "One or two sentences families see in lists.",
            "description": "What happens, for whom, and anything families should know.",
            "status": "Paused or planned services are shown, but families cannot apply.",
            "status_note": "For example, 'Paused until March while we move building'.",
            "min_age": "Leave empty if there is no youngest age.",
            "max_age": "Leave empty if there is no oldest age.",
            "cost_kind": "",
            "cost_amount": "For example 5 or 7.50. Only for an amount or a contribution.",
            "cost_period": "Needed with an amount.",
            "cost": "For example, 'Trips cost extra'.",
            "times": "Tick all that apply.",
            "when_note": "For example, 'Saturdays, 10am to 2pm, in term time'.",
            "website": "The full address, starting https://",
        }
        field_classes = {"times": forms.ModelMultipleChoiceField}

    def __init__(self, *args, service: Service, contacts: list[Contact], initial=None, **kwargs):
        # What the working copy holds, then what the provider proposed over it.
        initial = {**entry_now(service=service, contacts=contacts), **(initial or {})}
        super().__init__(*args, instance=service, initial=initial, **kwargs)
        times = self.fields["times"]
        times.queryset = BreakTime.objects.all()
        times.to_field_name = "slug"  # the same value read back as given
        times.required = False
        for name, choices in (("cost_kind", CostKind.choices), ("cost_period", CostPeriod.choices)):
            self.fields[name].choices = choices  # 'Not stated', not a row of dashes
        self.contacts = contacts
        for contact in contacts:
            email = Contact._meta.get_field("email").formfield(
                label=f"{contact.name}: email", help_text="Where families write to."
            )
            phone = ContactPhone._meta.get_field("number").formfield(
                label=f"{contact.name}: phone",
                help_text="The number families call, for example 01632 960000.",
                required=False,
            )
            self.fields[_contact_key(contact, "email")] = email
            self.fields[_contact_key(contact, "phone")] = phone

    def values(self) -> dict[str, Any]:
        """Each field's value as given, once valid: raw, as entry_now gives them."""
        return {
            name: _raw(field, self.cleaned_data.get(name))
            for name, field in self.fields.items()
            if name != "note"
        }


def _raw(field: forms.Field, value: Any) -> Any:
    if isinstance(field, forms.ModelMultipleChoiceField):
        return sorted(str(v) for v in field.prepare_value(list(value or [])))
    if isinstance(field, forms.MultipleChoiceField):
        return sorted(value or [])
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, Decimal):
        return str(value.normalize()) if value == value.to_integral() else f"{value:.2f}"
    if value is None:
        return ""
    return value


def entry_now(*, service: Service, contacts: list[Contact]) -> dict[str, Any]:
    """What the working copy holds now for each field of the form, raw."""
    now: dict[str, Any] = {}
    for name in SERVICE_FIELDS:
        value = getattr(service, name)
        if name == "times":
            now[name] = sorted(service.times.values_list("slug", flat=True))
        elif isinstance(value, Decimal):
            now[name] = _raw(forms.DecimalField(), value)
        else:
            now[name] = "" if value is None else value
    now["places"] = sorted(name for name in PLACES if getattr(service, name))
    for contact in contacts:
        phone = contact.phones.order_by("order", "pk").first()
        now[_contact_key(contact, "email")] = contact.email
        now[_contact_key(contact, "phone")] = phone.number if phone else ""
    return now


def entry_differences(*, form: ServiceEntryForm, now: dict[str, Any]) -> list[dict[str, Any]]:
    """Each field whose value in the valid `form` differs from `now`: its name, label,
    old and new raw values and the words a person reads for each."""
    differences = []
    for name, new in form.values().items():
        old = now.get(name, "")
        if _same(old, new):
            continue
        field = form.fields[name]
        differences.append(
            {
                "name": name,
                "label": str(field.label),
                "old": old,
                "new": new,
                "old_shown": shown(field, old),
                "new_shown": shown(field, new),
            }
        )
    return differences


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        # Line endings differ between a browser and a stored text.
        return old.replace("\r\n", "\n").strip() == new.replace("\r\n", "\n").strip()
    return old == new


def shown(field: forms.Field, raw: Any) -> str:
    """A raw value as a person reads it: names, not slugs."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return value_shown(field, list(field.queryset.filter(slug__in=raw or [])))
    if isinstance(field, forms.MultipleChoiceField):
        labels = dict(field.choices)
        return ", ".join(labels.get(item, item) for item in raw) or value_shown(field, "")
    return value_shown(field, raw)


def service_contacts(*, service: Service, provider) -> list[Contact]:
    """The contacts families see for the service (its own, and those of its ways in)
    that are the provider's own: the contact details its staff may propose changes to,
    never a council team's."""
    seen = Q(services=service) | Q(referral_routes__services=service)
    return list(
        Contact.objects.filter(seen, providers=provider)
        .distinct()
        .prefetch_related("phones")
        .order_by("name", "pk")
    )


def entry_form_data(*, now: dict[str, Any], changes: list[dict[str, Any]]) -> dict[str, Any]:
    """Form data for the working copy as it is now with `changes` made: how an approval
    checks the proposal again, through the same form."""
    values = {**now, **{change["name"]: change["new"] for change in changes}}
    return {name: ("" if value is None else value) for name, value in values.items()}
