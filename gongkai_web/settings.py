"""Settings from the environment (healthchecks style): SQLite and DEBUG by default so that a fresh
clone runs with ``bin/run``; ``GONGKAI_DB=postgres`` switches to PostgreSQL for the second test run
and for production-like benchmarks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from gongkai_web.startup_keys import digest_key, secret_key

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", REPO_DIR / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def gettext_noop(message: str) -> str:
    """Marks ``message`` for the catalogue without translating it (django.conf.global_settings does
    the same: settings cannot import django.utils.translation). Whoever shows it translates it."""
    return message


DEBUG = envbool("GONGKAI_DEBUG", True)


SECRET_KEY = secret_key(VAR_DIR, debug=DEBUG)
GONGKAI_DIGEST_KEY = digest_key(VAR_DIR, debug=DEBUG)
#: Earlier keys, newest first, still accepted for signatures made with them (key rotation): comma-separated.
SECRET_KEY_FALLBACKS = [
    k.strip() for k in os.environ.get("GONGKAI_SECRET_KEY_FALLBACKS", "").split(",") if k.strip()
]
ALLOWED_HOSTS = [
    h for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # login lockout (accounts/throttle.py)
    "django_otp",  # optional TOTP second factor for staff (accounts/second_factor.py)
    "django_otp.plugins.otp_totp",
    "csp",  # Content-Security-Policy header (its system checks; settings at the end of this file)
    "gongkai_web.audit",
    "gongkai_web.backups",
    "gongkai_web.agencies",
    "gongkai_web.accounts",
    "gongkai_web.workcalendar",
    "gongkai_web.notifications",
    "gongkai_web.search",
    "gongkai_web.applications",
    "gongkai_web.publications",
    "gongkai_web.qa",
    "gongkai_web.appeals",
    "gongkai_web.reports",
    "gongkai_web.supervision",
    "gongkai_web.portal",
    "gongkai_web.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gongkai_web.security.FixedPolicyCSPMiddleware",  # django-csp, header built once
    "gongkai_web.security.PermissionsPolicyMiddleware",
    # Kept column pages answered here, after the security headers, before the session (portal/column_fastpath.py).
    "gongkai_web.portal.column_fastpath.ColumnFastPathMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "gongkai_web.multipart.SmallFormMiddleware",  # before CSRF checking reads the form
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After it: a session of an account with the second factor on that was not verified is logged out.
    "gongkai_web.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out login (accounts/throttle.py)
]

# Failed logins (staff, applicants, the admin: all go through authenticate()) are counted by django-axes
# in the database per account and client address together; after GONGKAI_LOGIN_FAILURES failures within
# the cool-off the next attempt from that address is refused for GONGKAI_LOGIN_COOLOFF_MINUTES with a
# Chinese page and an audit entry (accounts/throttle.py). A success resets the count. Per account from
# every address and per address for every account, higher limits count apart (below).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

ROOT_URLCONF = "gongkai_web.urls"
WSGI_APPLICATION = "gongkai_web.wsgi.application"

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
                "gongkai_web.accounts.context.roles",
            ],
        },
    },
]


def _databases() -> dict:
    if os.environ.get("GONGKAI_DB", "sqlite") == "postgres":
        return {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "HOST": os.environ.get("GONGKAI_PG_HOST", "127.0.0.1"),
                "PORT": envint("GONGKAI_PG_PORT", 5432),
                "NAME": os.environ.get("GONGKAI_PG_NAME", "test"),
                "USER": os.environ.get("GONGKAI_PG_USER", "postgres"),
                "PASSWORD": os.environ.get("GONGKAI_PG_PASSWORD", ""),
                # Production (e.g. gunicorn): GONGKAI_PG_CONN_MAX_AGE=600 keeps one connection per worker
                # thread instead of connecting for every request; the health check drops a dead one.
                "CONN_MAX_AGE": envint("GONGKAI_PG_CONN_MAX_AGE", 0),
                "CONN_HEALTH_CHECKS": envbool("GONGKAI_PG_CONN_HEALTH_CHECKS", False),
                # Parameters bound by the server, not quoted into the SQL by psycopg: with persistent
                # connections (CONN_MAX_AGE) statements run five times on a connection are prepared
                # (the public form's fixed INSERTs), and no parameter is escaped in Python
                # (bench/intake_load.py). The whole suite runs so. Set 0 behind PgBouncer in
                # transaction mode (prepared statements do not survive it); restart the workers after
                # a migration, as their prepared plans describe the old tables.
                "OPTIONS": {"server_side_binding": envbool("GONGKAI_PG_SERVER_SIDE_BINDING", True)},
            }
        }
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("GONGKAI_SQLITE_PATH", str(VAR_DIR / "gongkai.sqlite3")),
            # WAL and a busy timeout let runserver and a management command share the file.
            "OPTIONS": {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# The platform serves Chinese government users: the UI is zh-hans whatever the browser's
# Accept-Language says (headless Chromium and phones set to English send en-US), so there is
# one language and no LocaleMiddleware negotiating it.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", gettext_noop("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
#: Django's finders, answering "not found" (404) for a path outside the static folders (static_finders.py).
STATICFILES_FINDERS = [
    "gongkai_web.static_finders.FileSystemFinder",
    "gongkai_web.static_finders.AppDirectoriesFinder",
]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: attachments go through access-checked views
#: Uploads are written to a temporary file and renamed into place: never half a file (storage.py).
STORAGES = {
    "default": {"BACKEND": "gongkai_web.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Behind HTTPS (production): cookies only over HTTPS — the session, CSRF and the applicant's
# tracking cookie (applications/tracking.py).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("GONGKAI_HTTPS", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = envint("GONGKAI_SESSION_AGE", 8 * 3600)
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Server errors (500) go to stderr whatever DEBUG says, so a production server's log (gunicorn's error
# log) shows the traceback; Django's default only prints them with DEBUG on.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No personal data in logs: query strings dropped, ID/mobile/e-mail shapes masked (audit/logfilters.py).
    "filters": {"personal_data": {"()": "gongkai_web.audit.logfilters.PersonalDataFilter"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "level": "ERROR", "filters": ["personal_data"]},
        "server": {"class": "logging.StreamHandler", "level": "INFO", "filters": ["personal_data"]},
    },
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        # The default SMS gateway (notifications/sms.py) writes each message here.
        "gongkai.sms": {"handlers": ["server"], "level": "INFO"},
    },
}
# Error reports never carry what was posted (an application form is personal data throughout).
DEFAULT_EXCEPTION_REPORTER_FILTER = "gongkai_web.audit.logfilters.NoPostedValuesReporterFilter"

EMAIL_BACKEND = os.environ.get("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_FROM_EMAIL", "gongkai@localhost")
# SMTP, when GONGKAI_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend (docs/operations.md).
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("GONGKAI_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("GONGKAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("GONGKAI_EMAIL_TLS", "") == "1"
EMAIL_USE_SSL = os.environ.get("GONGKAI_EMAIL_SSL", "") == "1"
EMAIL_TIMEOUT = envint("GONGKAI_EMAIL_TIMEOUT", 10)
# Messages to applicants (notifications/): the SMS gateway (a class with send(recipient, body)), and the
# site's public address, which the messages give as the tracking page's link.
GONGKAI_SMS_BACKEND = os.environ.get("GONGKAI_SMS_BACKEND", "gongkai_web.notifications.sms.LoggingSmsBackend")
GONGKAI_PUBLIC_URL = os.environ.get("GONGKAI_PUBLIC_URL", "http://localhost:8000")
# How a step's message leaves the outbox: "worker" (the ``send_messages --loop`` process that bin/run
# starts beside the server; the request only writes the row) or "on_commit" (sent by the request once
# the step is committed: one process, no worker, a slower request).
GONGKAI_MESSAGE_DELIVERY = os.environ.get("GONGKAI_MESSAGE_DELIVERY", "worker")
if GONGKAI_MESSAGE_DELIVERY not in ("worker", "on_commit"):
    raise ImproperlyConfigured("GONGKAI_MESSAGE_DELIVERY 只能是 worker 或 on_commit")

# Attachments (identity proof, supporting documents): 条例第二十九条 asks for 身份证明.
GONGKAI_ATTACHMENT_MAX_BYTES = envint("GONGKAI_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)
GONGKAI_ATTACHMENT_MAX_COUNT = envint("GONGKAI_ATTACHMENT_MAX_COUNT", 5)
# Days ahead of the statutory deadline that count as "due soon" on the worklist.
GONGKAI_DUE_SOON_WORKDAYS = envint("GONGKAI_DUE_SOON_WORKDAYS", 5)
# The policy Q&A library (docs/qa.md): a question asked by the public is due this many working days after
# the day it was asked; "due soon" on its queue this many before; questions per client address.
GONGKAI_QA_ANSWER_WORKDAYS = envint("GONGKAI_QA_ANSWER_WORKDAYS", 5)
GONGKAI_QA_DUE_SOON_WORKDAYS = envint("GONGKAI_QA_DUE_SOON_WORKDAYS", 1)
GONGKAI_QA_QUESTIONS_PER_ADDRESS = os.environ.get("GONGKAI_QA_QUESTIONS_PER_ADDRESS", "10/h")
DATA_UPLOAD_MAX_MEMORY_SIZE = GONGKAI_ATTACHMENT_MAX_BYTES * 2
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Throttling (accounts/throttle.py) ---------------------------------------------------------------
AXES_FAILURE_LIMIT = envint("GONGKAI_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = envint("GONGKAI_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
# django-axes locks an account from one client address (5 failures for that account from that
# address), so that a stranger elsewhere cannot keep the owner locked out; a lockout runs its cool-off
# and is not extended by further attempts during it. Counted apart by django-ratelimit
# (accounts/views.py): failures per account from all addresses (higher, a fixed window: a guesser
# spreading over many addresses), and per client address for all accounts (higher still: an office
# behind one NAT address must not be locked out because one of its staff mistyped five times).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
GONGKAI_LOGIN_FAILURES_PER_ACCOUNT = os.environ.get("GONGKAI_LOGIN_FAILURES_PER_ACCOUNT", "20/15m")
GONGKAI_LOGIN_FAILURES_PER_ADDRESS = os.environ.get("GONGKAI_LOGIN_FAILURES_PER_ADDRESS", "30/15m")
# Wrong passwords or codes on the 双重验证 page (turning it on or off), per account.
GONGKAI_SECOND_FACTOR_FAILURES_PER_USER = os.environ.get("GONGKAI_SECOND_FACTOR_FAILURES_PER_USER", "5/15m")
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gongkai_web.accounts.throttle.locked_out"
AXES_VERBOSE = False
# axes' admin pages list applicants' usernames and addresses to any staff admin with the permission.
AXES_ENABLE_ADMIN = False
# The client address: REMOTE_ADDR, or behind GONGKAI_PROXY_COUNT trusted reverse proxies the address
# they put in X-Forwarded-For (a client cannot choose it by sending the header itself).
GONGKAI_PROXY_COUNT = envint("GONGKAI_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "gongkai_web.accounts.throttle.client_address"

# Login, signup and query-code counters (django-ratelimit) live in a cache every worker shares: Redis
# where GONGKAI_REDIS_URL is set, otherwise the database's table gongkai_throttle (created by the
# migration accounts 0002; every process and machine using the database shares it). Entries expire
# with their window; the cap only stops a flood of distinct keys from growing the table without end.
THROTTLE_CACHE_TABLE = "gongkai_throttle"
CACHES: dict[str, dict[str, Any]] = {
    # Per process: the blank form and the column's kept pages (portal/column_cache.py, ~5–15 KB each;
    # the least recently used go first). Django's default of 300 entries would keep a few hundred of an
    # agency library's thousands of pages: GONGKAI_PAGE_CACHE_ENTRIES (bench/public_pages.py).
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": envint("GONGKAI_PAGE_CACHE_ENTRIES", 3000)},
    },
    "throttle": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["GONGKAI_REDIS_URL"],
        }
        if os.environ.get("GONGKAI_REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": THROTTLE_CACHE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        }
    ),
}
RATELIMIT_USE_CACHE = "throttle"
RATELIMIT_IP_META_KEY = "gongkai_web.accounts.throttle.client_address"
SILENCED_SYSTEM_CHECKS = []
GONGKAI_SIGNUPS_PER_ADDRESS = os.environ.get("GONGKAI_SIGNUPS_PER_ADDRESS", "5/h")
GONGKAI_TRACK_TRIES_PER_ADDRESS = os.environ.get("GONGKAI_TRACK_TRIES_PER_ADDRESS", "20/h")
GONGKAI_TRACK_TRIES_PER_CODE = os.environ.get("GONGKAI_TRACK_TRIES_PER_CODE", "10/h")
# An application opened with its query code and password stays open in that browser this long.
GONGKAI_TRACKING_SECONDS = envint("GONGKAI_TRACKING_SECONDS", 4 * 3600)

# --- HTTPS and security headers (tests/web/test_security_headers.py) ----------------------------------
# Content-Security-Policy (django-csp): scripts, styles, images and fonts only from this site's own
# static files. No page has an inline <script>, an on…= handler or a style= attribute, and htmx is told
# (base.html, <meta name="htmx-config">) neither to inject its indicator <style> (site.css has those
# rules) nor to eval anything, so neither 'unsafe-inline' nor 'unsafe-eval' is needed. No page uses a
# data: image (a QR code would be inline <svg> markup, which img-src does not govern).
_https = envbool("GONGKAI_HTTPS", False)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],  # htmx's requests
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],  # as X_FRAME_OPTIONS = "DENY", for browsers that read only CSP
        "upgrade-insecure-requests": _https,
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
# Tracking pages have the query code in their path (/track/GK…/): other sites never see it in a Referer.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Under GONGKAI_HTTPS=1 browsers are told to come back only over HTTPS for a year (HSTS; Django sends
# the header only on HTTPS responses), subdomains of this host included, and plain-HTTP requests are
# redirected to HTTPS. GONGKAI_SSL_REDIRECT=0 where the reverse proxy already redirects.
SECURE_HSTS_SECONDS = envint("GONGKAI_HSTS_SECONDS", 365 * 24 * 3600) if _https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https and envbool("GONGKAI_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is opt-in (GONGKAI_HSTS_PRELOAD=1): the preload list is built into browsers, takes months to
# leave, and covers the whole registrable domain and all its subdomains (e.g. every site under the
# government's example.gov.cn, not only this platform), which is the domain owner's decision to make.
SECURE_HSTS_PRELOAD = _https and envbool("GONGKAI_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = _https and envbool("GONGKAI_SSL_REDIRECT", True)
# Behind GONGKAI_PROXY_COUNT trusted reverse proxies TLS ends at the proxy: the request is HTTPS if the
# proxy says so in X-Forwarded-Proto (it must set the header, overwriting what the client sent; nginx:
# proxy_set_header X-Forwarded-Proto $scheme). Without it SECURE_SSL_REDIRECT would redirect forever.
# With no proxy the header is ignored: a client talking plain HTTP could otherwise claim HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if GONGKAI_PROXY_COUNT else None
# Origins other than this host's own that may post forms (comma-separated, with the scheme:
# https://gongkai.example.gov.cn), e.g. when the proxy passes a different Host header.
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("GONGKAI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
if SECURE_HSTS_SECONDS and not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS += ["security.W021"]  # "not preloaded": a deliberate default, see above
# The fast paths of the hot requests (issue 12, item 4), all switched off by GONGKAI_FAST_PATHS=0 for the
# plain Django path (bin/test runs the web tests both ways): the single-statement inserts (fastinsert.py),
# the small-form parser of the public form (multipart.py), the cached blank form and page (portal/views.py)
# and the CSP header built once (below). The core's PDF fast path has its own switch (GONGKAI_PDF_FASTPATH).
GONGKAI_FAST_PATHS = envbool("GONGKAI_FAST_PATHS", True)
# The CSP header built once, not per response (security.FixedPolicyCSPMiddleware); 0 for the library's path.
GONGKAI_FAST_CSP = envbool("GONGKAI_FAST_CSP", GONGKAI_FAST_PATHS)
# The column's kept pages answered before the session and the rest of the stack (portal/column_fastpath.py);
# 0 leaves them to the view's own cache (column_cache.cached_page), as GONGKAI_FAST_PATHS=0 leaves nothing kept.
GONGKAI_FAST_COLUMN = envbool("GONGKAI_FAST_COLUMN", GONGKAI_FAST_PATHS)


def _otp_issuer(device) -> str:
    """The platform's name, translated when a device's enrolment URL is made (the catalogue is not
    ready while the settings load)."""
    from django.utils.translation import gettext

    return gettext("Government information disclosure platform")


# The name an authenticator app shows beside a staff member's codes (accounts/second_factor.py): the
# environment's, else the platform's name (django-otp calls a callable with the device).
OTP_TOTP_ISSUER = os.environ.get("GONGKAI_OTP_ISSUER", _otp_issuer)
# The admin of TOTP devices (superusers only, accounts/admin.py) never shows a device's key.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
