"""The article admin: who sees and edits what, the change form, saving, bulk transitions.

Every permission is decided by articles.workflow (can_view, can_edit, transitions);
this module only asks it, on every route: forms, list edits, actions, history,
revisions and the transition buttons.
"""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import cache, desk, presence, revisions, workflow
from ..forms import ArticleAdminForm
from ..models import Article, ArticleAuthor, ArticleQuerySet, Assignment, Author, Photo
from ..pagination import AdminCappedPaginator
from ..photo_forms import PhotoForm
from ..templatetags.newsroom import article_body
from .article_assignment import ArticleFromAssignmentMixin
from .article_views import ArticleViewsMixin
from .autosave import AutosaveViewsMixin
from .common import MissingPhotoFileFilter, QueueFilter, StatusFilter, short_time, thumbnail
from .discussion import DiscussionViewsMixin
from .search import ArticleSearchMixin

S = Article.Status

# Transitions offered as bulk actions. Return needs a note per article, and approval is of the
# version the moderator read on the change form (a list shows titles only): buttons only.
BULK_TRANSITIONS = ("submit", "unpublish", "trash", "restore")
# Fields only moderators may set through the form; for anyone else they are not in the form at all.
MODERATOR_FIELDS = ("is_featured",)


class ArticleChildInline:
    """An inline whose rows may be changed exactly when the article may be edited."""

    def _may_edit(self, request, obj):
        if obj is None:
            return request.user.has_perm("articles.add_article")
        return desk.can_edit(request.user, obj)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return request.user.has_perm("articles.view_article")
        return desk.can_view(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)


class ArticleAuthorInline(ArticleChildInline, admin.TabularInline):
    model = ArticleAuthor
    autocomplete_fields = ("author",)
    fields = ("author", "order")
    extra = 0
    min_num = 0


class PhotoInline(ArticleChildInline, admin.StackedInline):
    model = Photo
    form = PhotoForm
    fields = ("preview", "image", "caption", "alt_text", ("credit", "photographer"), ("position", "order"))
    readonly_fields = ("preview",)
    autocomplete_fields = ("photographer",)
    extra = 1

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and not self._may_edit(request, obj):
            # Read-only, Django would show the file as its storage path linked under /media/: the preview is enough.
            fields = [name for name in fields if name != "image"]
        return fields

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return thumbnail(photo)


class ArticleChangeList(ChangeList):
    """The article list loads no body or search keys: 50 rows of them cost more than the page."""

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).defer(*ArticleQuerySet.LIST_DEFERRED)


