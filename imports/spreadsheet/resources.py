"""One django-import-export resource per sheet of the offer spreadsheet: columns named
as officers know them, records found by their permanent id (the Id column) or else their
name, linked by name (with the id in brackets where two share a name), yes/no for ticks,
HTML pasted into a cell turned into plain text or Markdown, and every cell checked by the
models' own rules (so a bad row is reported, not saved)."""

import difflib
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, Count, Max, Model
from import_export import fields, resources, widgets

from contacts.models import Contact, ContactPhone
from contacts.validators import phone_digits
from core.from_html import looks_like_html, markdown_from_html, text_from_html
from core.models import is_prose
from core.slugs import SlugAllocator
from offer.choices import (
    AccessibilityCompliance,
    Attendance,
    Condition,
    CostKind,
    CostPeriod,
    DirectPayment,
    SectionPlace,
    SectionPosition,
    ServiceStatus,
    TierLevel,
    WhoseWayIn,
)
from offer.costs import pounds
from offer.models import (
    Area,
    Assessment,
    BreakTime,
    CheckerRule,
    EligibilityRule,
    Need,
    Question,
    ReferralRoute,
    Service,
    Statement,
    StatementSection,
    Tier,
)
from providers.models import Provider, ProviderKind

SEPARATOR = ";"


class Text(widgets.Widget):
    """Words; an empty cell is no words (never 'None'). HTML pasted in (from a web page
    or Word) becomes Markdown in a column of officers' Markdown, plain words elsewhere."""

    prose = False  # set by OfferResource for columns of officers' Markdown

    def clean(self, value, row=None, **kwargs) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value == int(value):
            value = int(value)  # a number typed in a text column: 2027, not 2027.0
        text = str(value).strip()
        if looks_like_html(text):
            return markdown_from_html(text) if self.prose else text_from_html(text)
        return text

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
        self.labels = {v: str(label) for v, label in choices}
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


class Day(widgets.DateWidget):
    """A date written 2027-03-31, or blank for none."""

    def __init__(self):
        super().__init__("%Y-%m-%d")


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


