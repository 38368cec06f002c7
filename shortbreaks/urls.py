from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("providers/", include("providers.urls")),
    path("contacts/", include("contacts.urls")),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("statement/<int:version>/", include(("offer.pinned_urls", "pinned"))),
    path("preview/", include(("offer.preview_urls", "preview"))),
    path("", include("offer.urls")),
]

handler400 = "shortbreaks.views.bad_request"
handler403 = "shortbreaks.views.permission_denied"
handler404 = "shortbreaks.views.page_not_found"
handler500 = "shortbreaks.views.server_error"
