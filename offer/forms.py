"""Forms outside the ordinary admin pages: publishing, and the families' finder."""

from django import forms

from .finder import Filters


class DateInput(forms.DateInput):
    input_type = "date"


class PublishForm(forms.Form):
    """The few facts an officer gives when publishing; the rest comes from the working
    copy. Date rules live in offer.services.edition_publish, so the command line and
    the admin refuse the same things."""

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


def _choice_errors(what: str) -> dict[str, str]:
    return {
        "invalid_choice": f"We do not recognise the {what} '%(value)s'. Choose from the list.",
        "invalid_list": f"Choose the {what} from the list.",
    }


class FinderForm(forms.Form):
    """The finder's filters, checked against the edition's own lists. Read from the
    query string, so a search is a plain link families can share."""

    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        help_text="For example: swimming, overnight, personal assistant",
        error_messages={"max_length": "Search for fewer words (200 characters at most)."},
    )
    age = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=25,
        label="Child's age",
        help_text="In years, from 0 to 25",
        error_messages={
            "invalid": "Enter your child's age as a whole number, like 8.",
            "min_value": "Enter your child's age as a number from 0 to 25.",
            "max_value": "Short breaks are for children and young people up to 25. "
            "Enter an age from 0 to 25.",
        },
    )
    need = forms.MultipleChoiceField(
        required=False,
        label="Your child's needs",
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choice_errors("need"),
    )
    when = forms.MultipleChoiceField(
        required=False,
        label="When",
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choice_errors("time"),
    )
    area = forms.MultipleChoiceField(
        required=False,
        label="Where",
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choice_errors("area"),
    )
    tier = forms.MultipleChoiceField(
        required=False,
        label="Level of support",
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choice_errors("level of support"),
    )
    no_assessment = forms.BooleanField(required=False, label="No assessment needed")
    direct_payment = forms.BooleanField(required=False, label="Can use a direct payment")

    def __init__(self, data, *, statement):
        super().__init__(data)
        self.fields["need"].choices = [(t["slug"], t["name"]) for t in statement.needs]
        self.fields["when"].choices = [(t["slug"], t["name"]) for t in statement.times]
        self.fields["area"].choices = [(t["slug"], t["name"]) for t in statement.areas]
        self.fields["tier"].choices = [(t["slug"], t["name"]) for t in statement.tiers]

    def filters(self) -> Filters:
        """The filters that were valid; an invalid one is left out (and reported)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return Filters(
            age=data.get("age"),
            needs=data.get("need") or [],
            times=data.get("when") or [],
            areas=data.get("area") or [],
            tiers=data.get("tier") or [],
            no_assessment=bool(data.get("no_assessment")),
            direct_payment=bool(data.get("direct_payment")),
            words=(data.get("q") or "").strip(),
        )
