"""One factory per model, in one place. Defaults make a record that could be published."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from contacts.models import Contact, ContactPhone, SocialLink
from editions.models import Edition
from editions.snapshot import SCHEMA_VERSION, snapshot_build
from offer.models import (
    Area,
    Assessment,
    BreakTime,
    CheckerRule,
    EligibilityRule,
    FamilyStory,
    FamilyView,
    GlossaryTerm,
    Need,
    Question,
    ReferralRoute,
    Service,
    Statement,
    StatementFigure,
    StatementSection,
    Tier,
    Venue,
)
from providers.models import Provider, ProviderKind


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"officer{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.uk")
    password = factory.django.Password("correct horse battery staple")
    is_staff = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """Pass roles=["Editor"] or ["Publisher"] to put the officer in those groups."""
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.Sequence(lambda n: f"Family support team {n}")
    slug = factory.Sequence(lambda n: f"family-support-team-{n}")
    helps_with = "Advice about short breaks."
    email = factory.Sequence(lambda n: f"team{n}@example.gov.uk")


class ContactPhoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPhone

    contact = factory.SubFactory(ContactFactory)
    number = "01632 960 001"


class SocialLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialLink

    contact = factory.SubFactory(ContactFactory)
    network = "facebook"
    url = "https://www.facebook.com/example"


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Provider {n}")
    slug = factory.Sequence(lambda n: f"provider-{n}")
    description = "Runs short breaks."

    @factory.post_generation
    def kinds(self, create, extracted, **kwargs):
        """kinds=["commissioned", ...] by slug; commissioned unless told otherwise."""
        if create:
            self.kinds.set(ProviderKind.objects.filter(slug__in=extracted or ["commissioned"]))


class TermFactory(factory.django.DjangoModelFactory):
    """Needs, times of break and areas all look alike: a name and a unique slug."""

    class Meta:
        abstract = True
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.Sequence(lambda n: f"term-{n}")


class NeedFactory(TermFactory):
    class Meta:
        model = Need


class BreakTimeFactory(TermFactory):
    class Meta:
        model = BreakTime


class AreaFactory(TermFactory):
    class Meta:
        model = Area


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    council_name = "Exampleshire Council"
    area_name = "Exampleshire"
    summary = "Short breaks for families in Exampleshire."


class StatementSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatementSection

    statement = factory.LazyFunction(lambda: Statement.load() or StatementFactory())
    place = "statement"
    position = "before"
    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    body = "Some text."


# The standard assessments every site starts with (offer/standard_lists.py), by a short
# name tests can use: EligibilityRuleFactory(assessment="social_care").
ASSESSMENTS = {
    "none": "No assessment needed",
    "self": "A self-assessment the family fills in",
    "provider": "The provider's own criteria",
    "social_care": "A social care assessment",
}


class EligibilityRuleFactory(factory.django.DjangoModelFactory):
    """A rule; `assessment` may be one of ASSESSMENTS' short names (blank: not stated)."""

    class Meta:
        model = EligibilityRule

    title = factory.Sequence(lambda n: f"Rule {n}")
    criteria = "Any family of a disabled child."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if isinstance(kwargs.get("assessment"), str):
            kwargs["assessment"] = Assessment.objects.get(name=ASSESSMENTS[kwargs["assessment"]])
        return super()._create(model_class, *args, **kwargs)


class ReferralRouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralRoute
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Contact team {n}")
    steps = "Phone the team."
    link = "https://www.example.gov.uk/apply"

    @factory.post_generation
    def contacts(self, create, extracted, **kwargs):
        if create and extracted:
            self.contacts.set(extracted)


class TierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tier

    level = "universal"
    name = factory.Sequence(lambda n: f"Tier {n}")
    slug = factory.Sequence(lambda n: f"tier-{n}")
    summary = "Support for every family."


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    tier = factory.SubFactory(TierFactory)
    summary = "A short break."

    @factory.post_generation
    def referral_routes(self, create, extracted, **kwargs):
        """Pass referral_routes=[...] to choose them, [] for none; default: one new route."""
        if not create:
            return
        routes = [ReferralRouteFactory()] if extracted is None else extracted
        self.referral_routes.set(routes)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    service = factory.SubFactory(ServiceFactory)
    name = factory.Sequence(lambda n: f"Short break house {n}")
    address = "12 High Street"
    town = "Exampleton"
    postcode = "ZZ99 9ZZ"


class EditionFactory(factory.django.DjangoModelFactory):
    """An edition of whatever the working copy holds now (prefer editions.publishing for
    tests of publishing itself)."""

    class Meta:
        model = Edition

    version = factory.Sequence(lambda n: n + 1)
    label = factory.Sequence(lambda n: f"Edition {n + 1}")
    schema_version = SCHEMA_VERSION
    snapshot = factory.LazyFunction(snapshot_build)
    published_at = factory.LazyFunction(timezone.now)
    reviewed_on = factory.LazyFunction(timezone.localdate)
    next_review_due = factory.LazyAttribute(
        lambda e: e.reviewed_on.replace(year=e.reviewed_on.year + 1)
    )


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "An answer."


class FamilyStoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyStory

    title = factory.Sequence(lambda n: f"Story {n}")
    who = "Sam, 9, and his mum"
    situation = "Life was hard."
    what_they_got = "A Saturday club."
    outcome = "Sam made friends."


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    term = factory.Sequence(lambda n: f"Term{n}")
    slug = factory.Sequence(lambda n: f"term{n}")
    explanation = "What it means."


class StatementFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatementFigure

    statement = factory.SubFactory(StatementFactory)
    label = factory.Sequence(lambda n: f"Figure {n}")
    value = 100
    unit = "children"


class FamilyViewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyView

    statement = factory.SubFactory(StatementFactory)
    point = "More breaks in the school holidays."


class CheckerRuleFactory(factory.django.DjangoModelFactory):
    """A rule that matches every answer unless told otherwise."""

    class Meta:
        model = CheckerRule
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Checker rule {n}")
    tier = factory.SubFactory(TierFactory)
    reason = "Because of your answers."

    @factory.post_generation
    def needs(self, create, extracted, **kwargs):
        if create and extracted:
            self.needs.set(extracted)

    @factory.post_generation
    def times(self, create, extracted, **kwargs):
        if create and extracted:
            self.times.set(extracted)


def officer_with(*codenames: str):
    """A staff user holding just these permissions (by codename)."""
    user = UserFactory()
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user
