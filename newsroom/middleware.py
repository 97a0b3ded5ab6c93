"""Project middleware: the Content-Security-Policy split between public pages and the admin; request bodies."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import Resolver404, resolve

from articles import errors


class NewsroomCSPMiddleware(CSPMiddleware):
    """Strict policy everywhere; the relaxed policy CKEditor 4 needs only under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


def discard_unread_body(request, chunk_size=64 * 1024):
    """Read and drop what is left of the request body, chunk by chunk (never held in memory)."""
    if hasattr(request, "_body"):  # request.body was read: nothing is left on the connection
        return
    try:
        while request.read(chunk_size):
            pass
    except OSError:  # the client went away; nothing left to protect
        pass


def too_large_response(request):
    """The 413 page, or the view's own answer if it has one (the editor upload answers in CKEditor's JSON)."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        view = None
    answer = getattr(view, "too_large_response", None)
    return answer(request) if answer else errors.request_too_large(request)


class RequestBodyMiddleware:
    """Refuses bodies over MAX_REQUEST_BYTES with a Vietnamese 413, and never answers before a body is read.

    Behind nginx, an answer sent while part of the body is still unread is a race: gunicorn
    closes the socket with data pending, the kernel resets the connection, and nginx may show a
    502 instead of our answer. So a refused body (too large here, RequestDataTooBig or a CSRF
    failure further in) is read to its end and dropped first. A view may give its own refusal
    as a `too_large_response(request)` attribute. A body far over the limit (twice
    it: only a client talking to gunicorn directly, nginx refuses those itself) is not read.
    A request without a body costs one dictionary lookup.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH")
        if not declared:
            return self.get_response(request)
        try:
            length = int(declared)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BYTES
        if length > limit:
            if length <= 2 * limit:
                discard_unread_body(request)
            return too_large_response(request)
        response = self.get_response(request)
        discard_unread_body(request)
        return response
