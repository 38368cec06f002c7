"""Checks `manage.py check --deploy` adds to Django's own: settings meant only for a
developer's machine or a test must never reach a public site."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def private_feeds_refused(app_configs, **kwargs) -> list[Error]:
    if not getattr(settings, "ALLOW_PRIVATE_FEEDS", False):
        return []
    return [
        Error(
            "ALLOW_PRIVATE_FEEDS is on: officers could make the server fetch from its own "
            "network (loopback and private addresses).",
            hint="Unset ALLOW_PRIVATE_FEEDS. It is for a developer's or a test's own feed "
            "server on 127.0.0.1.",
            id="shortbreaks.E001",
        )
    ]
