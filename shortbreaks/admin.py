"""The officers' admin site: Django's, plus the pages that span several apps."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import path


class OfficerAdminSite(admin.AdminSite):
    site_header = "Short breaks statement: officers"
    site_title = "Short breaks statement"
    index_title = "Edit the working copy and publish editions"

    def get_urls(self):
        from offer.admin import due_for_review_view

        return [
            path(
                "due-for-review/",
                self.admin_view(due_for_review_view),
                name="due_for_review",
            ),
            *super().get_urls(),
        ]


class OfficerAdminConfig(AdminConfig):
    default_site = "shortbreaks.admin.OfficerAdminSite"
