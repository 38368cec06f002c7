"""Settings shared by every environment, read from the environment with django-environ.

Each environment module (dev, test, prod) imports this and changes only what differs.
"""

import json
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file beside manage.py is optional; real deployments set variables directly.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Only the dev and test modules fall back to a throwaway key; prod refuses to start without one.
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "shortbreaks.apps.OfficerAdminConfig",  # django.contrib.admin with our own site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.forms",  # its widget templates, for the renderer below
    "adminsortable2",  # dragging rows into order in the admin
    "import_export",  # the offer to and from spreadsheets
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",  # background tasks (Django 6's framework, backported)
    "django_tasks_db",  # their queue in the database, run by `manage.py db_worker`
    # Ours, in the order the data flows (DESIGN.md section 7): the working copy, then
    # publishing, then what families and directories read.
    "offer",
    "providers",
    "contacts",
    "editions",
    "imports",
    "public",
    "openreferral",
    "feedback",
    "proposals",  # providers' staff propose changes to their services; officers approve
    "shortbreaks",  # the site as a whole: settings, the admin site, backups
]

MIDDLEWARE = [
    # Before anything asks the database: a family's page gets its answers in seconds or
    # a 503 (a hung database must not hold a worker).
    "shortbreaks.middleware.QueryDeadlineMiddleware",
    # A kept public page is answered here, with the headers the middleware below
    # gave it when it was rendered (public/page_cache.py).
    "public.page_cache.KeptPagesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "shortbreaks.middleware.PermissionsPolicyMiddleware",
    "shortbreaks.middleware.OfficersAreaMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for families on slow connections (whitenoise already serves
    # static files compressed). Django adds random padding against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # An officer's saves in the admin are theirs in every record's history.
    "shortbreaks.middleware.HistoryScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A database that stopped answering is a 503 with a page saying so (its
    # process_exception runs after the view's, before Django's 500).
    "shortbreaks.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content Security Policy: only our own scripts, styles, images and fonts; no inline
# script or style (an inline script would need the request's nonce); never framed.
# Widgets render from the project's templates too (admin/widgets/prose_textarea.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # the two-factor QR code is a data: image
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Other sites learn nothing of what a family looked at here (a finder search holds a
# child's age and needs).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms carry the token
SESSION_COOKIE_SAMESITE = "Lax"
# Officers' sign-in ends after a working day without using the admin (each admin page
# starts the day again: shortbreaks/admin.py) and when the browser closes. Public pages
# never have a session.
SESSION_COOKIE_AGE = int(env.float("OFFICER_SESSION_HOURS", default=8) * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"

ROOT_URLCONF = "shortbreaks.urls"
WSGI_APPLICATION = "shortbreaks.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shortbreaks.context_processors.site",
            ],
        },
    },
]


def database_settings(default_url: str) -> dict:
    """The database from DATABASE_URL (or `default_url`), kept open between requests,
    and on PostgreSQL with timeouts: a database that does not answer fails a request in
    seconds rather than holding a worker until gunicorn kills it, and no statement runs
    longer than a request should (DATABASE_STATEMENT_TIMEOUT=0 turns that off, for a
    long one-off job)."""
    database = env.db("DATABASE_URL", default=default_url)
    database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    database["CONN_HEALTH_CHECKS"] = True
    if database["ENGINE"] == "django.db.backends.postgresql":
        # Django's, with a time limit on the check that a kept connection still answers.
        database["ENGINE"] = "core.backends.postgresql"
        statement_ms = int(env.float("DATABASE_STATEMENT_TIMEOUT", default=20) * 1000)
        database.setdefault("OPTIONS", {}).update(
            {
                "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=2),
                "options": f"-c statement_timeout={statement_ms}",
            }
        )
    elif database["ENGINE"] == "django.db.backends.sqlite3" and "memory" not in str(
        database["NAME"]
    ):
        # A file: pages read while an import writes (write-ahead log), and a write that
        # finds another under way waits for it (up to SQLITE_BUSY_SECONDS) rather than
        # failing at once; each transaction takes the write lock as it starts, so two
        # never deadlock turning a read into a write.
        database.setdefault("OPTIONS", {}).update(
            {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": env.int("SQLITE_BUSY_SECONDS", default=20),
            }
        )
    return database


DATABASES = {"default": database_settings(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# How often services, providers and contacts must be checked, and how far ahead the
# "Due for review" page and the reminder emails look.
REVIEW_INTERVAL_DAYS = env.int("REVIEW_INTERVAL_DAYS", default=365)
# How long an invitation to a provider's staff member works (once) before it expires.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)
REVIEW_WARNING_DAYS = env.int("REVIEW_WARNING_DAYS", default=30)
# The site's public address, for links in emails (e.g. https://shortbreaks.example.gov.uk).
SITE_URL = env.str("SITE_URL", default="").rstrip("/")

# Review reminders go through Django's email backend: the console unless set, e.g.
# EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST in production.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="shortbreaks@localhost")

# Public pages are cached per edition (public/page_cache.py): local memory by default,
# Redis (CACHE_URL=redis://...) when several instances run, so they share one cache.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://shortbreaks")}
# Sites sharing one Redis keep apart by prefix (django-environ drops one in CACHE_URL).
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="shortbreaks")
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The cache is an accelerator, never a dependency: Redis stopped, hung or full
    # costs at most CACHE_TIMEOUT_SECONDS now and then, and pages render uncached.
    _cache_timeout = env.float("CACHE_TIMEOUT_SECONDS", default=0.25)
    CACHES["default"]["BACKEND"] = "core.cache.FailSoftRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": _cache_timeout, "socket_timeout": _cache_timeout}
    )
