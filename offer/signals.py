"""Keeping old web addresses: whenever a tier, service or provider gets a new slug,
remember the old one (offer.models.SlugHistory)."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from providers.models import Provider

from .choices import LinkedKind
from .models import Service, SlugHistory, Tier

_KINDS = {Tier: LinkedKind.TIER, Service: LinkedKind.SERVICE, Provider: LinkedKind.PROVIDER}


@receiver(pre_save, sender=Tier)
@receiver(pre_save, sender=Service)
@receiver(pre_save, sender=Provider)
def remember_old_slug(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:  # loaddata, or a new record: no old address
        return
    old = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        SlugHistory.objects.update_or_create(
            kind=_KINDS[sender], slug=old, defaults={"uid": instance.uid}
        )
