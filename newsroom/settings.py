"""Newsroom settings: every deployment-specific value comes from the environment.

Development defaults are safe to run on a laptop (SQLite, a file cache in ./cache,
media in ./media). With DEBUG off the site refuses to start without a real
SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def envint(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None


def envfloat(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, got {value!r}") from None


def envlist(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def envint_at_least(name, default, minimum):
    value = envint(name, default)
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


DEBUG = envbool("DEBUG", False)
_DEV_SECRET = "dev-insecure-secret-key-only-for-local-development"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET if DEBUG else "")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])


def is_strong_secret(key):
    """Django's own rule for a production key (check --deploy, security.W009)."""
    return (
        len(key) >= SECRET_KEY_MIN_LENGTH
        and len(set(key)) >= SECRET_KEY_MIN_UNIQUE_CHARACTERS
        and not key.startswith(SECRET_KEY_INSECURE_PREFIX)
    )


if not DEBUG:
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET or not is_strong_secret(SECRET_KEY):
        raise ImproperlyConfigured(
            f"SECRET_KEY must be set to a random value of at least {SECRET_KEY_MIN_LENGTH} characters "
            f"(at least {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different ones, not starting with "
            f"{SECRET_KEY_INSECURE_PREFIX!r}) when DEBUG is off. Make one with: "
            'python3 -c "import secrets; print(secrets.token_urlsafe(50))"'
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
# A Vietnamese page with a hint (reload and retry), never Django's English one or its reason.
CSRF_FAILURE_VIEW = "articles.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind our nginx (deploy/nginx.conf), which overwrites X-Forwarded-Proto and X-Real-IP on every
# request: only then are those headers the proxy's word rather than the client's.
BEHIND_HTTPS_PROXY = envbool("BEHIND_HTTPS_PROXY", False)
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS only, from the environment (see .env.example). Both are off by default: HSTS cannot be
# taken back from browsers that saw it, so a site turns it on once HTTPS works everywhere.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # the load balancer's probes may speak plain HTTP
SECURE_HSTS_SECONDS = envint_at_least("SECURE_HSTS_SECONDS", 0, 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)

INSTALLED_APPS = [
    "articles.apps.NewsroomAdminConfig",  # django.contrib.admin with the newsroom's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "ckeditor",
    "csp",
    "newsroom.apps.LoginThrottleConfig",  # django-axes
    "articles",
]

# The site speaks only Vietnamese (LANGUAGE_CODE), so there is no LocaleMiddleware to
# negotiate a language on every request. Security and CSP headers wrap everything,
# cached pages included; the page cache answers readers before sessions and auth run.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files for a deployment without nginx in front (nginx serves /static/ itself when it is).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.NewsroomCSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.middleware.RequestBodyMiddleware",
    "articles.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page; a getattr otherwise.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

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
                "articles.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A server that accepts connections but never answers must not hold a worker for long:
    # after this many seconds the request gets the 503 page (articles.errors).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", envint("DB_CONNECT_TIMEOUT", 5))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins (IMMEDIATE), so two editors saving at
    # once queue up and the second sees the first's version (a clear "stale" refusal) instead
    # of failing with "database is locked"; WAL lets readers carry on meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the page cache, the section menu and the "who is editing" marks, so every
# worker must see the same one: Redis in production (REDIS_URL=redis://127.0.0.1:6379/0, shared
# by several app servers), otherwise files in CACHE_DIR, shared by the workers of one host.
# Both backends (articles/cache_backends.py) keep the site up when the cache is unreachable:
# after a failure they answer as a miss for CACHE_RETRY_SECONDS while a thread waits for it.
REDIS_URL = os.environ.get("REDIS_URL", "")
_CACHE_RETRY_SECONDS = envfloat("CACHE_RETRY_SECONDS", 5.0)
if REDIS_URL:
    _REDIS_TIMEOUT = envfloat("REDIS_TIMEOUT", 0.5)  # seconds to connect, and to wait for an answer
    CACHES = {
        "default": {
            "BACKEND": "articles.cache_backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "RETRY_SECONDS": _CACHE_RETRY_SECONDS,
            "OPTIONS": {"socket_connect_timeout": _REDIS_TIMEOUT, "socket_timeout": _REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "articles.cache_backends.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR") or str(BASE_DIR / "cache"),
            "RETRY_SECONDS": _CACHE_RETRY_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 5000)},
        }
    }
