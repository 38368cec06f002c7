"""What the feed imports leave an officer to look at (read by Start here)."""

from dataclasses import dataclass

from offer.models import Service

from .models import FeedRecord, ImportConflict, ImportRun


@dataclass(frozen=True)
class ImportsToDecide:
    latest: ImportRun
    conflicts: int  # fields an officer and a feed both changed, not decided yet
    left_in_statement: int  # services no longer in their feed, still in the statement


def imports_to_decide() -> ImportsToDecide | None:
    """None before any feed was imported."""
    latest = ImportRun.objects.select_related("run_by").first()
    if latest is None:
        return None
    left = FeedRecord.objects.filter(kind="service", left_at__isnull=False)
    return ImportsToDecide(
        latest=latest,
        conflicts=ImportConflict.objects.filter(decision=ImportConflict.Decision.OPEN).count(),
        left_in_statement=Service.objects.in_statement()
        .filter(pk__in=left.values("object_id"))
        .count(),
    )
