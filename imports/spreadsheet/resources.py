"""One django-import-export resource per sheet of the offer spreadsheet: columns named
as officers know them, records found and linked by their names, yes/no for ticks, and
every cell checked by the models' own rules (so a bad row is reported, not saved)."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import Max, Model
from django.utils.text import slugify
from import_export import fields, resources, widgets

from contacts.models import Contact, ContactPhone
from contacts.validators import phone_digits
from offer.choices import DirectPayment, ServiceStatus, TierLevel
from offer.history import history_record
from offer.models import (
    Area,
    Assessment,
    BreakTime,
    EligibilityRule,
    Need,
    Question,
    RecordChange,
    ReferralRoute,
    Service,
    Tier,
)
from providers.models import Provider, ProviderKind

SEPARATOR = ";"


class Text(widgets.Widget):
    """Words; an empty cell is no words (never 'None')."""

    def clean(self, value, row=None, **kwargs) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value == int(value):
            value = int(value)  # a number typed in a text column: 2027, not 2027.0
        return str(value).strip()

    def render(self, value, obj=None, **kwargs) -> str:
        return "" if value is None else str(value)


class YesNo(widgets.Widget):
    """'yes' or 'no' (blank is no); 'y', 'true', '1' and ticks as a spreadsheet writes
    them are understood."""

    YES = {"yes", "y", "true", "1", "✓", "x"}
    NO = {"no", "n", "false", "0", ""}

    def clean(self, value, row=None, **kwargs) -> bool:
        text = str(value if value is not None else "").strip().lower()
        if text in self.YES or value is True:
            return True
        if text in self.NO or value is False:
            return False
        raise ValueError(f"Write yes or no, not '{value}'.")

    def render(self, value, obj=None, **kwargs) -> str:
        return "yes" if value else "no"


class Choice(widgets.Widget):
    """One of a fixed list, by its short value or its label, in any case."""

    def __init__(self, choices, blank: str | None = None):
        super().__init__()
        self.values = {str(v).lower(): v for v, _ in choices}
        self.values.update({str(label).lower(): v for v, label in choices})
        self.allowed = ", ".join(str(v) for v, _ in choices if v != "")
        self.blank = blank

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if not text and self.blank is not None:
            return self.blank
        if text not in self.values:
            raise ValueError(f"'{value}' is not one of: {self.allowed}.")
        return self.values[text]

    def render(self, value, obj=None, **kwargs) -> str:
        return str(value or "")


class Whole(widgets.IntegerWidget):
    """A whole number (an age), or blank for not stated."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"Write a whole number, not '{value}'.") from None
        if number != int(number):
            raise ValueError(f"Write a whole number, not '{value}'.")
        return int(number)


class Named(widgets.ForeignKeyWidget):
    """A record of another sheet (or list), by its name; blank for none."""

    def __init__(self, model: type[Model], field: str = "name"):
        super().__init__(model, field=field)

    def clean(self, value, row=None, **kwargs):
        name = str(value if value is not None else "").strip()
        if not name:
            return None
        found = self.model.objects.filter(**{self.field: name}).first()
        if found is None:
            noun = self.model._meta.verbose_name
            raise ValueError(f"There is no {noun} called '{name}'.")
        return found

    def render(self, value, obj=None, **kwargs) -> str:
        return getattr(value, self.field, "") if value else ""


class NamedList(widgets.ManyToManyWidget):
    """Records of another sheet (or list) by name, separated by semicolons."""

    def __init__(self, model: type[Model], field: str = "name"):
        super().__init__(model, separator=SEPARATOR, field=field)

    def clean(self, value, row=None, **kwargs):
        names = [n.strip() for n in str(value or "").split(SEPARATOR) if n.strip()]
        found = {
            getattr(r, self.field): r
            for r in self.model.objects.filter(**{f"{self.field}__in": names})
        }
        missing = [name for name in names if name not in found]
        if missing:
            noun = self.model._meta.verbose_name
            listed = ", ".join(f"'{name}'" for name in missing)
            raise ValueError(f"There is no {noun} called {listed}.")
        return [found[name] for name in names]

    def render(self, value, obj=None, **kwargs) -> str:
        if value is None:
            return ""
        return f"{SEPARATOR} ".join(getattr(record, self.field) for record in value.all())


