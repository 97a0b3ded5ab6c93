"""Newsroom settings: every deployment-specific value comes from the environment.

Development defaults are safe to run on a laptop (SQLite, a file cache in ./cache,
media in ./media). With DEBUG off the site refuses to start without a real
SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
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


DEBUG = envbool("DEBUG", False)
_DEV_SECRET = "dev-insecure-secret-key-only-for-local-development"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET if DEBUG else "")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])

if not DEBUG:
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 32 characters when DEBUG is off."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if envbool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "ckeditor",
    "csp",
    "articles",
]

# The site speaks only Vietnamese (LANGUAGE_CODE), so there is no LocaleMiddleware to
# negotiate a language on every request. Security and CSP headers wrap everything,
# cached pages included; the page cache answers readers before sessions and auth run.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.NewsroomCSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "articles.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

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
PHOTO_RENDITION_WIDTHS = [480, 960, 1600]
# Photo files are served through articles.views_media (a 404 while the article is
# unpublished), never from a public folder. In production let the web server send
# the bytes: PHOTO_ACCEL_REDIRECT=/_photos/ with an nginx "internal" location
# aliased to MEDIA_ROOT (see README). Empty: Django streams the file itself.
PHOTO_ACCEL_REDIRECT = os.environ.get("PHOTO_ACCEL_REDIRECT", "")
# How long browsers and proxies may keep a published photo.
PHOTO_PUBLIC_MAX_AGE = envint("PHOTO_PUBLIC_MAX_AGE", 3600)

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
        "removePlugins": "exportpdf,image",
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
