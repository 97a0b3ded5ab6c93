"""Project middleware: the Content-Security-Policy split between public pages and the admin."""

from csp.middleware import CSPMiddleware
from django.conf import settings


class NewsroomCSPMiddleware(CSPMiddleware):
    """Strict policy everywhere; the relaxed policy CKEditor 4 needs only under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts
