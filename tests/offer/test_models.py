import json
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from editions.models import Edition, EditionIsImmutable, EditionSnapshot
from tests.factories import (
    EditionFactory,
    EligibilityRuleFactory,
    ProviderFactory,
    ServiceFactory,
    StatementFactory,
    TierFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("min_age", "max_age", "field", "message"),
    [
        (12, 5, "max_age", "The oldest age must be the same as or more than the youngest age."),
        (0, 26, "max_age", "Ages go up to 25."),
        (30, 30, "min_age", "Ages go up to 25."),
        (-1, 10, "min_age", "Ages start at 0."),
    ],
)
def test_service_ages_must_be_within_0_to_25_youngest_first(min_age, max_age, field, message):
    service = ServiceFactory.build(tier=TierFactory(), min_age=min_age, max_age=max_age)
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert message in error.value.message_dict[field]


def test_eligibility_rule_ages_are_validated_too():
    rule = EligibilityRuleFactory.build(min_age=18, max_age=10)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "max_age" in error.value.message_dict


def test_the_database_refuses_bad_ages_that_bypass_forms():
    service = ServiceFactory()
    service.min_age, service.max_age = 20, 3
    with pytest.raises(IntegrityError), transaction.atomic():
        service.save()


@pytest.mark.parametrize(
    ("factory", "message"),
    [
        (ServiceFactory, "Another service already uses this web address."),
        (TierFactory, "Another tier already uses this web address."),
        (ProviderFactory, "Another provider already uses this web address."),
    ],
)
def test_duplicate_slugs_are_refused_in_plain_english(factory, message):
    factory(slug="taken")
    duplicate = factory.build(slug="taken")
    if hasattr(duplicate, "tier_id"):
        duplicate.tier = TierFactory()
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.message_dict["slug"] == [message]


def test_an_edition_cannot_be_changed_once_saved():
    StatementFactory()
    edition = EditionFactory(label="2025 to 2026")
    edition.label = "rewritten history"
    with pytest.raises(EditionIsImmutable):
        edition.save()
    assert Edition.objects.get(pk=edition.pk).label == "2025 to 2026"


def test_an_edition_cannot_be_deleted_one_by_one_or_in_bulk():
    StatementFactory()
    edition = EditionFactory()
    with pytest.raises(EditionIsImmutable):
        edition.delete()
    with pytest.raises(EditionIsImmutable):
        Edition.objects.all().delete()
    with pytest.raises(EditionIsImmutable):
        Edition.objects.update(label="changed")
    assert Edition.objects.filter(pk=edition.pk, label=edition.label).exists()


def test_an_editions_snapshot_is_kept_apart_compressed_and_cannot_be_replaced():
    StatementFactory()
    ServiceFactory.create_batch(20, summary="A short break for a child and a rest for you.")
    edition = EditionFactory(label="2026")
    stored = bytes(EditionSnapshot.objects.get(edition=edition).data)
    as_json = json.dumps(edition.snapshot).encode()
    assert zlib.decompress(stored) and len(stored) < len(as_json) / 3
    assert Edition.objects.get(pk=edition.pk).snapshot == edition.snapshot
    # The row every page asks about ("which edition is current?") holds no snapshot.
    assert "snapshot" not in {field.name for field in Edition._meta.concrete_fields}
    with pytest.raises(EditionIsImmutable):
        edition.snapshot = {"services": []}