# Seconds a public page is kept in the page cache; 0 turns page caching off.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 0 if DEBUG else 60)
# Seconds a reader's browser and the front cache (deploy/nginx.conf) may keep a public page
# (Cache-Control max-age, never above PAGE_CACHE_SECONDS): the longest a change, an unpublished
# article included, takes to reach readers through them. Revalidation after it is a cheap 304.
PUBLIC_MAX_AGE = envint("PUBLIC_MAX_AGE", 10)

# Argon2 for every new or changed password. The PBKDF2 and scrypt hashers stay listed so that
# existing hashes still verify; Django rehashes them with Argon2 at the user's next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Login throttling (django-axes, newsroom/login_throttle.py): after LOGIN_FAILURE_LIMIT failed
# logins for one username from one address, that pair is refused for LOGIN_COOLOFF_MINUTES (0:
# until an admin unlocks it). The same user from another address, and other users, are not
# affected, so nobody can lock a colleague out from afar. Attempts live in the database, where the
# admin (Login throttling → Access attempts) and `manage.py axes_reset*` clear them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out pair before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint_at_least("LOGIN_FAILURE_LIMIT", 5, 1)
_LOGIN_COOLOFF_MINUTES = envint_at_least("LOGIN_COOLOFF_MINUTES", 15, 0)
AXES_COOLOFF_TIME = timedelta(minutes=_LOGIN_COOLOFF_MINUTES) if _LOGIN_COOLOFF_MINUTES else None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # a successful login forgets that pair's earlier failures
AXES_CLIENT_IP_CALLABLE = "newsroom.login_throttle.client_ip"  # X-Real-IP only behind our proxy
AXES_LOCKOUT_CALLABLE = "newsroom.login_throttle.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese"))]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Serve /media/ from Django itself (development and the demo); production uses nginx or S3.
SERVE_MEDIA = envbool("SERVE_MEDIA", DEBUG)

STORAGES = {
    "default": {"BACKEND": os.environ.get("MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")},
    # Content-hashed names (app.3f2a9c1b7d4e.css) and gzip/Brotli copies written by collectstatic:
    # a deploy changes every changed file's address, so browsers and nginx may keep them a year.
    "staticfiles": {"BACKEND": "newsroom.storage.StaticFilesStorage"},
}
# Nothing collected yet (the demo, a fresh checkout): whitenoise serves from the apps' static
# folders, looked up per request, instead of warning that STATIC_ROOT does not exist.
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS = not STATIC_ROOT.exists()

# S3-compatible media through django-storages (MEDIA_STORAGE=storages.backends.s3.S3Storage):
# bucket settings from the environment; keys may also come from boto3's own variables.
for _name in ("AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_S3_REGION_NAME", "AWS_ACCESS_KEY_ID",
              "AWS_SECRET_ACCESS_KEY"):  # fmt: skip
    if os.environ.get(_name):
        globals()[_name] = os.environ[_name]
AWS_QUERYSTRING_AUTH = envbool("AWS_QUERYSTRING_AUTH", True)  # signed, expiring photo URLs
AWS_QUERYSTRING_EXPIRE = envint("AWS_QUERYSTRING_EXPIRE", 600)
AWS_DEFAULT_ACL = None  # private objects: readers get photos only through the media view

LOGIN_URL = "admin:login"
# Form fields other than files, in memory (RequestDataTooBig beyond it: the 413 page too).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Newsroom ---------------------------------------------------------------
# The source label printed before each lead, stored with every article because
# papers rename their sites: "(Congannghean.vn)-".
NEWSROOM_SOURCE_LABEL = os.environ.get("NEWSROOM_SOURCE_LABEL", "Congannghean.vn")
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Báo Công an Nghệ An")
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000")
# Photo pipeline limits.
PHOTO_MAX_PIXELS = envint("PHOTO_MAX_PIXELS", 50_000_000)
PHOTO_MAX_BYTES = envint("PHOTO_MAX_BYTES", 20 * 1024 * 1024)
# The largest request body: the largest photo plus room for the form's other fields. Bigger
# bodies get a Vietnamese 413 (newsroom.middleware.RequestBodyMiddleware). nginx's
# client_max_body_size (deploy/nginx.conf) sits a little above it, so the app answers first.
MAX_REQUEST_BYTES = envint("MAX_REQUEST_BYTES", PHOTO_MAX_BYTES + 1024 * 1024)
if MAX_REQUEST_BYTES <= PHOTO_MAX_BYTES:
    raise ImproperlyConfigured("MAX_REQUEST_BYTES must be larger than PHOTO_MAX_BYTES, or no photo could be uploaded.")
