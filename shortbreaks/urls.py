"""The site's addresses: the officers' admin, the feedback form, providers' own pages,
the Open Referral feed, then the public pages (public/urls.py)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("feedback/", include("feedback.urls")),
    path("your-services/", include("proposals.urls")),
    path("api/openreferral/", include("openreferral.urls")),
    path("", include("public.urls")),
]

handler400 = "shortbreaks.views.bad_request"
handler403 = "shortbreaks.views.permission_denied"
handler404 = "shortbreaks.views.page_not_found"
handler500 = "shortbreaks.views.server_error"
