"""Vietnamese error pages: readers never see a stack trace."""

import logging
import sys
import time

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from .cache import mark_public_not_found

logger = logging.getLogger(__name__)

# What a lost or refused database connection raises (Django wraps the driver's errors in these).
DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
LOG_INTERVAL = 60.0
_last_logged = None


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):  # form fields over DATA_UPLOAD_MAX_MEMORY_SIZE
        return request_too_large(request)
    return render(request, "400.html", status=400)


def not_found(request, exception=None):
    return mark_public_not_found(request, render(request, "404.html", status=404))


def request_too_large(request):
    """413 for a body the site will not take (newsroom.middleware.RequestBodyMiddleware, RequestDataTooBig)."""
    mb = 1024 * 1024
    context = {"limit_mb": settings.MAX_REQUEST_BYTES // mb, "photo_limit_mb": settings.PHOTO_MAX_BYTES // mb}
    return render(request, "413.html", context, status=413)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a Vietnamese 403 with what to do; Django logs the reason, the page never shows it."""
    return render(request, "403_csrf.html", status=403)


@requires_csrf_token
def server_error(request):
    # handler500 runs inside Django's `except` around the middleware stack, so sys.exc_info()
    # holds the error wherever it was raised: a middleware, a view or a template.
    if _database_down(sys.exc_info()[1]):
        return service_unavailable(request)
    # Rendered without a RequestContext-dependent query so it works when the database is down.
    return render(request, "500.html", status=500)


def service_unavailable(request):
    """The 503 page while the database is unreachable: no query, a Retry-After, one log line per interval."""
    global _last_logged
    now = time.monotonic()
    if _last_logged is None or now - _last_logged >= LOG_INTERVAL:
        _last_logged = now
        logger.error("Database unavailable, answering 503 (logged once per %ss)", LOG_INTERVAL, exc_info=True)
    request.database_down = True  # the section menu comes from the cache or not at all
    response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Django's request logger would add a traceback for every request of the outage: logged above instead.
    response._has_been_logged = True
    return response


def _database_down(exc):
    """True if `exc`, or an error it was raised from or while handling, is a lost database."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, DATABASE_DOWN_ERRORS):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False