def column(
    attribute: str, name: str, widget: widgets.Widget | None = None, **kwargs
) -> fields.Field:
    """A column of a sheet: words unless told otherwise."""
    return fields.Field(attribute=attribute, column_name=name, widget=widget or Text(), **kwargs)


class OfferResource(resources.ModelResource):
    """What every sheet shares: rows found by their name column, unchanged rows left
    alone, model rules checked, a new record's address made from its name and put after
    the others, and a note in the record's history."""

    # The column naming a record, and the model field it fills.
    name_column = "Name"
    name_field = "name"

    def __init__(self, *, by: AbstractBaseUser | None = None, source: str = "a spreadsheet"):
        super().__init__()
        self.by = by
        self.source = source

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        skip_html_diff = True
        store_instance = True

    def get_import_id_fields(self):
        return [self.name_field]

    def get_instance(self, instance_loader, row):
        name = str(row.get(self.name_column) or "").strip()
        return self._meta.model.objects.filter(**{self.name_field: name}).first()

    def before_import(self, dataset, **kwargs):
        """Each name once: a second row of the same name would overwrite the first."""
        if self.name_column not in (dataset.headers or []):
            raise ValueError(f"This sheet has no '{self.name_column}' column.")
        seen: set[str] = set()
        for number, name in enumerate(dataset[self.name_column], start=2):
            name = str(name or "").strip()
            if name in seen:
                raise ValueError(f"Row {number}: '{name}' is named twice in this sheet.")
            seen.add(name)

    def before_import_row(self, row, **kwargs):
        for key, value in list(row.items()):
            if isinstance(value, str):
                row[key] = value.strip()

    def import_instance(self, instance, row, **kwargs):
        # What each column said before, to report which ones the import changes.
        instance._columns_before = self._columns(instance) if instance.pk else {}
        # A new record's address comes from its name (before the model's rules are
        # checked, which need one); it goes after the records already there.
        if instance.pk is None:
            model = type(instance)
            if hasattr(instance, "slug") and not instance.slug:
                name = str(row.get(self.name_column) or "").strip()
                instance.slug = _free_slug(model, name)
            if hasattr(instance, "order"):
                instance.order = (model.objects.aggregate(last=Max("order"))["last"] or 0) + 1
        errors: dict[str, Any] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Lists of names are saved after the record; check them now, so a wrong name is
        # reported by its column with the row's other problems.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors.setdefault(field.attribute, []).append(
                        ValidationError(str(error), code="invalid")
                    )
        if errors:
            raise ValidationError(errors)

    def after_save_instance(self, instance, row, **kwargs):
        history_record(
            record=instance,
            action=RecordChange.Action.ADDED if kwargs.get("new") else RecordChange.Action.CHANGED,
            by=self.by,
            fields=[{"field": "Imported from", "old": "", "new": self.source}],
        )

    def import_row(self, row, instance_loader, **kwargs):
        result = super().import_row(row, instance_loader, **kwargs)
        result.changed_columns = self._changed_columns(result)
        return result

    def save_instance(self, instance, is_create, row, **kwargs):
        kwargs["new"] = is_create
        super().save_instance(instance, is_create, row, **kwargs)

    def _columns(self, instance) -> dict[str, str]:
        return {
            field.column_name: self.export_field(field, instance)
            for field in self.get_import_fields()
            if field.column_name != self.name_column
        }

    def _changed_columns(self, result) -> list[str]:
        """For a changed row, the columns whose value is different."""
        if result.import_type != "update" or result.instance is None:
            return []
        before = getattr(result.instance, "_columns_before", {})
        after = self._columns(result.instance)
        return [name for name, value in after.items() if before.get(name) != value]


def _free_slug(model: type[Model], name: str) -> str:
    base = slugify(name)[:90] or "item"
    candidate, number = base, 1
    while model.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _term_resource(term_model: type[Model]) -> type[OfferResource]:
    class TermResource(OfferResource):
        name = column("name", "Name")
        description = column("description", "Description")

        class Meta(OfferResource.Meta):
            model = term_model
            fields = ("name", "description")
            import_id_fields = ("name",)

    TermResource.__name__ = f"{term_model.__name__}Resource"
    return TermResource


