"""A council's seed in a test's database, loaded by `loaddata` once per test process and
copied in with one bulk insert per table after that.

Most tests start from a council's statement. `loaddata` saves each of its records one
by one and then each record's lists, about a sixth of a second for Durham, paid again
by every such test; the copy costs a few milliseconds. The rows copied are those the
first `loaddata` wrote, so both ways give the same database (tests/test_councils.py).
"""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models.signals import post_migrate
from django.dispatch import receiver

# Per process (each xdist worker has its own) and per database engine.
_loaded: dict[tuple[str, str], list[tuple[type[models.Model], list[models.Model]]]] = {}


@receiver(post_migrate, dispatch_uid="tests.councils.forget")
def _forget(**kwargs) -> None:
    """A flushed database (a transactional test's end) makes the rows the seed refers
    to (times of break, needs) again, with new ids: the rows kept would point at the old."""
    _loaded.clear()


def council_load(council: str) -> None:
    """The council's seed, as `loaddata <council>` leaves it."""
    key = (council, connection.vendor)
    tables = _loaded.get(key)
    if tables is None:
        call_command("loaddata", council, verbosity=0)
        _loaded[key] = _tables_of(council)
        return
    with transaction.atomic():
        for model, rows in tables:
            _copy_in(model, rows)
        # Rows came with their ids: the next record made must not take one of them.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [m for m, _ in tables]):
                cursor.execute(sql)


def _tables_of(council: str) -> list[tuple[type[models.Model], list[models.Model]]]:
    """The rows `loaddata` wrote for the seed: its records, model by model in its order,
    then the rows of each record's lists."""
    seed = (Path(settings.FIXTURE_DIRS[0]) / f"{council}.json").read_text()
    ids: dict[type[models.Model], list] = {}
    # Read after loading, a record named by its natural key comes with its id.
    for record in serializers.deserialize("json", seed):
        ids.setdefault(type(record.object), []).append(record.object.pk)
    tables = [
        (m, list(m._base_manager.filter(pk__in=pks).order_by("pk"))) for m, pks in ids.items()
    ]
    for model, pks in ids.items():
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                owner = field.m2m_field_name()
                rows = through._base_manager.filter(**{f"{owner}__in": pks}).order_by("pk")
                tables.append((through, list(rows)))
    return tables


def _copy_in(model: type[models.Model], rows: list[models.Model]) -> None:
    fields = model._meta.concrete_fields
    if model._meta.auto_created:
        # A list's rows: as `.set()` leaves them, with ids of their own.
        model._base_manager.bulk_create(
            model(**{f.attname: getattr(row, f.attname) for f in fields if not f.primary_key})
            for row in rows
        )
        return
    # A record the database already holds (one a migration made) is updated, as
    # `loaddata` does.
    model._base_manager.bulk_create(
        [model(**{f.attname: getattr(row, f.attname) for f in fields}) for row in rows],
        update_conflicts=True,
        unique_fields=[model._meta.pk.name],
        update_fields=[f.name for f in fields if not f.primary_key],
    )
    # An insert stamps "auto_now" fields with today (on the copies too): the seed's own
    # dates stand, as the rows kept say.
    stamped = [f.name for f in fields if getattr(f, "auto_now", False)]
    if stamped:
        model._base_manager.bulk_update(rows, stamped)
