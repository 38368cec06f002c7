# The site in production shape: gunicorn, the production settings, static files collected
# and compressed, no test tools. docs/deployment.md ("With Docker Compose") runs it with
# PostgreSQL, Redis and Caddy in front (compose.yaml).

# The styles and script, built once from the pinned GOV.UK Frontend.
FROM node:20-bookworm-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY assets assets
COPY scripts/build-frontend.mjs scripts/
RUN npm run build

FROM python:3.11-slim-bookworm
# ALLOWED_HOSTS: the health check below asks by 127.0.0.1, besides SITE_URL's name.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=shortbreaks.settings.prod \
    GUNICORN_BIND=0.0.0.0:8000 \
    ALLOWED_HOSTS=127.0.0.1
# Pango and fonts for the statement's PDF (WeasyPrint): the slim image has no fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       fonts-dejavu-core fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 shortbreaks \
    && mkdir /backups && chown shortbreaks /backups
WORKDIR /app
COPY . .
# What the site needs to run, without the test tools.
RUN pip install --no-cache-dir .
COPY --from=frontend /build/static/dist static/dist
# Collected at build time; the settings need a key and an address to load, not these.
RUN SECRET_KEY=build-only SITE_URL=http://localhost \
    python manage.py collectstatic --no-input --verbosity 0
USER shortbreaks
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
# Migrate first (a new release's tables before it serves), then serve.
CMD ["sh", "-c", "python manage.py migrate --no-input && exec gunicorn -c gunicorn.conf.py shortbreaks.wsgi:application"]
