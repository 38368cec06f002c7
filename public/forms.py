"""The families' forms: the finder's filters and the 'What could we get?' questions.
Both are read from the query string, so every search and every answer is a link."""

from django import forms

from offer.choices import Answer, PlaceFeature

from .checker import Answers, checker_questions
from .finder import Filters, finder_index, terms_offered


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
        help_text="In years, like 8",
        # The ages the site can search by (the law's 0 to 25); what each service
        # covers is the council's to say, so no message says who short breaks are for.
        error_messages={
            "invalid": "Enter your child's age as a whole number, like 8.",
            "min_value": "Enter your child's age as a number from 0 to 25.",
            "max_value": "Enter your child's age as a number from 0 to 25.",
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
    place = forms.MultipleChoiceField(
        required=False,
        label="Places with",
        help_text="All at the same place.",
        choices=PlaceFeature.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choice_errors("place feature"),
    )
    no_assessment = forms.BooleanField(required=False, label="No assessment needed")
    direct_payment = forms.BooleanField(required=False, label="Can use a direct payment")
    free = forms.BooleanField(required=False, label="Free")
    # Set by the "search for what you typed" link when a slip was put right.
    exact = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, data, *, statement):
        super().__init__(data)
        index = finder_index(statement)  # first: it knows what is offered (terms_offered)
        # Only what some service on offer names, so no choice leads to nothing; any of
        # the statement's own in the address (an older link) is still understood.
        offered = terms_offered(statement)
        for name, terms, of in (
            ("need", statement.needs, "needs"),
            ("when", statement.times, "times"),
            ("area", statement.areas, "areas"),
        ):
            used = offered[of]
            asked = set(data.getlist(name)) if hasattr(data, "getlist") else set()
            self.fields[name].choices = [
                (t.slug, t.name) for t in terms if t.slug in used or t.slug in asked
            ]
        self.fields["tier"].choices = [(t.slug, t.name) for t in statement.tiers]
        # Only what some place has; any feature in the address is still understood.
        offered = set(index.place_features) | set(
            data.getlist("place") if hasattr(data, "getlist") else []
        )
        self.fields["place"].choices = [
            (value, label) for value, label in PlaceFeature.choices if value in offered
        ]

    def filters(self) -> Filters:
        """The filters that were valid; an invalid one is left out (and reported)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return Filters(
            age=data.get("age"),
            needs=data.get("need") or [],
            times=data.get("when") or [],
            areas=data.get("area") or [],
            tiers=data.get("tier") or [],
            place=data.get("place") or [],
            no_assessment=bool(data.get("no_assessment")),
            direct_payment=bool(data.get("direct_payment")),
            free=bool(data.get("free")),
            words=(data.get("q") or "").strip(),
            exact=bool(data.get("exact")),
        )


def _answer_field(label: str, hint: str, missing: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": missing,
            "invalid_choice": "Choose one of the answers: yes, no or I'm not sure.",
        },
    )


class CheckerForm(forms.Form):
    """The checker's questions. Read from the query string and never saved: the answers
    live only in the address the family is looking at."""

    age = forms.IntegerField(
        min_value=0,
        max_value=120,
        label="How old is your child?",
        help_text="In years. For a baby under 1, enter 0.",
        error_messages={
            "required": "Enter your child's age in years, like 8.",
            "invalid": "Enter your child's age as a whole number of years, like 8.",
            "min_value": "Enter your child's age as a whole number of years, like 8.",
            "max_value": "Enter your child's age in years, like 8.",
        },
    )
    need = forms.MultipleChoiceField(
        required=False,
        label="What are your child's needs?",
        help_text="Select all that apply. You do not need a diagnosis.",
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choice_errors("need"),
    )
    social_worker = _answer_field(
        "Does your child have a social worker?",
        "From the council's children's social care or children with disabilities team.",
        "Select whether your child has a social worker.",
    )
    ehcp = _answer_field(
        "Does your child have an Education, Health and Care Plan (EHCP)?",
        "A legal document that describes your child's special educational needs and the "
        "support they get.",
        "Select whether your child has an Education, Health and Care Plan.",
    )
    when = forms.MultipleChoiceField(
        required=False,
        label="When would a break help most?",
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choice_errors("time"),
    )
    tried_community = _answer_field(
        "Have you tried clubs or activities that are open to all children?",
        "For example a local youth club, sports club or holiday activities.",
        "Select whether you have tried clubs or activities open to all children.",
    )

    def __init__(self, data, *, statement, initial=None):
        super().__init__(data, initial=initial)
        # Only what the council's offer uses: a need or time no service or rule names,
        # or a question no rule or way in depends on, would lead nowhere.
        asked = checker_questions(statement)
        for name, terms in (("need", asked.needs), ("when", asked.times)):
            if terms:
                self.fields[name].choices = [(t.slug, t.name) for t in terms]
            else:
                del self.fields[name]
        for name in ("social_worker", "ehcp", "tried_community"):
            if not getattr(asked, name):
                del self.fields[name]

    @classmethod
    def prefilled(cls, query, *, statement) -> "CheckerForm":
        """The questions, unbound (so no errors show), filled in with answers already in
        the address, as when a family goes back to change them."""
        multiple = {"need", "when"}
        initial = {
            name: query.getlist(name) if name in multiple else query.get(name)
            for name in cls.base_fields
            if name in query
        }
        return cls(None, statement=statement, initial=initial)

    def answer_rows(self) -> list[tuple[str, list[str]]]:
        """Each question with the words of its answer, for 'Your answers'."""
        rows = []
        for name, field in self.fields.items():
            value = self.cleaned_data[name]
            if name == "age":
                rows.append((field.label, [str(value)]))
                continue
            chosen = value if isinstance(value, list) else [value]
            rows.append((field.label, [label for key, label in field.choices if key in chosen]))
        return rows

    def answers(self) -> Answers:
        """The family's answers; only call once the form is valid."""
        data = self.cleaned_data
        return Answers(
            age=data["age"],
            needs=data.get("need", []),
            times=data.get("when", []),
            # A question not asked is one nothing depends on.
            social_worker=data.get("social_worker", Answer.NOT_SURE),
            ehcp=data.get("ehcp", Answer.NOT_SURE),
            tried_community=data.get("tried_community", Answer.NOT_SURE),
        )