class Pounds(widgets.Widget):
    """An amount of money, '5', '7.50' or '£7.50', or blank for not stated."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lstrip("£").replace(",", "")
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"Write an amount in pounds, like 7.50, not '{value}'.") from None
        if not amount.is_finite() or amount <= 0 or amount != round(amount, 2):
            raise ValueError(f"Write an amount in pounds, like 7.50, not '{value}'.")
        return round(amount, 2)

    def render(self, value, obj=None, **kwargs) -> str:
        return pounds(value) or ""


# A name followed by the record's permanent id, as the export writes a shared name.
_WITH_ID = re.compile(r"(?P<name>.*?)\s*\[(?P<uid>[0-9a-fA-F-]{32,36})\]")


# While a sheet is imported: the records of each other sheet (or list) it names, read
# once for the whole sheet rather than once a row (imports/spreadsheet/resources.py's
# OfferResource.import_data sets it; the widgets are shared by every import, so they
# keep nothing themselves).
_named: ContextVar[dict | None] = ContextVar("spreadsheet_named", default=None)


class _Names:
    """Every record of one model, by exact name, by name as typed loosely and by id."""

    def __init__(self, model: type[Model], field: str, has_uid: bool):
        self.records = list(model.objects.all())
        self.exact: dict[str, list[Model]] = {}
        self.loose: dict[str, list[Model]] = {}
        self.by_uid = {r.uid: r for r in self.records} if has_uid else {}
        for record in self.records:
            name = getattr(record, field)
            self.exact.setdefault(name, []).append(record)
            self.loose.setdefault(_loose(name), []).append(record)


class _ByName:
    """Finding records of another sheet (or list) by name, or by 'name [id]' where
    several share the name; and writing them the same way."""

    model: type[Model]
    field: str

    def _has_uid(self) -> bool:
        return any(f.name == "uid" for f in self.model._meta.fields)

    def _names(self) -> "_Names | None":
        kept = _named.get()
        if kept is None:
            return None
        key = (self.model, self.field)
        if key not in kept:
            kept[key] = _Names(self.model, self.field, self._has_uid())
        return kept[key]

    def _find(self, text: str) -> Model:
        noun = self.model._meta.verbose_name
        given = _WITH_ID.fullmatch(text)
        names = self._names()
        if given and self._has_uid():
            if names is not None:
                found = names.by_uid.get(_uid(given["uid"]))
            else:
                found = self.model.objects.filter(uid=_uid(given["uid"])).first()
            if found is None:
                raise ValueError(f"There is no {noun} with the id {given['uid']}.")
            return found
        if names is not None:
            matches = names.exact.get(text, [])[:2]
        else:
            matches = list(self.model.objects.filter(**{self.field: text})[:2])
        records = names.records if names is not None else None
        if not matches:
            # Typed by hand: the same name in other capitals or spacing is meant.
            records = records if records is not None else self._all()
            wanted = _loose(text)
            if names is not None:
                matches = names.loose.get(wanted, [])[:2]
            else:
                matches = [r for r in records if _loose(getattr(r, self.field)) == wanted][:2]
        if not matches:
            names = [getattr(record, self.field) for record in records]
            near = difflib.get_close_matches(text, names, n=1, cutoff=0.6)
            hint = f" Did you mean '{near[0]}'?" if near else ""
            if not near and 0 < len(names) <= 12:
                hint = " Choose from: " + "; ".join(f"'{n}'" for n in names) + "."
            raise ValueError(f"There is no {noun} called '{text}'.{hint}")
        if len(matches) > 1:
            raise ValueError(
                f"More than one {noun} is called '{text}': write it as the export does, "
                "with its id in brackets after the name."
            )
        return matches[0]

    def _all(self) -> list[Model]:
        """Every record a name may mean: read only when a name is not found as written
        (the widget is shared by every import, so nothing is kept)."""
        return list(self.model.objects.all())

    def _shared(self) -> set[str]:
        """Names more than one record has (worked out once per sheet written)."""
        if not hasattr(self, "_shared_names"):
            counted = (
                self.model.objects.values(self.field)
                .annotate(count=Count("pk"))
                .filter(count__gt=1)
                .values_list(self.field, flat=True)
            )
            self._shared_names = set(counted) if self._has_uid() else set()
        return self._shared_names

    def _label(self, record: Model) -> str:
        name = getattr(record, self.field)
        return f"{name} [{record.uid}]" if name in self._shared() else name


def _loose(name: str) -> str:
    """A name as compared when typed by hand: any capitals, spaces and curly quotes."""
    return " ".join(name.replace("’", "'").casefold().split())


def _uid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(text).strip())
    except ValueError:
        return None


class Named(_ByName, widgets.ForeignKeyWidget):
    """A record of another sheet (or list), by its name; blank for none."""

    def __init__(self, model: type[Model], field: str = "name"):
        super().__init__(model, field=field)

    def clean(self, value, row=None, **kwargs):
        name = str(value if value is not None else "").strip()
        return self._find(name) if name else None

    def render(self, value, obj=None, **kwargs) -> str:
        return self._label(value) if value else ""


class NamedList(_ByName, widgets.ManyToManyWidget):
    """Records of another sheet (or list) by name, separated by semicolons."""

    def __init__(self, model: type[Model], field: str = "name"):
        super().__init__(model, separator=SEPARATOR, field=field)

    def clean(self, value, row=None, **kwargs):
        names = [n.strip() for n in str(value or "").split(SEPARATOR) if n.strip()]
        found, problems = [], []
        for name in names:
            try:
                found.append(self._find(name))
            except ValueError as error:
                problems.append(str(error))
        if problems:
            raise ValueError(" ".join(problems))
        return found

    def render(self, value, obj=None, **kwargs) -> str:
        if value is None:
            return ""
        return f"{SEPARATOR} ".join(self._label(record) for record in value.all())


def column(
    attribute: str, name: str, widget: widgets.Widget | None = None, **kwargs
) -> fields.Field:
    """A column of a sheet: words unless told otherwise."""
    return fields.Field(attribute=attribute, column_name=name, widget=widget or Text(), **kwargs)


ID_COLUMN = "Id"
# Headings earlier templates used, and today's (each the admin's label for the field).
FORMER_HEADINGS = {
    "The family can start it": "The family can start it themselves",
    "Useful contact": "Show on useful contacts page",
    "Whole area": "Across the whole council area",
    "An activity": "An educational or leisure activity",
    "Direct payment": "Can use a direct payment",
    "Cost": "Cost in words",
}


class OfferResource(resources.ModelResource):
    """What every sheet shares: rows found by their permanent id (the Id column the
    export writes), else by their name column; unchanged rows left alone, model rules
    checked, a new record's address made from its name and put after the others, and a
    note in the record's history."""

    # The column naming a record, and the model field it fills.
    name_column = "Name"
    name_field = "name"

    def __init__(self, *, by: AbstractBaseUser | None = None, source: str = "a spreadsheet"):
        super().__init__()
        self.by = by
        self.source = source
        # Addresses for new records, found for the whole import at once.
        self._slugs: dict[type[Model], SlugAllocator] = {}
        model = self._meta.model
        for field in self.fields.values():
            if isinstance(field.widget, Text) and field.attribute:
                model_field = next(
                    (f for f in model._meta.fields if f.name == field.attribute), None
                )
                field.widget.prose = model_field is not None and is_prose(model_field)

    @classmethod
    def has_ids(cls) -> bool:
        return any(f.name == "uid" for f in cls._meta.model._meta.fields)

    def get_export_headers(self, *args, **kwargs):
        headers = super().get_export_headers(*args, **kwargs)
        return [ID_COLUMN, *headers] if self.has_ids() else headers

    def export_resource(self, instance, *args, **kwargs):
        row = super().export_resource(instance, *args, **kwargs)
        return [str(instance.uid), *row] if self.has_ids() else row

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        # No deep copy and comparison of every row: skip_row and the changed columns
        # compare what each field held before with what the row gives.
        skip_diff = True
        store_instance = True

    def get_import_id_fields(self):
        return [self.name_field]

    def import_data(self, dataset, *args, **kwargs):
        """The sheet imported with the records it names read once (not once a row)."""
        token = _named.set({})
        try:
            return super().import_data(dataset, *args, **kwargs)
        finally:
            _named.reset(token)

    def _existing(self) -> dict[str, dict]:
        """The sheet's records already there, by id and by name, each with what its
        columns name read with it: read once for the sheet."""
        if not hasattr(self, "_found"):
            model = self._meta.model
            fields = [f for f in self.get_import_fields() if f.attribute]
            related = [
                f.attribute for f in fields if isinstance(f.widget, widgets.ManyToManyWidget)
            ]
            linked = [
                f.attribute
                for f in fields
                if isinstance(f.widget, widgets.ForeignKeyWidget) and "__" not in f.attribute
            ]
            records = model.objects.select_related(*linked).prefetch_related(*related)
            by_uid, by_name = {}, {}
            for record in records:
                if self.has_ids():
                    by_uid[record.uid] = record
                by_name.setdefault(getattr(record, self.name_field), record)
            self._found = {"uid": by_uid, "name": by_name}
        return self._found

    def get_instance(self, instance_loader, row):
        uid = _uid(row.get(ID_COLUMN) or "") if self.has_ids() else None
        if uid is not None:
            return self._existing()["uid"].get(uid)  # none: a new record, that id
        name = str(row.get(self.name_column) or "").strip()
        return self._existing()["name"].get(name)

    def before_import(self, dataset, **kwargs):
        """Each record once: a second row of the same id (or, without one, the same
        name) would overwrite the first. A heading an older template used is read as
        today's."""
        own = {column.column_name for column in self.get_import_fields()}
        if dataset.headers:
            dataset.headers = [
                FORMER_HEADINGS.get(h, h) if FORMER_HEADINGS.get(h) in own else h
                for h in dataset.headers
            ]
        headers = dataset.headers or []
        if self.name_column not in headers:
            raise ValueError(f"This sheet has no '{self.name_column}' column.")
        ids = dataset[ID_COLUMN] if ID_COLUMN in headers and self.has_ids() else []
        seen: set[str] = set()
        for number, name in enumerate(dataset[self.name_column], start=2):
            given = str(ids[number - 2] or "").strip() if ids else ""
            if given and _uid(given) is None:
                raise ValueError(
                    f"Row {number}: '{given}' is not an id as the export writes them. Leave "
                    "the Id blank for a new record."
                )
            key = f"id:{_uid(given)}" if given else f"name:{str(name or '').strip()}"
            if key in seen:
                what = f"the id {given}" if given else f"'{str(name or '').strip()}'"
                raise ValueError(f"Row {number}: {what} is in this sheet twice.")
            seen.add(key)

    def before_import_row(self, row, **kwargs):
        for key, value in list(row.items()):
            if isinstance(value, str):
                row[key] = value.strip()

    # Rows this resource has taken in so far, and who to tell after each (a background
    # import's progress, imports/jobs.py).
    rows_done = 0
    row_done: Callable[[], None] | None = None

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        self.rows_done += 1
        if self.row_done is not None:
            self.row_done()

    def import_instance(self, instance, row, **kwargs):
        # What each column held before, to skip a row that changes nothing and report
        # which columns the import changes.
        instance._values_before = self._values(instance) if instance.pk else {}
        # A new record's address comes from its name (before the model's rules are
        # checked, which need one); it goes after the records already there.
        if instance.pk is None:
            model = type(instance)
            given = _uid(row.get(ID_COLUMN) or "") if self.has_ids() else None
            if given is not None:
                instance.uid = given  # a record moved from another site keeps its id
            if hasattr(instance, "slug") and not instance.slug:
                name = str(row.get(self.name_column) or "").strip()
                allocator = self._slugs.setdefault(model, SlugAllocator(model, length=96))
                instance.slug = allocator.free(name)
            if hasattr(instance, "order"):
                if not hasattr(self, "_last_order"):
                    self._last_order = model.objects.aggregate(last=Max("order"))["last"] or 0
                self._last_order += 1
                instance.order = self._last_order
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

    def import_row(self, row, instance_loader, **kwargs):
        result = super().import_row(row, instance_loader, **kwargs)
        result.changed_columns = self._changed_columns(result)
        return result

    def save_instance(self, instance, is_create, row, **kwargs):
        kwargs["new"] = is_create
        instance._created = is_create
        super().save_instance(instance, is_create, row, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The models' own rules, as the admin checks them, without a query a row for
        what is already known: a check constraint (ages) is checked in Python by the
        model's clean() and its fields' validators, and a new record's id and address
        are made unique by the import itself."""
        errors = dict(import_validation_errors or {})
        model = type(instance)
        exclude = set(errors)
        if instance.pk is None:
            exclude |= {f.name for f in model._meta.fields if f.name in ("uid", "slug")}
        checks_only = all(isinstance(c, CheckConstraint) for c in model._meta.constraints)
        try:
            instance.full_clean(
                exclude=exclude, validate_unique=validate_unique,
                validate_constraints=not checks_only,
            )  # fmt: skip
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_m2m(self, instance, row, **kwargs):
        """Each list column's records: a new record's added (nothing to read first), an
        existing one's set."""
        for field in self.get_import_fields():
            if not isinstance(field.widget, widgets.ManyToManyWidget):
                continue
            if field.column_name not in row:
                continue
            records = field.clean(row)
            related = getattr(instance, field.attribute)
            if getattr(instance, "_created", False):
                if records:
                    related.add(*records)
            else:
                related.set(records)

    def _values(self, instance, row=None) -> dict[str, Any]:
        """What each column's field holds: a list of names as its records' ids in order
        (from `row` when given: they are saved only after the record)."""
        values = {}
        for field in self.get_import_fields():
            if not field.attribute:
                continue
            if isinstance(field.widget, widgets.ManyToManyWidget):
                if row is not None:
                    if field.column_name not in row:
                        continue
                    records = field.clean(row)
                elif instance.pk is None:
                    records = []
                else:
                    records = field.get_value(instance).all()
                values[field.column_name] = sorted(record.pk for record in records)
            else:
                values[field.column_name] = field.get_value(instance)
        return values

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """A row of a record already there that would change none of its columns."""
        if import_validation_errors or instance.pk is None:
            return False
        before = instance._values_before
        return all(before.get(name) == value for name, value in self._values(instance, row).items())

    def _changed_columns(self, result) -> list[str]:
        """For a changed row, the columns whose value is different."""
        if result.import_type != "update" or result.instance is None:
            return []
        before = getattr(result.instance, "_values_before", {})
        after = self._values(result.instance)
        return [
            name
            for name, value in after.items()
            if name != self.name_column and before.get(name) != value
        ]


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


def _owner_column() -> fields.Field:
    return column("owner", "Owner", Named(get_user_model(), "username"))


def _reviewed_column() -> fields.Field:
    return column("last_reviewed_on", "Last reviewed on", Day())


# Who keeps a record up to date, and when they last checked it (core.models.Reviewed).
REVIEWED_FIELDS = ("owner", "last_reviewed_on")


class ContactResource(OfferResource):
    name = column("name", "Name")
    helps_with = column("helps_with", "Helps with")
    explanation = column("explanation", "About this contact")
    email = column("email", "Email")
    alternative_email = column("alternative_email", "Other email")
    website = column("website", "Website")
    opening_hours = column("opening_hours", "Opening hours")
    phones = fields.Field(column_name="Phones")
    is_useful_contact = column("is_useful_contact", "Show on useful contacts page", YesNo())
    owner = _owner_column()
    last_reviewed_on = _reviewed_column()

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
            *REVIEWED_FIELDS,
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

    def _values(self, instance, row=None) -> dict[str, Any]:
        values = super()._values(instance, row)
        if row is not None:
            values["Phones"] = _phones_text(instance._phones)
        elif instance.pk is not None:
            values["Phones"] = self.dehydrate_phones(instance)
        return values

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        if not getattr(instance, "_created", False):
            instance.phones.all().delete()
        for order, (number, label) in enumerate(instance._phones, start=1):
            # One at a time, so each is in the contact's history (offer/signals.py).
            ContactPhone.objects.create(contact=instance, number=number, label=label, order=order)


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
    owner = _owner_column()
    last_reviewed_on = _reviewed_column()

    class Meta(OfferResource.Meta):
        model = Provider
        fields = ("name", "kinds", "description", "website", "contacts", *REVIEWED_FIELDS)
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
    social_worker = column(
        "social_worker", "For", Choice(WhoseWayIn.choices, blank=WhoseWayIn.EVERY_FAMILY)
    )

    class Meta(OfferResource.Meta):
        model = ReferralRoute
        fields = ("title", "steps", "contacts", "link", "link_text", "social_worker")
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
    pilot_until = column("pilot_until", "Pilot until", Day())
    status_note = column("status_note", "About its status")
    description = column("description", "Description")
    example_activities = column("example_activities", "Example activities")
    min_age = column("min_age", "Youngest age", Whole())
    max_age = column("max_age", "Oldest age", Whole())
    needs = column("needs", "Needs", NamedList(Need))
    times = column("times", "Times", NamedList(BreakTime))
    any_time = column("any_time", "Arranged to suit the family", YesNo())
    areas = column("areas", "Areas", NamedList(Area))
    whole_area = column("whole_area", "Across the whole council area", YesNo())
    when_note = column("when_note", "Days and times")
    in_family_home = column("in_family_home", "In the family's home", YesNo())
    away_from_home = column("away_from_home", "Away from home", YesNo())
    online = column("online", "Online", YesNo())
    by_phone = column("by_phone", "By phone", YesNo())
    attendance = column(
        "attendance", "Getting a place", Choice(Attendance.choices, blank=Attendance.NOT_STATED)
    )
    leisure_activity = column("leisure_activity", "An educational or leisure activity", YesNo())
    cost_kind = column(
        "cost_kind", "What it costs", Choice(CostKind.choices, blank=CostKind.NOT_STATED)
    )
    cost_amount = column("cost_amount", "Amount (£)", Pounds())
    cost_period = column(
        "cost_period", "Amount per", Choice(CostPeriod.choices, blank=CostPeriod.NOT_STATED)
    )
    cost = column("cost", "Cost in words")
    direct_payment = column(
        "direct_payment", "Can use a direct payment", Choice(DirectPayment.choices, blank="")
    )
    website = column("website", "Website")
    providers = column("providers", "Providers", NamedList(Provider))
    eligibility_rules = column(
        "eligibility_rules", "Eligibility rules", NamedList(EligibilityRule, "title")
    )
    referral_routes = column(
        "referral_routes", "Referral routes", NamedList(ReferralRoute, "title")
    )
    contacts = column("contacts", "Contacts", NamedList(Contact))
    include_in_statement = column("include_in_statement", "In the statement", YesNo())
    own_rules_only = column("own_rules_only", "Its own rules only", YesNo())
    owner = _owner_column()
    last_reviewed_on = _reviewed_column()

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
            "when_note",
            "areas",
            "whole_area",
            "in_family_home",
            "away_from_home",
            "online",
            "by_phone",
            "attendance",
            "leisure_activity",
            "cost_kind",
            "cost_amount",
            "cost_period",
            "cost",
            "direct_payment",
            "website",
            "providers",
            "eligibility_rules",
            "referral_routes",
            "contacts",
            "own_rules_only",
            "include_in_statement",
            *REVIEWED_FIELDS,
        )
        import_id_fields = ("name",)


