"""The public page family pinned to one edition: /statement/<version>/..."""

from django.urls import path

from contacts import views as contact_views
from providers import views as provider_views

from . import views


def _pinned(page: str, current_view):
    # The same page body as the current edition's view, fed the pinned edition instead.
    return views.pinned_view(page)(current_view.__wrapped__)


urlpatterns = [
    path("", _pinned("statement", views.statement_detail), name="statement"),
    path("support/<slug:slug>/", _pinned("tier", views.tier_detail), name="tier"),
    path("services/<slug:slug>/", _pinned("service", views.service_detail), name="service"),
    path("providers/", _pinned("providers", provider_views.provider_list), name="providers"),
    path(
        "providers/<slug:slug>/",
        _pinned("provider", provider_views.provider_detail),
        name="provider",
    ),
    path("check/", _pinned("check", views.checker), name="check"),
    path("check/result/", _pinned("check_result", views.checker_result), name="check_result"),
    path("what-families-need/", _pinned("needs", views.what_families_need), name="needs"),
    path("faq/", _pinned("questions", views.question_list), name="questions"),
    path("stories/", _pinned("stories", views.story_list), name="stories"),
    path("glossary/", _pinned("glossary", views.glossary), name="glossary"),
    path("changes/", _pinned("changes", views.edition_changes_page), name="changes"),
    path("contacts/", _pinned("contacts", contact_views.contact_list), name="contacts"),
]