NeedResource = _term_resource(Need)
BreakTimeResource = _term_resource(BreakTime)
AreaResource = _term_resource(Area)


class ContactResource(OfferResource):
    name = column("name", "Name")
    helps_with = column("helps_with", "Helps with")
    explanation = column("explanation", "About this contact")
    email = column("email", "Email")
    alternative_email = column("alternative_email", "Other email")
    website = column("website", "Website")
    opening_hours = column("opening_hours", "Opening hours")
    phones = fields.Field(column_name="Phones")
    is_useful_contact = column("is_useful_contact", "Useful contact", YesNo())

    class Meta(OfferResource.Meta):
        model = Contact
        fields = (
            "name",
            "helps_with",
            "explanation",
            "email",
            "alternative_email",
            "website",
            "opening_hours",
            "phones",
            "is_useful_contact",
        )
        import_id_fields = ("name",)

    def dehydrate_phones(self, contact: Contact) -> str:
        return f"{SEPARATOR} ".join(
            f"{phone.number} ({phone.label})" if phone.label else phone.number
            for phone in contact.phones.all()
        )

    def import_instance(self, instance, row, **kwargs):
        instance._phones = []
        super().import_instance(instance, row, **kwargs)
        instance._phones = _phones(row.get("Phones"))

    def skip_row(self, instance, original, row, import_validation_errors=None):
        known = original is not None and original.pk is not None
        if known and self.dehydrate_phones(original) != _phones_text(instance._phones):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        instance.phones.all().delete()
        ContactPhone.objects.bulk_create(
            ContactPhone(contact=instance, number=number, label=label, order=order)
            for order, (number, label) in enumerate(instance._phones, start=1)
        )


def _phones(text: Any) -> list[tuple[str, str]]:
    """'01632 960 001 (Helpline); 01632 960 002' -> [(number, label), ...]."""
    found = []
    for part in str(text or "").split(SEPARATOR):
        part = part.strip()
        if not part:
            continue
        number, _, label = part.partition("(")
        number, label = number.strip(), label.rstrip(")").strip()
        if not phone_digits(number):
            raise ValidationError(
                {"phones": f"'{number}' is not a UK phone number, like 01632 960 001."}
            )
        found.append((number, label))
    return found


def _phones_text(phones: list[tuple[str, str]]) -> str:
    return f"{SEPARATOR} ".join(f"{n} ({label})" if label else n for n, label in phones)


class ProviderResource(OfferResource):
    name = column("name", "Name")
    kinds = column("kinds", "Kinds", NamedList(ProviderKind))
    description = column("description", "Description")
    website = column("website", "Website")
    contacts = column("contacts", "Contacts", NamedList(Contact))

    class Meta(OfferResource.Meta):
        model = Provider
        fields = ("name", "kinds", "description", "website", "contacts")
        import_id_fields = ("name",)


class EligibilityRuleResource(OfferResource):
    name_column = "Title"
    name_field = "title"

    title = column("title", "Title")
    criteria = column("criteria", "Who can get it")
    min_age = column("min_age", "Youngest age", Whole())
    max_age = column("max_age", "Oldest age", Whole())
    assessment = column("assessment", "Assessment", Named(Assessment))

    class Meta(OfferResource.Meta):
        model = EligibilityRule
        fields = ("title", "criteria", "min_age", "max_age", "assessment")
        import_id_fields = ("title",)


class ReferralRouteResource(OfferResource):
    name_column = "Title"
    name_field = "title"

    title = column("title", "Title")
    steps = column("steps", "What happens")
    contacts = column("contacts", "Contacts", NamedList(Contact))
    link = column("link", "Link")
    link_text = column("link_text", "Link words")

    class Meta(OfferResource.Meta):
        model = ReferralRoute
        fields = ("title", "steps", "contacts", "link", "link_text")
        import_id_fields = ("title",)


