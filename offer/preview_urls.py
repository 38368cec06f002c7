"""The public page family shown from the working copy, for officers: /preview/..."""

from django.urls import path

from contacts import views as contact_views
from providers import views as provider_views

from . import views


def _preview(current_view):
    # The same page body as the current edition's view, fed the working copy instead.
    return views.preview_view(current_view.__wrapped__)


urlpatterns = [
    path("", _preview(views.home), name="home"),
    path("statement/", _preview(views.statement_detail), name="statement"),
    path("support/<slug:slug>/", _preview(views.tier_detail), name="tier"),
    path("services/<slug:slug>/", _preview(views.service_detail), name="service"),
    path("providers/", _preview(provider_views.provider_list), name="providers"),
    path("providers/<slug:slug>/", _preview(provider_views.provider_detail), name="provider"),
    path("check/", _preview(views.checker), name="check"),
    path("check/result/", _preview(views.checker_result), name="check_result"),
    path("what-families-need/", _preview(views.what_families_need), name="needs"),
    path("faq/", _preview(views.question_list), name="questions"),
    path("stories/", _preview(views.story_list), name="stories"),
    path("glossary/", _preview(views.glossary), name="glossary"),
    path("contacts/", _preview(contact_views.contact_list), name="contacts"),
]
