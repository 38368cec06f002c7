"""The lists a new site starts with (times of break, assessments, kinds of provider):
each app names its rows, and this gives them to a site that has none after migrate."""

from collections.abc import Callable
from typing import Any

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS


def standard_list_receiver(model: str, rows: list[dict[str, Any]]) -> Callable[..., None]:
    """A post_migrate receiver giving a site with no `model` ('app.Model') records at
    all these `rows`, in order. Officers may then rename, reorder or add to them; a site
    that has any keeps its own."""
    app_label, model_name = model.split(".")

    def ensure(sender, *, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
        Model = apps.get_model(app_label, model_name)
        if Model.objects.using(using).exists():
            return
        ordered = hasattr(Model, "order")
        Model.objects.using(using).bulk_create(
            Model(**row, **({"order": order} if ordered else {}))
            for order, row in enumerate(rows, start=1)
        )

    ensure.__name__ = ensure.__qualname__ = f"{model_name.lower()}_standard_list_ensure"
    return ensure
