"""Vietnamese error pages: readers never see a stack trace."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):  # form fields over DATA_UPLOAD_MAX_MEMORY_SIZE
        return request_too_large(request)
    return render(request, "400.html", status=400)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


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
    # Rendered without a RequestContext-dependent query so it works when the database is down.
    return render(request, "500.html", status=500)
