from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.feedback, name="form"),
    path("thanks/", views.thanks, name="thanks"),
    path("report/<uuid:service_id>/", views.service_report, name="report"),
    path("report/thanks/", views.report_thanks, name="report_thanks"),
]
