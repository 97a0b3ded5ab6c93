"""The discussion thread beside the article's change form, and posting a comment to it.

Whoever may open the article (desk.can_view) reads its thread and comments; anyone else
gets a 404 (an article they may not see) or a 403, and nothing is stored. static/articles/
admin/discussion.js posts the comment without leaving the form, so unsaved edits stay;
without the script the form posts and comes back, keeping a refused comment's text.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext

from .. import desk, notifications
from ..discussion import CommentForm, comment_entry, timeline
from ..models import ArticleComment

# A refused comment waits here (per article) for the change form it returns to.
DRAFT_KEY = "newsroom:comment-draft:%s"
# What a refused comment keeps for the form: far more than the limit, never a whole request body.
DRAFT_MAX_CHARS = 16 * ArticleComment.MAX_LENGTH


class DiscussionViewsMixin:
    """/admin/articles/article/<id>/comment/, and the thread in the change form's context."""

    def get_urls(self):
        return [
            path(
                "<path:object_id>/comment/",
                self.admin_site.admin_view(self.comment_view),
                name="articles_article_comment",
            ),
            *super().get_urls(),
        ]

    def comment_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404(gettext("No such article."))
        if not desk.can_view(request.user, article):
            raise PermissionDenied
        wants_json = "application/json" in request.headers.get("Accept", "")
        form = CommentForm(request.POST)
        if not form.is_valid():
            error = " ".join(form.errors.get("body", [])) or gettext("The comment could not be read.")
            if wants_json:
                return JsonResponse({"error": error}, status=400)
            body = str(request.POST.get("body", ""))[:DRAFT_MAX_CHARS]
            request.session[DRAFT_KEY % article.pk] = {"body": body, "error": error}
            return redirect(self._thread_url(article))
        with transaction.atomic():
            comment = ArticleComment.objects.create(
                article=article, author=request.user, body=form.cleaned_data["body"]
            )
            # Everyone else on the thread is told once the comment is stored.
            transaction.on_commit(lambda: notifications.comment_posted(comment.pk))
        if wants_json:
            html = render_to_string(
                "admin/articles/article/discussion_entry.html", {"entry": comment_entry(comment)}, request
            )
            return JsonResponse({"html": html, "anchor": comment_entry(comment).anchor}, status=201)
        messages.success(request, gettext("Your comment was added to the discussion."))
        return redirect(self._thread_url(article, f"comment-{comment.pk}"))

    def _thread_url(self, article, anchor="discussion"):
        return reverse("admin:articles_article_change", args=[article.pk]) + f"#{anchor}"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and not add and not context.get("is_popup") and desk.can_view(request.user, obj):
            context["discussion"] = self.discussion_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def discussion_context(self, request, article):
        """The thread and the comment form (holding a refused comment's text, with the reason)."""
        draft = request.session.pop(DRAFT_KEY % article.pk, None)
        form = CommentForm(initial={"body": draft["body"]} if draft else None, auto_id="id_comment_%s")
        return {
            "entries": timeline(article),
            "form": form,
            "error": draft["error"] if draft else "",
            "url": reverse("admin:articles_article_comment", args=[article.pk]),
        }