class AssessmentResource(OfferResource):
    name = column("name", "Name")
    description = column("description", "Description")
    none_needed = column("none_needed", "Means no assessment is needed", YesNo())
    family_can_start = column("family_can_start", "The family can start it themselves", YesNo())

    class Meta(OfferResource.Meta):
        model = Assessment
        fields = ("name", "description", "none_needed", "family_can_start")
        import_id_fields = ("name",)


class StatementResource(OfferResource):
    """The statement's own details: one row, the council's."""

    name_column = "Council name"
    name_field = "council_name"

    council_name = column("council_name", "Council name")
    area_name = column("area_name", "Area name")
    title = column("title", "Title")
    home_heading = column("home_heading", "Home page heading")
    summary = column("summary", "Summary")
    first_contact = column("first_contact", "First contact", Named(Contact))
    reviewed_on_stated = column("reviewed_on_stated", "The statement says it was reviewed on")
    next_review_stated = column("next_review_stated", "The statement says its next review is due")
    local_offer_url = column("local_offer_url", "Local Offer website")
    family_views_intro = column("family_views_intro", "Introduces what families told us")
    stories_note = column("stories_note", "About the stories")
    outside_age_range_help = column("outside_age_range_help", "Who else can help")
    accessibility_email = column("accessibility_email", "Accessibility email")
    accessibility_reply_time = column("accessibility_reply_time", "Accessibility reply time")
    accessibility_compliance = column(
        "accessibility_compliance",
        "Accessibility compliance",
        Choice(AccessibilityCompliance.choices, blank=""),
    )
    accessibility_problems = column("accessibility_problems", "Not accessible")
    accessibility_prepared_on = column(
        "accessibility_prepared_on",
        "Accessibility prepared on",
        Day(),
    )
    accessibility_reviewed_on = column(
        "accessibility_reviewed_on",
        "Accessibility reviewed on",
        Day(),
    )

    class Meta(OfferResource.Meta):
        model = Statement
        fields = (
            "council_name",
            "area_name",
            "title",
            "home_heading",
            "summary",
            "first_contact",
            "reviewed_on_stated",
            "next_review_stated",
            "local_offer_url",
            "family_views_intro",
            "stories_note",
            "outside_age_range_help",
            "accessibility_email",
            "accessibility_reply_time",
            "accessibility_compliance",
            "accessibility_problems",
            "accessibility_prepared_on",
            "accessibility_reviewed_on",
        )
        import_id_fields = ("council_name",)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        if len(dataset) > 1:
            raise ValueError("The Statement sheet has one row: the council's own details.")

    def get_instance(self, instance_loader, row):
        # One statement per site, whatever the council is called in the sheet.
        return Statement.load()


