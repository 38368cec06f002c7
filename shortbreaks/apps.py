"""The site's own app (its management commands), and django.contrib.admin with the
officers' own site (shortbreaks/admin.py).

The admin site is named here rather than imported: it imports models, which cannot be
imported while INSTALLED_APPS is still being read."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ShortbreaksConfig(AppConfig):
    name = "shortbreaks"
    verbose_name = "Short breaks statement site"
    default = True

    def ready(self) -> None:
        from . import checks  # noqa: F401 (registers the deploy checks)


class OfficerAdminConfig(admin_apps.AdminConfig):
    default_site = "shortbreaks.admin.OfficerAdminSite"
    default = False
