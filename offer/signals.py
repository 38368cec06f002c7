"""Keeping old web addresses: whenever a tier, service or provider gets a new slug,
remember the old one (offer.models.SlugHistory), so links people shared keep working."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import HasPublicPage, SlugHistory


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
