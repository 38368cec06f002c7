"""WSGI entry point for gunicorn: `gunicorn shortbreaks.wsgi:application`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortbreaks.settings.prod")

application = get_wsgi_application()