@admin.register(Article)
class ArticleAdmin(
    ArticleSearchMixin,
    ArticleFromAssignmentMixin,
    DiscussionViewsMixin,
    AutosaveViewsMixin,
    ArticleViewsMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    inlines = [ArticleAuthorInline, PhotoInline]
    list_display = (
        "title", "status_column", "category", "byline", "published_column", "updated_column", "created_by",
        "is_featured",
    )  # fmt: skip
    list_display_links = ("title",)
    list_editable = ("is_featured",)  # moderators only: see get_changelist_instance
    list_select_related = ("category__parent", "created_by")
    list_filter = (QueueFilter, StatusFilter, "category", "units", "topics", "published_at", MissingPhotoFileFilter)
    list_per_page = 50
    # No COUNT(*) over the whole archive on every list page (articles.pagination), and no
    # second count of the unfiltered table for "N of M".
    paginator = AdminCappedPaginator
    show_full_result_count = False
    # No date_hierarchy: its year links are a DISTINCT over every article (half a second on a
    # million, more with a search); the list filter on the publication time and the search do it.
    autocomplete_fields = ("category", "units", "topics")
    ordering = ("-updated_at", "-pk")
    actions = [f"transition_{name}" for name in BULK_TRANSITIONS]
    change_form_template = "admin/articles/article/change_form.html"
    object_history_template = "admin/articles/article/object_history.html"

    class Media:
        css = {"all": ["articles/admin/workflow.css"]}

    # --- who sees what ---------------------------------------------------------

    def get_queryset(self, request):
        qs = (
            super()
            .get_queryset(request)
            # The section and its parent decide who may act on an article (articles.desk). Django skips
            # list_select_related once the queryset selects anything, so the list's needs are named here.
            .select_related(*self.list_select_related)
            .prefetch_related(
                Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author").order_by("order"))
            )
        )
        return desk.visible_articles(qs, request.user)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or desk.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or desk.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        # Everyone else moves articles to the trash through the workflow.
        return request.user.is_active and request.user.is_superuser

    def get_list_display(self, request):
        if desk.is_moderator(request.user):
            return self.list_display
        return tuple(name for name in self.list_display if name not in ("created_by", *MODERATOR_FIELDS))

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not desk.is_moderator(request.user):
            changelist.list_editable = ()  # as Django does for popups: no bulk edit form at all
        return changelist

    def get_ordering(self, request):
        if request.GET.get(StatusFilter.parameter_name) in (S.SUBMITTED, S.SIGNOFF) or request.GET.get(
            QueueFilter.parameter_name
        ) in ("review", "signoff"):
            return ("submitted_at", "pk")  # the review and sign-off queues: oldest waiting first
        return super().get_ordering(request)

    def get_fieldsets(self, request, obj=None):
        publication = ["status_column", "published_at", "submitted_at", "review_note", "created_by", "updated_at"]
        if desk.is_moderator(request.user):
            publication.insert(2, "is_featured")
        classification = ["source_label", "category", "topics", "units", ("event_date", "event_place")]
        if obj is not None:
            classification.append("cover_photo")
        # Read-only (a reporter's published article), the body is shown as readers get it, not as HTML source.
        body = "body" if obj is None or self.has_change_permission(request, obj) else "body_rendered"
        return [
            (None, {"fields": ["title", "slug", "lead", body]}),
            (_("Classification"), {"fields": classification}),
            (_("Publication"), {"fields": publication}),
        ]

    def get_readonly_fields(self, request, obj=None):
        # State is changed by the transition buttons only, publication time included.
        return (
            "status_column", "published_at", "submitted_at", "review_note", "created_by", "updated_at", "body_rendered",
        )  # fmt: skip

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not desk.is_moderator(request.user):
            allowed = {"transition_submit", "transition_trash"}
            actions = {name: action for name, action in actions.items() if name in allowed}
        return actions

    # --- columns ---------------------------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def status_column(self, article):
        if article.is_scheduled:
            return format_html("{} ({})", article.display_status(), short_time(article.published_at))
        return article.display_status()

    @admin.display(description=_("publication time"), ordering="published_at")
    def published_column(self, article):
        return short_time(article.published_at)

    @admin.display(description=_("updated at"), ordering="updated_at")
    def updated_column(self, article):
        return short_time(article.updated_at)

    @admin.display(description=_("body"))
    def body_rendered(self, article):
        # The stored body is sanitised HTML; article_body places the photos the way the article page does.
        return format_html('<div class="article-body readonly-body">{}</div>', article_body(article))

    @admin.display(description=_("authors"))
    def byline(self, article):
        return ", ".join(link.author.pen_name for link in article.article_authors.all())

    # --- saving ----------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.save()
            return
        # Lock the row and re-check against the stored state: a transition may have
        # happened since the form was loaded, and list edits never saw a form check.
        locked = Article.objects.select_for_update().get(pk=obj.pk)
        if not desk.can_edit(request.user, locked):
            raise PermissionDenied
        obj.version = locked.version + 1
        # Save only what the form edits: status, publication time and history stay the workflow's.
        concrete = {f.name for f in Article._meta.concrete_fields}
        edited = [name for name in form._meta.fields or () if name in concrete]
        obj.save(update_fields=[*edited, "title", "slug", "version", "updated_at"])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if not change and not article.article_authors.exists():
            author = Author.objects.filter(user=request.user).first()
            if author:  # the reporter's own byline, so the article can be published
                ArticleAuthor.objects.create(article=article, author=author, order=0)
        revisions.record(article, user=request.user, reason=gettext("Edited") if change else gettext("Created"))
        edited = set(form.changed_data) - set(MODERATOR_FIELDS) or any(f.has_changed() for f in formsets)
        reopened = change and edited and workflow.content_changed(article, user=request.user)
        if reopened:
            self.log_change(request, article, workflow.describe(reopened))
            messages.warning(
                request,
                gettext("The text changed after the editor's approval, so the article is back with the editors."),
            )
        if article.status == S.PUBLISHED:
            # Moderators' edits of published articles go live: drop cached pages once committed.
            transaction.on_commit(cache.bump)
        presence.leave(article.pk, request.user)

    # --- change form -----------------------------------------------------------

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, PhotoInline):
            kwargs["form_kwargs"] = {"user": request.user}  # the pipeline records who uploaded each photo
        return kwargs

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        article = self.get_object(request, object_id)
        if article is not None and self.has_view_permission(request, article):
            extra_context.update(
                transitions=workflow.available_transitions(request.user, article),
                recent_history=article.transitions.select_related("actor")[:5],
                editing_others=presence.touch(article.pk, request.user),
                preview_url=reverse("articles:preview", args=[article.pk]),
                presence_url=reverse("admin:articles_article_presence", args=[article.pk]),
                now_local=timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                since_approval_url=revisions.since_last_approval_url(article),
                from_assignment=Assignment.objects.filter(article=article).first(),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def view_on_site(self, article):
        # Only an article readers may see has a public page; before that the change form links the preview.
        return article.get_absolute_url() if Article.objects.published().filter(pk=article.pk).exists() else None

    # --- bulk actions ----------------------------------------------------------

    def _bulk_transition(self, request, queryset, name):
        done, refused = 0, []
        for article in queryset:
            try:
                self.apply_transition(request, article, name)
            except workflow.TransitionError as exc:
                refused.append(gettext("%(title)s: %(reason)s") % {"title": article.title, "reason": exc})
            else:
                done += 1
        if done:
            messages.success(
                request,
                ngettext("%(count)d article: done.", "%(count)d articles: done.", done) % {"count": done},
            )
        for message in refused:
            messages.error(request, message)

    @admin.action(description=workflow.TRANSITIONS["submit"].label)
    def transition_submit(self, request, queryset):
        self._bulk_transition(request, queryset, "submit")

    @admin.action(description=workflow.TRANSITIONS["unpublish"].label)
    def transition_unpublish(self, request, queryset):
        self._bulk_transition(request, queryset, "unpublish")

    @admin.action(description=workflow.TRANSITIONS["trash"].label)
    def transition_trash(self, request, queryset):
        self._bulk_transition(request, queryset, "trash")

    @admin.action(description=workflow.TRANSITIONS["restore"].label)
    def transition_restore(self, request, queryset):
        self._bulk_transition(request, queryset, "restore")
