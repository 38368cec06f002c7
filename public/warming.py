"""A new edition warmed once for every worker: as soon as it is published, a
background task works out what each worker would otherwise work out on its first page
of it (the finder's index, which the checker uses too, and what changed since the
edition before) and keeps it beside the edition (editions/derived.py), where every
worker reads it in a fraction of the time. The glossary terms its pages use are kept
by the publish itself (editions/publishing.py)."""

import logging

from django.db import transaction
from django_tasks import task

from editions.changes import changes_between
from editions.derived import derived_keep
from editions.models import Edition
from editions.selectors import changes_kind, edition_before, edition_statement

from .finder import FINDER_INDEX, offered_index_made

logger = logging.getLogger(__name__)


@task()
def edition_warm(edition_id: int) -> None:
    """Work out and keep the finder's index of the edition and its changes since the
    edition before. Harmless to run twice: what is kept already stays."""
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None:
        return
    statement = edition_statement(edition=edition)
    derived_keep(
        edition_id=edition.pk, kind=FINDER_INDEX, value=offered_index_made(statement).kept()
    )
    before = edition_before(edition=edition)
    report = changes_between(
        old=edition_statement(edition=before) if before else None, new=statement
    )
    derived_keep(edition_id=edition.pk, kind=changes_kind(before), value=report)
    logger.info("Edition %s is warmed: its finder index and changes are kept.", edition.version)


def edition_warm_on_publish(*, edition: Edition, **kwargs) -> None:
    """Once the publish is committed, warm the new edition in the background."""
    transaction.on_commit(lambda: edition_warm.enqueue(edition.pk))
