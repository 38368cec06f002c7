"""Settings for the test suite: fast hashing, local cache, no manifest needed."""

from .base import *  # noqa: F403
from .base import database_settings

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Imports run inside the request, as the development server does (no worker to start).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Feeds in tests are served on 127.0.0.1; the tests of the safe fetcher turn this off.
ALLOW_PRIVATE_FEEDS = True
# Tests render templates without running `npm run build` + collectstatic first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES = {"default": {**database_settings("sqlite:///:memory:"), "CONN_MAX_AGE": 0}}
