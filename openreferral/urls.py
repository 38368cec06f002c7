"""Addresses of the Open Referral UK API (openreferral/views.py), under /api/openreferral/.

The profile writes them without a trailing slash; one is accepted too, since clients
differ."""

from django.urls import path, re_path

from . import views as api

app_name = "openreferral"

_ID = r"(?P<id>[^/]+)"

urlpatterns = [
    path("", api.api_root, name="root"),
    re_path(r"^services/?$", api.service_list, name="services"),
    re_path(rf"^services/{_ID}/?$", api.service_detail, name="service"),
    re_path(r"^taxonomies/?$", api.taxonomy_list, name="taxonomies"),
    re_path(rf"^taxonomies/{_ID}/?$", api.taxonomy_detail, name="taxonomy"),
    re_path(r"^taxonomy_terms/?$", api.taxonomy_term_list, name="taxonomy_terms"),
    re_path(rf"^taxonomy_terms/{_ID}/?$", api.taxonomy_term_detail, name="taxonomy_term"),
    re_path(r"^service_at_locations/?$", api.service_at_location_list, name="service_at_locations"),
    re_path(
        rf"^service_at_locations/{_ID}/?$",
        api.service_at_location_detail,
        name="service_at_location",
    ),
    # Anything else under the API answers in JSON too, not with the site's HTML 404 page.
    re_path(r"^(?P<path>.*)$", api.not_found),
]
