"""Production settings: refuse to start when a required variable is missing."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

for _required in ("SECRET_KEY", "SITE_URL"):
    if not env.str(_required, default=""):
        raise ImproperlyConfigured(
            f"Set the {_required} environment variable before starting in production "
            "(see docs/deployment.md)."
        )

# The public address is the one address pages are written for and kept under (a
# request's own Host, or a port someone tries, never makes another copy of a page).
SITE_URL = env.str("SITE_URL").rstrip("/")
_site = urlsplit(SITE_URL)
if _site.scheme not in ("http", "https") or not _site.hostname or _site.path not in ("", "/"):
    raise ImproperlyConfigured(
        "SITE_URL must be the site's public address alone, such as "
        "https://shortbreaks.example.gov.uk (see docs/deployment.md)."
    )
# Only the public host, unless ALLOWED_HOSTS names others (an internal name a load
# balancer's health check uses, say).
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[_site.hostname])
if _site.hostname not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(_site.hostname)

DEBUG = env.bool("DEBUG", default=False)

# TLS is normally ended at a load balancer that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# A load balancer checks health over plain HTTP: /healthz answers it, never a redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload token only matters once the domain's owner submits it to browsers' lists.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS", default=[f"{_site.scheme}://{_site.netloc}"]
)
# Served over HTTPS, pages fetch nothing over plain HTTP, even a link an officer typed
# with http://. A trial over plain HTTP (SECURE_SSL_REDIRECT off) must still load its
# own styles, so the upgrade is asked for only when the site is HTTPS.
if SECURE_SSL_REDIRECT:
    CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **CONTENT_SECURITY_POLICY["DIRECTIVES"],  # noqa: F405
            "upgrade-insecure-requests": True,
        }
    }

# Email (review reminders): the console backend from base until EMAIL_BACKEND says SMTP.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