# Fetching a directory feed by its address (core/fetching.py): time and bytes for the
# whole feed, every page together. ALLOW_PRIVATE_FEEDS lets the server fetch from
# loopback and private addresses, for a developer's or a test's own feed server only:
# `manage.py check --deploy` refuses it.
FEED_FETCH_SECONDS = env.float("FEED_FETCH_SECONDS", default=120)
FEED_FETCH_BYTES = env.int("FEED_FETCH_BYTES", default=50 * 1024 * 1024)
ALLOW_PRIVATE_FEEDS = env.bool("ALLOW_PRIVATE_FEEDS", default=False)
# Imports bounded by the work they ask for, far above any council's offer: services in
# one feed, rows in one sheet, and what an uploaded workbook may unzip to (checked from
# its directory before anything is unzipped).
IMPORT_MOST_SERVICES = env.int("IMPORT_MOST_SERVICES", default=5_000)
IMPORT_MOST_ROWS = env.int("IMPORT_MOST_ROWS", default=10_000)
IMPORT_UNZIPPED_BYTES = env.int("IMPORT_UNZIPPED_BYTES", default=60 * 1024 * 1024)
# Long imports and their dry runs run as background tasks (imports/jobs.py), so no
# request waits on one: queued in the database and run by `manage.py db_worker` (a
# second process beside gunicorn, docs/deployment.md). TASKS_IMMEDIATE=true runs them
# inside the request instead (the development server and the tests do).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env.bool("TASKS_IMMEDIATE", default=False)
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}
# How long a query of a family's page may take before the page answers 503 instead
# (core/database.py): a hung database then fails a request within this, not after
# gunicorn's worker timeout.
PUBLIC_QUERY_SECONDS = env.float("PUBLIC_QUERY_SECONDS", default=4)
# How long a rendered page is kept. A publish changes every key at once, so this only
# bounds memory, never staleness.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=24 * 60 * 60)
# At most this many answers of one page kept per edition for different questions in its
# address (searches: '/find/?q=...'); past it, more are answered but not kept, so no
# stream of made-up searches fills the cache.
PAGE_VARIANTS_KEPT = env.int("PAGE_VARIANTS_KEPT", default=1000)
# Past this many services the whole statement comes in parts of at most this many (more
# than anyone would print; one part renders in well under a second), each with its own
# PDF, so making a PDF takes the same time and memory whatever the size of the offer.
STATEMENT_PART_SERVICES = env.int("STATEMENT_PART_SERVICES", default=100)
# Past this many addresses /sitemap.xml is an index of sitemaps of at most this many
# (the protocol allows 50,000 a file; smaller files are quicker for crawlers to fetch).
SITEMAP_ADDRESSES = env.int("SITEMAP_ADDRESSES", default=10_000)
# With a shared cache (Redis), each process also keeps the pages it read last in this
# many bytes of its own memory, so a popular page costs no trip to Redis. Local memory
# is already local: nothing kept twice.
PAGE_LOCAL_BYTES = env.int(
    "PAGE_LOCAL_BYTES",
    default=0 if CACHES["default"]["BACKEND"].endswith("LocMemCache") else 16 * 1024 * 1024,
)

# Officers' sign-in. django-axes counts failed sign-ins and locks out a user name from
# an address after AXES_FAILURE_LIMIT of them, for AXES_COOLOFF_HOURS (or until
# `manage.py axes_reset_username <name>`), so passwords cannot be guessed at speed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# How many load balancers or proxies in front of the app add to X-Forwarded-For; the
# client's own address is read from it (core/clients.py) for the lockout and every
# other count of clients. 0: the header is ignored (anyone could send one).
# AXES_PROXY_COUNT is the old name, still read.
PROXY_COUNT = env.int("PROXY_COUNT", default=env.int("AXES_PROXY_COUNT", default=0))
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"
# Two-factor sign-in (TOTP, from any authenticator app): available to every officer
# from the admin's "Two-factor sign-in" link; OTP_REQUIRED makes it compulsory.
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=False)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Short breaks statement")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# The council's colour and logo, in the one file the front-end build reads too.
BRANDING = json.loads((BASE_DIR / "assets" / "brand" / "brand.json").read_text())

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Only our own static folder: `npm run build` copies the pinned GOV.UK Frontend files
# into static/dist/, so node_modules never becomes public.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# "Is this page useful?": at most this many submissions per client in the window.
FEEDBACK_RATE_LIMIT = env.int("FEEDBACK_RATE_LIMIT", default=10)
FEEDBACK_RATE_WINDOW = env.int("FEEDBACK_RATE_WINDOW", default=60 * 60)

# How long directories and browsers may keep an Open Referral API answer: a new
# edition reaches every reader of the feed within this many seconds.
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=5 * 60)

# Where officers sign in; a council may move it away from the well-known /admin/.
ADMIN_PATH = env.str("ADMIN_PATH", default="admin/").strip("/") + "/"
LOGIN_URL = "admin:login"

# The public site's name before anything is published (afterwards the edition's own).
SITE_NAME = env.str("SITE_NAME", default="Short breaks for disabled children and young people")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Making an edition's PDF: its page-by-page progress and the screen-only CSS it
        # skips are not worth a log line; real failures still are.
        "weasyprint": {"level": "ERROR"},
    },
}
