"""The article admin's own pages: transition buttons, presence, history, revisions, compare and restore."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext

from .. import presence, revisions, workflow
from ..forms import TransitionForm
from ..models import ArticleRevision


class ArticleViewsMixin:
    """Views mounted under /admin/articles/article/<id>/ beside Django's own."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/transition/<slug:name>/",
                wrap(self.transition_view),
                name="articles_article_transition",
            ),
            path("<path:object_id>/presence/", wrap(self.presence_view), name="articles_article_presence"),
            path(
                "<path:object_id>/revisions/compare/",
                wrap(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/",
                wrap(self.revision_view),
                name="articles_article_revision",
            ),
            path(
                "<path:object_id>/revisions/<int:revision_id>/restore/",
                wrap(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def _article(self, request, object_id):
        """The article, if this user may see it: else 404 (not theirs) or 403."""
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404(gettext("No such article."))
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _change_url(self, article):
        return reverse("admin:articles_article_change", args=[article.pk])

    def transition_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect(self._change_url(article))
        try:
            self.apply_transition(request, article, name, **form.cleaned_data)
        except workflow.ArticleChanged as exc:
            messages.error(request, self._changed_message(article, exc))
        except workflow.TransitionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                gettext("“%(title)s” is now “%(status)s”.")
                % {"title": article.title, "status": article.display_status()},
            )
        if self.has_view_permission(request, article):
            return redirect(self._change_url(article))
        return redirect("admin:articles_article_changelist")

    def _changed_message(self, article, exc):
        """The refusal of a stale approval, linking to what changed since the version the person read."""
        seen = article.revisions.filter(version=exc.seen_version).order_by("-created_at", "-pk").first()
        latest = article.revisions.select_related("created_by").order_by("-created_at", "-pk").first()
        if seen is not None and latest is not None and seen.pk != latest.pk:
            url = reverse("admin:articles_article_compare", args=[article.pk]) + f"?old={seen.pk}&new={latest.pk}"
        else:
            url = reverse("admin:articles_article_history", args=[article.pk])
        by = ""
        if latest is not None and latest.created_by is not None:
            by = gettext("Last saved by %(name)s at %(time)s.") % {
                "name": latest.created_by.get_full_name() or latest.created_by.get_username(),
                "time": timezone.localtime(latest.created_at).strftime("%H:%M %d/%m/%Y"),
            }
        return format_html('{} {} <a href="{}">{}</a>', exc, by, url, gettext("See what changed"))

    @transaction.atomic
    def apply_transition(self, request, article, name, *, note="", publish_at=None, seen_version=None):
        """One transition, its revision and its line in the admin's "Recent actions", together or not at all."""
        entry = workflow.transition(
            article, name, user=request.user, note=note, publish_at=publish_at, seen_version=seen_version
        )
        revisions.record(article, user=request.user, reason=workflow.TRANSITIONS[entry.action].label)
        self.log_change(request, article, workflow.describe(entry))
        return entry

    def presence_view(self, request, object_id):
        article = self._article(request, object_id)
        return JsonResponse({"others": presence.touch(article.pk, request.user)})

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if article is not None:
            extra_context.update(
                transitions=article.transitions.select_related("actor"),
                revisions=article.revisions.select_related("created_by"),
                can_edit=self.has_change_permission(request, article),
            )
        return super().history_view(request, object_id, extra_context)

    def _revision(self, article, revision_id):
        revision = ArticleRevision.objects.filter(article=article, pk=revision_id).select_related("created_by").first()
        if revision is None:
            raise Http404(gettext("No such revision."))
        return revision

    def _context(self, request, article, title, **kwargs):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "subtitle": article.title,
            "history_url": reverse("admin:articles_article_history", args=[article.pk]),
            **kwargs,
        }

    def revision_view(self, request, object_id, revision_id):
        article = self._article(request, object_id)
        revision = self._revision(article, revision_id)
        context = self._context(
            request,
            article,
            gettext("Version %(version)s") % {"version": revision.version},
            revision=revision,
            data=revision.data,
            can_edit=self.has_change_permission(request, article),
        )
        return TemplateResponse(request, "admin/articles/article/revision.html", context)

    def compare_view(self, request, object_id):
        article = self._article(request, object_id)
        try:
            old = self._revision(article, int(request.GET.get("old", "")))
            new = self._revision(article, int(request.GET.get("new", "")))
        except (ValueError, Http404):
            messages.error(request, gettext("Choose two versions of this article to compare."))
            return redirect("admin:articles_article_history", article.pk)
        if old.created_at > new.created_at or (old.created_at == new.created_at and old.pk > new.pk):
            old, new = new, old
        context = self._context(
            request,
            article,
            gettext("Compare version %(old)s with version %(new)s") % {"old": old.version, "new": new.version},
            old=old,
            new=new,
            changes=revisions.compare(old, new),
        )
        return TemplateResponse(request, "admin/articles/article/revision_compare.html", context)

    def restore_view(self, request, object_id, revision_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id)
        revision = self._revision(article, revision_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revisions.restore(revision, user=request.user)
        restored = gettext("Version %(version)s was restored.") % {"version": revision.version}
        self.log_change(request, article, restored)
        messages.success(request, restored)
        return redirect(self._change_url(article))