class TierResource(OfferResource):
    name = column("name", "Name")
    level = column("level", "Level", Choice(TierLevel.choices))
    caption = column("caption", "Caption")
    summary = column("summary", "Summary")
    who_it_is_for = column("who_it_is_for", "Who it is for")
    description = column("description", "Description")
    stepping_up_and_down = column("stepping_up_and_down", "Moving to more or less support")
    eligibility_rules = column(
        "eligibility_rules", "Eligibility rules", NamedList(EligibilityRule, "title")
    )
    referral_routes = column(
        "referral_routes", "Referral routes", NamedList(ReferralRoute, "title")
    )

    class Meta(OfferResource.Meta):
        model = Tier
        fields = (
            "name",
            "level",
            "caption",
            "summary",
            "who_it_is_for",
            "description",
            "stepping_up_and_down",
            "eligibility_rules",
            "referral_routes",
        )
        import_id_fields = ("name",)


class ServiceResource(OfferResource):
    name = column("name", "Name")
    tier = column("tier", "Level of support", Named(Tier))
    group = column("group", "Group")
    summary = column("summary", "Summary")
    status = column(
        "status", "Status", Choice(ServiceStatus.choices, blank=ServiceStatus.AVAILABLE)
    )
    expected_from = column("expected_from", "Expected from")
    pilot_until = column("pilot_until", "Pilot until", widgets.DateWidget("%Y-%m-%d"))
    status_note = column("status_note", "About its status")
    description = column("description", "Description")
    example_activities = column("example_activities", "Example activities")
    min_age = column("min_age", "Youngest age", Whole())
    max_age = column("max_age", "Oldest age", Whole())
    needs = column("needs", "Needs", NamedList(Need))
    times = column("times", "Times", NamedList(BreakTime))
    any_time = column("any_time", "Arranged to suit the family", YesNo())
    areas = column("areas", "Areas", NamedList(Area))
    whole_area = column("whole_area", "Whole area", YesNo())
    in_family_home = column("in_family_home", "In the family's home", YesNo())
    away_from_home = column("away_from_home", "Away from home", YesNo())
    leisure_activity = column("leisure_activity", "An activity", YesNo())
    cost = column("cost", "Cost")
    free = column("free", "Free", YesNo())
    direct_payment = column(
        "direct_payment", "Direct payment", Choice(DirectPayment.choices, blank="")
    )
    providers = column("providers", "Providers", NamedList(Provider))
    eligibility_rules = column(
        "eligibility_rules", "Eligibility rules", NamedList(EligibilityRule, "title")
    )
    referral_routes = column(
        "referral_routes", "Referral routes", NamedList(ReferralRoute, "title")
    )
    contacts = column("contacts", "Contacts", NamedList(Contact))
    include_in_statement = column("include_in_statement", "In the statement", YesNo())

    class Meta(OfferResource.Meta):
        model = Service
        fields = (
            "name",
            "tier",
            "group",
            "summary",
            "status",
            "expected_from",
            "pilot_until",
            "status_note",
            "description",
            "example_activities",
            "min_age",
            "max_age",
            "needs",
            "times",
            "any_time",
            "areas",
            "whole_area",
            "in_family_home",
            "away_from_home",
            "leisure_activity",
            "cost",
            "free",
            "direct_payment",
            "providers",
            "eligibility_rules",
            "referral_routes",
            "contacts",
            "include_in_statement",
        )
        import_id_fields = ("name",)


class QuestionResource(OfferResource):
    name_column = "Question"
    name_field = "question"

    question = column("question", "Question")
    answer = column("answer", "Answer")
    tier = column("tier", "Level of support", Named(Tier))
    service = column("service", "Service", Named(Service))

    class Meta(OfferResource.Meta):
        model = Question
        fields = ("question", "answer", "tier", "service")
        import_id_fields = ("question",)


# The sheets, in the order they are read: each may name records of those before it.
SHEETS: list[tuple[str, type[OfferResource]]] = [
    ("Needs", NeedResource),
    ("Times of break", BreakTimeResource),
    ("Areas", AreaResource),
    ("Contacts", ContactResource),
    ("Providers", ProviderResource),
    ("Eligibility rules", EligibilityRuleResource),
    ("Referral routes", ReferralRouteResource),
    ("Tiers", TierResource),
    ("Services", ServiceResource),
    ("FAQ", QuestionResource),
]
