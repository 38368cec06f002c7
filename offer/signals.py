"""What every save of the working copy does besides: keep its history (no writer can
forget it: offer/history.py), and, whenever a tier, service or provider gets a new
slug, remember the old one (offer.models.SlugHistory), so links people shared keep
working."""

import contextlib

from django.apps import apps as global_apps
from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from .history import EMPTY, history_detailed, history_seen, model_differences
from .models import HasPublicPage, RecordChange, SlugHistory
from .roles import WORKING_COPY

_TRACKED = {f"{app}.{model}" for app, model in WORKING_COPY}


def _tracked(sender) -> bool:
    # Not the historical models a migration saves with: history begins with the site.
    return sender._meta.label_lower in _TRACKED and sender._meta.apps is global_apps


@receiver(pre_save, dispatch_uid="history_before")
def history_before(sender, instance, raw=False, **kwargs) -> None:
    """Each field as stored, to compare with what is saved (not for loaddata)."""
    if raw or not _tracked(sender) or instance.pk is None or not history_detailed():
        return
    names = [f.attname for f in sender._meta.concrete_fields]
    instance._history_before = (
        sender._default_manager.filter(pk=instance.pk).values(*names).first() or {}
    )


@receiver(post_save, dispatch_uid="history_saved")
def history_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if raw:
        # loaddata: the lists it sets next (m2m_changed says nothing of raw) are part
        # of the same loading, not an edit.
        instance._history_loading = True
        return
    if not _tracked(sender):
        return
    if created:
        history_seen(record=instance, action=RecordChange.Action.ADDED, fields=list)
        return
    before = instance.__dict__.pop("_history_before", {})
    differences = model_differences(instance, before)  # now, while the values are these
    history_seen(record=instance, action=RecordChange.Action.CHANGED, fields=lambda: differences)


@receiver(post_delete, dispatch_uid="history_deleted")
def history_deleted(sender, instance, **kwargs) -> None:
    if not _tracked(sender):
        return
    # A phone number deleted with its contact has no page left to show it on.
    with contextlib.suppress(ObjectDoesNotExist):
        history_seen(record=instance, action=RecordChange.Action.DELETED, fields=list)


@receiver(m2m_changed, dispatch_uid="history_lists")
def history_lists(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """A list a record holds (its needs, routes, contacts...) was added to or cut."""
    if reverse or action not in ("post_add", "post_remove", "post_clear"):
        return
    if not _tracked(type(instance)) or getattr(instance, "_history_loading", False):
        return
    field = next((f for f in instance._meta.many_to_many if f.remote_field.through is sender), None)
    if field is None:
        return
    label, keys = str(field.verbose_name).capitalize(), list(pk_set or [])

    def change() -> list[dict[str, str]]:
        # Named only if the entry is written: most writers record their own.
        names = ", ".join(sorted(str(r) for r in model.objects.filter(pk__in=keys))) or EMPTY
        return [
            {
                "post_add": {"field": label, "old": "", "new": f"Added: {names}"},
                "post_remove": {"field": label, "old": f"Removed: {names}", "new": ""},
                "post_clear": {"field": label, "old": "All removed", "new": ""},
            }[action]
        ]

    history_seen(record=instance, action=RecordChange.Action.CHANGED, fields=change)


@receiver(pre_save)
def remember_old_slug(sender, instance, raw=False, **kwargs) -> None:
    if not isinstance(instance, HasPublicPage):
        return
    if raw or instance.pk is None:  # loaddata, or a new record: no old address
        return
    old = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        SlugHistory.objects.update_or_create(
            kind=instance.page, slug=old, defaults={"uid": instance.uid}
        )