PHOTO_RENDITION_WIDTHS = [480, 960, 1600]
# Photo files are served through articles.views_media (a 404 while the article is
# unpublished), never from a public folder. In production let the web server send
# the bytes: PHOTO_ACCEL_REDIRECT=/_photos/ with an nginx "internal" location
# aliased to MEDIA_ROOT (see README). Empty: Django streams the file itself.
PHOTO_ACCEL_REDIRECT = os.environ.get("PHOTO_ACCEL_REDIRECT", "")
# How long browsers and proxies may keep a published photo.
PHOTO_PUBLIC_MAX_AGE = envint("PHOTO_PUBLIC_MAX_AGE", 3600)

# --- Email ----------------------------------------------------------------------
# The desk's notifications (articles/notifications.py) go out through Django's email backend:
# SMTP as soon as EMAIL_HOST is set; otherwise the console in development (the mail is printed)
# and no mail at all in production (the in-app notifications stay). EMAIL_BACKEND overrides both.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    _DEFAULT_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif DEBUG:
    _DEFAULT_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    _DEFAULT_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or _DEFAULT_EMAIL_BACKEND
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)  # STARTTLS, usually on port 587
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)  # TLS from the first byte, usually on port 465
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
EMAIL_PORT = envint("EMAIL_PORT", 465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
# Seconds to wait for the mail server (connecting, and each answer); Django's default waits forever.
EMAIL_TIMEOUT = envfloat("EMAIL_TIMEOUT", 10.0)
# Most mail servers accept only their account's own address as the sender: set it to that.
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", f"{NEWSROOM_SITE_NAME} <noreply@{urlsplit(NEWSROOM_SITE_URL).hostname or 'localhost'}>"
)
# Mail is sent after the transaction commits, from a thread of its own, so a slow or dead mail
# server never holds a save; false sends it in the request (the test suite, to read the outbox).
EMAIL_IN_BACKGROUND = envbool("EMAIL_IN_BACKGROUND", True)

# --- Rich text editor ---------------------------------------------------------
# The editor is chosen in one place: articles/editor.py. CKEditor 4 is past its
# end of life; django-ckeditor warns about it (ckeditor.W001). We silence that
# warning because the project does not rely on the editor for safety:
#   * every body is sanitised on the server (articles/sanitizer.py, nh3 allow-list)
#     before it is stored, whatever the editor posted;
#   * image uploads go through our own view and photo pipeline
#     (articles/views_upload.py), ckeditor_uploader's views are never mounted;
#   * the relaxed Content-Security-Policy CKEditor needs applies to /admin/ only
#     (newsroom/middleware.py); public pages get a strict policy.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
CKEDITOR_BASEPATH = f"{STATIC_URL}ckeditor/ckeditor/"
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "newsroom",
        "toolbar_newsroom": [
            ["Format", "Bold", "Italic", "Underline", "Strike"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["Undo", "Redo", "RemoveFormat", "Source"],
            ["Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        "height": 420,
        "width": "100%",
        "language": "vi",
        "versionCheck": False,
        # image2 replaces the classic image plugin; loading both makes CKEditor report a conflict.
        # elementspath: the bar under the text naming HTML tags ("body p"), English and of no use to a reporter.
        "removePlugins": "exportpdf,image,elementspath",
        "extraPlugins": "image2,uploadimage",
        "removeDialogTabs": "image:advanced;link:advanced",
        "allowedContent": False,
    },
}

# --- Content-Security-Policy ----------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"] + envlist("CSP_IMG_HOSTS", []),
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# CKEditor 4 cannot run without inline scripts and styles: only /admin/ gets these.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"] + envlist("CSP_IMG_HOSTS", []),
        "frame-ancestors": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
