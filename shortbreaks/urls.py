from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import housekeeping, views

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("providers/", include("providers.urls")),
    path("contacts/", include("contacts.urls")),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("feedback/", include("feedback.urls")),
    path("api/openreferral/", include("offer.api_urls")),
    path("healthz", housekeeping.healthz, name="healthz"),
    path("robots.txt", housekeeping.robots_txt, name="robots"),
    path("sitemap.xml", housekeeping.sitemap_xml, name="sitemap"),
    path("statement/<int:version>/", include(("offer.pinned_urls", "pinned"))),
    path("preview/", include(("offer.preview_urls", "preview"))),
    path("", include("offer.urls")),
]

handler400 = "shortbreaks.views.bad_request"
handler403 = "shortbreaks.views.permission_denied"
handler404 = "shortbreaks.views.page_not_found"
handler500 = "shortbreaks.views.server_error"
