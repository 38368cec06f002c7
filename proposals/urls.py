from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("", views.services, name="services"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("join/<str:token>/", views.join, name="join"),
    path("<uuid:uid>/", views.service, name="service"),
    path("<uuid:uid>/still-correct/", views.still_correct, name="still_correct"),
]
