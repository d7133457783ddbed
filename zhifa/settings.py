"""Zhifa settings: one module, configured by environment variables, working with none.

With nothing set it runs the demo: SQLite under var/, DEBUG on. Production sets DATABASE_URL
(PostgreSQL through psycopg 3), SECRET_KEY, DEBUG=false and ALLOWED_HOSTS. Our own settings are
prefixed ZHIFA_. See .env.example for the full list.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(BASE_DIR / ".env")
VAR_DIR = Path(os.environ.get("ZHIFA_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


TESTING = "pytest" in sys.modules or "test" in sys.argv[1:2]
DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "zhifa-demo-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Domain apps, left to right in the one-way dependency order of DESIGN.md.
ZHIFA_APPS = [
    "zhifa.core",
    "zhifa.accounts",
    "zhifa.catalog",
    "zhifa.grid",
    "zhifa.team",
    "zhifa.documents",
    "zhifa.cases",
    "zhifa.coercion",
    "zhifa.penalty",
    "zhifa.intake",
    "zhifa.inspections",
    "zhifa.disclosure",
    "zhifa.dashboard",
]
INSTALLED_APPS = [
    "zhifa.accounts.admin_apps.ZhifaAdminConfig",  # django.contrib.admin, confined to the user's towns
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    *ZHIFA_APPS,
]

MIDDLEWARE = [
    "zhifa.core.uploads.UploadLimitMiddleware",  # first: an oversized body is refused unread
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zhifa.core.edge.InputEdgeMiddleware",
    "zhifa.core.middleware.LoginRequiredMiddleware",
    "zhifa.core.tenancy.TenantMiddleware",
    "zhifa.accounts.second_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "zhifa.core.middleware.DomainErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhifa.urls"
WSGI_APPLICATION = "zhifa.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "zhifa" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhifa.core.context_processors.shell",
            ],
        },
    }
]

# Databases: SQLite by default, PostgreSQL through DATABASE_URL.
SQLITE_PATH = VAR_DIR / "zhifa.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=int(os.environ.get("ZHIFA_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so counters and hash chains stay gapless
    # (SQLite ignores select_for_update). WAL lets readers go on while one writer writes.
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if TESTING else 600
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file (not memory) so concurrency tests can share it across threads.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Speed only: PBKDF2's deliberate slowness would dominate the suite's set-up.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:login"
OTP_TOTP_ISSUER = "执法平台"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
SESSION_COOKIE_AGE = int(os.environ.get("ZHIFA_SESSION_MINUTES", "480")) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("ZHIFA_SECURE_COOKIES", not DEBUG)

# Behind TLS: the proxy in front terminates it and says so in X-Forwarded-Proto (set
# ZHIFA_TLS_PROXY=true only when a proxy that overwrites that header is the sole way in).
if env_bool("ZHIFA_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("ZHIFA_SSL_REDIRECT", False)
# HSTS is sent on HTTPS responses only, so it is on by default in production.
SECURE_HSTS_SECONDS = int(os.environ.get("ZHIFA_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ZHIFA_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Login lockout (django-axes): by username and address, reset on success.
AXES_FAILURE_LIMIT = int(os.environ.get("ZHIFA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("ZHIFA_LOGIN_COOLOFF_MINUTES", "30")) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG or TESTING
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "static_build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not TESTING
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("ZHIFA_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Uploads: files above 2.5 MB stream to a temporary file on disk; a body larger than the largest
# upload allowed (evidence) is refused before it is read (core/uploads.py).
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "zhifa.core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # form fields and JSON bodies, files excluded

# Background jobs: django-tasks with its database backend and `zhifa worker` (no broker).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TESTING
        else "django_tasks_db.DatabaseBackend",
    }
}

EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.locmem.EmailBackend"
    if TESTING
    else (
        "django.core.mail.backends.filebased.EmailBackend"
        if DEBUG
        else "django.core.mail.backends.smtp.EmailBackend"
    ),
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("ZHIFA_EMAIL_FROM", "zhifa@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ZHIFA_LOG_LEVEL", "WARNING")},
}

# --- Zhifa's own settings ---------------------------------------------------------------------
ZHIFA_OFFICE_HOURS = os.environ.get("ZHIFA_OFFICE_HOURS", "08:30-12:00,14:30-18:00")
# Outbound notification channels (besides the in-page notices every user sees).
ZHIFA_NOTIFICATION_CHANNELS = env_list(
    "ZHIFA_NOTIFICATION_CHANNELS", "zhifa.core.channels.EmailChannel"
)
ZHIFA_SMS_GATEWAY = os.environ.get("ZHIFA_SMS_GATEWAY", "zhifa.core.channels.LogSmsGateway")
# A deadline is "due soon" when this many working days or fewer remain.
ZHIFA_DUE_SOON_WORKDAYS = int(os.environ.get("ZHIFA_DUE_SOON_WORKDAYS", "2"))
# 较大数额 fines that must be offered a hearing (行政处罚法第六十三条): set by province or sector.
ZHIFA_HEARING_THRESHOLDS = {
    "citizen": int(os.environ.get("ZHIFA_HEARING_THRESHOLD_CITIZEN", "10000")),
    "organisation": int(os.environ.get("ZHIFA_HEARING_THRESHOLD_ORGANISATION", "50000")),
}
# Penalty procedure (configuration of rules the law leaves to provinces and sectors).
# Days a decision may be extended beyond 90 days with recorded approval (0 = no extension rule).
ZHIFA_DECISION_EXTENSION_DAYS = int(os.environ.get("ZHIFA_DECISION_EXTENSION_DAYS", "0"))
# Fines from which 法制审核 is required (行政处罚法第五十八条 (四), local list), yuan.
ZHIFA_LEGAL_REVIEW = {
    "citizen": int(os.environ.get("ZHIFA_LEGAL_REVIEW_CITIZEN", "5000")),
    "organisation": int(os.environ.get("ZHIFA_LEGAL_REVIEW_ORGANISATION", "20000")),
}
# Fines from which 集体讨论 is required (行政处罚法第五十七条第二款), yuan.
ZHIFA_COLLECTIVE_DISCUSSION_FINE = int(os.environ.get("ZHIFA_COLLECTIVE_DISCUSSION_FINE", "50000"))
ZHIFA_EVIDENCE_MAX_BYTES = int(os.environ.get("ZHIFA_EVIDENCE_MAX_MB", "200")) * 1024 * 1024
# The largest request body: one evidence file plus its form.
ZHIFA_UPLOAD_MAX_BYTES = ZHIFA_EVIDENCE_MAX_BYTES + 1024 * 1024
# 12345 windows (provincial configuration; defaults from 吕梁 practice).
ZHIFA_12345_DISPATCH_DAYS = os.environ.get("ZHIFA_12345_DISPATCH_DAYS", "0.5")
ZHIFA_12345_REPLY_DAYS = int(os.environ.get("ZHIFA_12345_REPLY_DAYS", "5"))
ZHIFA_12345_SEND_BACK_DAYS = int(os.environ.get("ZHIFA_12345_SEND_BACK_DAYS", "1"))
ZHIFA_12345_EXTENSION_TIMES = int(os.environ.get("ZHIFA_12345_EXTENSION_TIMES", "3"))
ZHIFA_12345_EXTENSION_DAYS = int(os.environ.get("ZHIFA_12345_EXTENSION_DAYS", "3"))
# The optional base map: a Leaflet URL template ({s}, {z}, {x}, {y}, and {tk} for the key), its key,
# attribution and subdomains. Without a URL, maps draw the grid's cells as their base.
ZHIFA_TILE_URL = os.environ.get("ZHIFA_TILE_URL", "")
ZHIFA_TILE_KEY = os.environ.get("ZHIFA_TILE_KEY", "")
ZHIFA_TILE_ATTRIBUTION = os.environ.get("ZHIFA_TILE_ATTRIBUTION", "")
ZHIFA_TILE_SUBDOMAINS = os.environ.get("ZHIFA_TILE_SUBDOMAINS", "")


# Content-Security-Policy (django-csp): scripts only from our own static files, never inline or
# evaluated; no framing; images also from the base map's tile host when one is configured.
def _tile_source(url: str) -> list[str]:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return []
    labels = parts.netloc.split(".")
    if "{" in labels[0]:  # t{s}.tianditu.gov.cn: one of the subdomains
        labels[0] = "*"
    return [f"{parts.scheme}://{'.'.join(labels)}"]


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # style attributes in the templates, and the styles Leaflet and ECharts set on elements
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_tile_source(ZHIFA_TILE_URL)],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Minutes of clock skew allowed to times sent by other systems (a fact is never dated later).
ZHIFA_CLOCK_SKEW_SECONDS = int(os.environ.get("ZHIFA_CLOCK_SKEW_SECONDS", "300"))
# The keys that sign record chains live outside the database (ADR 0026): ZHIFA_RECORD_KEYS in the
# environment, or this file (created with a fresh key when missing; back it up apart from the data).
ZHIFA_RECORD_KEY_FILE = Path(os.environ.get("ZHIFA_RECORD_KEY_FILE", VAR_DIR / "record-keys.json"))
# API tokens expire after this many days unless made with another term (`zhifa token create --days`).
ZHIFA_TOKEN_DAYS = int(os.environ.get("ZHIFA_TOKEN_DAYS", "90"))
ZHIFA_DEMO_PASSWORD = os.environ.get("ZHIFA_DEMO_PASSWORD", "Zhifa@demo2026")
# 行政检查 (inspections): limits on repeat visits (国办发〔2024〕54号) and the draw's weights.
# No second inspection of a subject by the town within this many days, unless justified.
ZHIFA_INSPECTION_REPEAT_DAYS = int(os.environ.get("ZHIFA_INSPECTION_REPEAT_DAYS", "30"))
# At most this many inspections of one subject per calendar year, by risk level (A low … D high).
ZHIFA_INSPECTION_YEARLY_CAPS = {
    level: int(os.environ.get(f"ZHIFA_INSPECTION_CAP_{level}", default))
    for level, default in (("A", "1"), ("B", "2"), ("C", "4"), ("D", "6"))
}
# Relative weight of a subject in the random draw, by risk level.
ZHIFA_INSPECTION_DRAW_WEIGHTS = {
    level: float(os.environ.get(f"ZHIFA_INSPECTION_WEIGHT_{level}", default))
    for level, default in (("A", "1"), ("B", "2"), ("C", "3"), ("D", "4"))
}
# Results of random inspections are published within this many working days (国发〔2019〕5号).
ZHIFA_INSPECTION_PUBLISH_WORKDAYS = int(os.environ.get("ZHIFA_INSPECTION_PUBLISH_WORKDAYS", "20"))
# The public address the 检查码 QR code points to (its verification page needs no login).
ZHIFA_PUBLIC_URL = os.environ.get("ZHIFA_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
