"""django.contrib.admin with the officers' own site (shortbreaks/admin.py).

Kept apart from the site itself, which imports models and so cannot be imported while
INSTALLED_APPS is still being read."""

from django.contrib.admin.apps import AdminConfig


class OfficerAdminConfig(AdminConfig):
    default_site = "shortbreaks.admin.OfficerAdminSite"
