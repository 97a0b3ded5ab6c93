"""Autosave on the article form: the writer's private copy, the restore offer, and the session check on save.

static/articles/admin/autosave.js posts the form's text here a few seconds after
typing stops, keeps a copy in localStorage for a dropped connection, offers to
restore an autosave when the form is opened again, and on Save first asks
session/ whether the user is still logged in, so an expired session asks for a
login instead of throwing the text away.
"""

import json
from functools import update_wrapper

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from ..models import ArticleAutosave
from ..text import VIETNAM_TZ

# Far above any real report (a long one is ~100 KB of HTML), far below what would strain the database.
MAX_BYTES = 1024 * 1024
# Milliseconds of quiet after the last keystroke before the form is autosaved.
IDLE_MS = 3000


class AutosaveError(Exception):
    """A refused autosave; str(exc) is the Vietnamese message, `status` the HTTP status."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


def _error(message, status):
    return JsonResponse({"error": str(message)}, status=status)


def parse_payload(request):
    """The autosave a request carries: (text fields, body HTML, version), or AutosaveError.

    The body is JSON: {"user": id, "fields": {name: text}, "body": html, "version": n}.
    Fields other than ArticleAutosave.TEXT_FIELDS are ignored; the body is sanitised on the way in.
    """
    too_large = AutosaveError(
        gettext("This autosave is too large (at most %(limit)s): it was not stored.")
        % {"limit": filesizeformat(MAX_BYTES)},
        413,
    )
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BYTES:
            raise too_large
        raw = request.body
    except ValueError:  # a Content-Length that is not a number
        raise AutosaveError(gettext("The autosave could not be read."), 400) from None
    if len(raw) > MAX_BYTES:
        raise too_large
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        data = None
    fields = data.get("fields", {}) if isinstance(data, dict) else None
    body = data.get("body", "") if isinstance(data, dict) else None
    version = data.get("version") if isinstance(data, dict) else None
    if (
        not isinstance(fields, dict)
        or not isinstance(body, str)
        or not all(isinstance(fields.get(name, ""), str) for name in ArticleAutosave.TEXT_FIELDS)
        or not (version is None or (isinstance(version, int) and not isinstance(version, bool) and version >= 0))
    ):
        raise AutosaveError(gettext("The autosave could not be read."), 400)
    if data.get("user") != request.user.pk:
        # Another account logged in meanwhile (another tab): its autosaves must not take this text.
        raise AutosaveError(gettext("You are logged in as someone else now. Log in again as yourself."), 401)
    kept = {name: fields[name] for name in ArticleAutosave.TEXT_FIELDS if name in fields}
    return kept, body, version


class AutosaveViewsMixin:
    """The autosave endpoints under /admin/articles/article/, and the form context autosave.js reads."""

    def get_urls(self):
        view = self._autosave_json_view
        return [
            path("session/", view(self.session_view), name="articles_article_session"),
            # Before <object_id>/autosave/, which would take "add" for an object id.
            path("add/autosave/", view(self.autosave_view), name="articles_article_autosave_add"),
            path("<path:object_id>/autosave/", view(self.autosave_view), name="articles_article_autosave"),
            *super().get_urls(),
        ]

    def _autosave_json_view(self, view):
        """Like admin_view, but a lost session answers 401 JSON instead of redirecting to the login page."""

        def inner(request, *args, **kwargs):
            if not self.admin_site.has_permission(request):
                return _error(gettext("Your session has ended. Log in again to save."), 401)
            return view(request, *args, **kwargs)

        return csrf_protect(never_cache(update_wrapper(inner, view)))

    def session_view(self, request):
        """Cheap check the form makes before saving: who is logged in (401 when no one)."""
        return JsonResponse({"user": request.user.pk})

    def _autosave_target(self, request, object_id):
        """(article or None for the add form, None) or (None, error response): who may autosave what."""
        if object_id is None:
            if not self.has_add_permission(request):
                return None, _error(gettext("You may not write articles."), 403)
            return None, None
        try:
            pk = self.opts.pk.to_python(object_id)
        except ValidationError:
            pk = None
        # The admin's own narrowing (a reporter sees only their articles), without the list's prefetch.
        article = self.get_queryset(request).prefetch_related(None).filter(pk=pk).first() if pk else None
        if article is None:
            return None, _error(gettext("No such article."), 404)
        if not self.has_change_permission(request, article):
            return None, _error(gettext("You may not edit this article now, so it is not autosaved."), 403)
        return article, None

    def autosave_view(self, request, object_id=None):
        """POST stores the user's autosave of the article (overwriting it); DELETE discards it."""
        if request.method not in ("POST", "DELETE"):
            return HttpResponseNotAllowed(["POST", "DELETE"])
        article, refusal = self._autosave_target(request, object_id)
        if refusal:
            return refusal
        if request.method == "DELETE":
            ArticleAutosave.objects.slot(request.user, article).delete()
            return JsonResponse({"discarded": True})
        try:
            fields, body, version = parse_payload(request)
        except AutosaveError as exc:
            return _error(exc, exc.status)
        saved_at = ArticleAutosave.objects.store(request.user, article, fields=fields, body=body, version=version)
        return JsonResponse({"saved_at": saved_at.isoformat(), "label": ArticleAutosave.time_label(saved_at)})

    # --- the change form -------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        may_edit = self.has_add_permission(request) if add else self.has_change_permission(request, obj)
        if may_edit and not context.get("is_popup"):
            context["autosave"] = self.autosave_config(request, None if add else obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def autosave_config(self, request, article):
        """What autosave.js needs, rendered into the form with json_script."""
        if article is None:
            url = reverse("admin:articles_article_autosave_add")
        else:
            url = reverse("admin:articles_article_autosave", args=[article.pk])
        # A form shown again after a refused save already holds the writer's text: nothing to offer.
        pending = ArticleAutosave.objects.pending(request.user, article) if request.method == "GET" else None
        if pending is not None:
            pending = {
                "fields": pending.fields,
                "body": pending.body,
                "version": pending.version,
                "saved_at": pending.saved_at.isoformat(),
                "label": ArticleAutosave.time_label(pending.saved_at),
            }
        return {
            "url": url,
            "session_url": reverse("admin:articles_article_session"),
            "login_url": reverse("admin:login"),
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "user": request.user.pk,
            "username": request.user.get_username(),
            "version": article.version if article else None,
            "storage_key": f"newsroom:autosave:{request.user.pk}:{article.pk if article else 'new'}",
            "fields": ArticleAutosave.TEXT_FIELDS,
            "idle_ms": IDLE_MS,
            "time_zone": str(VIETNAM_TZ),
            "pending": pending,
            "messages": _messages(),
        }

    # --- a successful save of the form ends the autosave --------------------------
    # Here and not in save_related: the changelist's list edits save too, and must not drop it.

    def response_add(self, request, obj, post_url_continue=None):
        ArticleAutosave.objects.slot(request.user, None).delete()
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        ArticleAutosave.objects.slot(request.user, obj).delete()
        return super().response_change(request, obj)


def _messages():
    """The Vietnamese text autosave.js shows; %(time)s and %(date)s are filled in by the script."""
    return {
        "saved": gettext("Saved automatically at %(time)s"),
        "failed": gettext("Not saved yet — will try again"),
        "offer": gettext("There is an autosave from %(time)s — restore?"),
        "older_version": gettext(
            "It was written on an older version: the article has been saved since. Check the text before saving."
        ),
        "on_date": gettext("%(time)s on %(date)s"),
        "restore": gettext("Restore"),
        "discard": gettext("Discard"),
        "logged_out": gettext("Your session has ended. Your text is still here: log in again, then save."),
        "login_title": gettext("Log in again"),
        "username": gettext("Username"),
        "password": gettext("Password"),
        "log_in": gettext("Log in"),
        "cancel": gettext("Cancel"),
        "login_failed": gettext("Wrong username or password."),
        "other_user": gettext("Log in as %(name)s to save this article."),
        "logged_in": gettext("Logged in again. Press Save to save your article."),
        "offline": gettext("Cannot reach the server: nothing was sent. Your text is still here; try again."),
    }