class SectionResource(OfferResource):
    """The statement's own text, in the order of the rows."""

    name_column = "Title"
    name_field = "title"

    title = column("title", "Title")
    body = column("body", "Text")
    place = column("place", "Place", Choice(SectionPlace.choices, blank=SectionPlace.STATEMENT))
    position = column(
        "position", "Position", Choice(SectionPosition.choices, blank=SectionPosition.AFTER)
    )
    tier = column("tier", "Level of support", Named(Tier))
    describes_design = column(
        "describes_design", "Says how the services are designed with families", YesNo()
    )

    class Meta(OfferResource.Meta):
        model = StatementSection
        fields = ("title", "body", "place", "position", "tier", "describes_design")
        import_id_fields = ("title",)

    def import_instance(self, instance, row, **kwargs):
        instance.statement = Statement.load()
        if instance.statement is None:
            raise ValidationError(
                {"title": "Fill in the Statement sheet (the council's name) first."}
            )
        super().import_instance(instance, row, **kwargs)


class CheckerRuleResource(OfferResource):
    name_column = "Title"
    name_field = "title"

    title = column("title", "Title")
    tier = column("tier", "Level of support", Named(Tier))
    reason = column("reason", "Reason")
    min_age = column("min_age", "Youngest age", Whole())
    max_age = column("max_age", "Oldest age", Whole())
    social_worker = column(
        "social_worker", "Has a social worker", Choice(Condition.choices, blank=Condition.ANY)
    )
    ehcp = column("ehcp", "Has an EHCP", Choice(Condition.choices, blank=Condition.ANY))
    tried_community = column(
        "tried_community",
        "Has tried community activities",
        Choice(Condition.choices, blank=Condition.ANY),
    )
    needs = column("needs", "Needs", NamedList(Need))
    times = column("times", "Times", NamedList(BreakTime))

    class Meta(OfferResource.Meta):
        model = CheckerRule
        fields = (
            "title",
            "tier",
            "reason",
            "min_age",
            "max_age",
            "social_worker",
            "ehcp",
            "tried_community",
            "needs",
            "times",
        )
        import_id_fields = ("title",)


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
    ("Assessments", AssessmentResource),
    ("Contacts", ContactResource),
    ("Statement", StatementResource),
    ("Providers", ProviderResource),
    ("Eligibility rules", EligibilityRuleResource),
    ("Referral routes", ReferralRouteResource),
    ("Tiers", TierResource),
    ("Services", ServiceResource),
    ("Sections", SectionResource),
    ("Checker rules", CheckerRuleResource),
    ("FAQ", QuestionResource),
]
