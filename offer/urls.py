from django.urls import path

from . import views

app_name = "offer"

urlpatterns = [
    path("", views.home, name="home"),
    path("support/<slug:slug>/", views.tier_detail, name="tier"),
    path("services/<slug:slug>/", views.service_detail, name="service"),
    path("find/", views.finder, name="find"),
    path("check/", views.checker, name="check"),
    path("check/result/", views.checker_result, name="check_result"),
    path("what-families-need/", views.what_families_need, name="needs"),
    path("faq/", views.question_list, name="questions"),
    path("stories/", views.story_list, name="stories"),
    path("glossary/", views.glossary, name="glossary"),
    path("statement/", views.statement_detail, name="statement"),
    path("statement/editions/", views.edition_list, name="editions"),
    path("statement/changes/", views.edition_changes_page, name="changes"),
]
