"""Settings for the test suite: the real settings, with the secrets a test run may invent."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789-abcdefghijklmnop")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_COOKIES", "false")
if not os.environ.get("REDIS_URL") and not os.environ.get("CACHE_DIR"):
    # The production default (a file cache every worker shares), in a folder of this run's own:
    # parallel runs on one machine must not clear each other's cache.
    os.environ["CACHE_DIR"] = tempfile.mkdtemp(prefix="newsroom-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CACHE_DIR"], True)

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests

# Parallel runs on one PostgreSQL server (several checkouts at once) each need their own test database.
if os.environ.get("TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DB_NAME"]}  # noqa: F405

# Notification mail in the request, right after the commit, so a test reads the outbox it made.
EMAIL_IN_BACKGROUND = False

# Static files from the finders (nothing is collected for a test run), without whitenoise's
# warning that STATIC_ROOT does not exist; the shipped behaviour is tested through gunicorn.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
