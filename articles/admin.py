"""Admin for reporters and moderators: articles and their workflow, units, authors, categories, photos.

Every permission is decided by articles.workflow (can_view, can_edit, transitions);
this module only asks it, on every route: forms, list edits, actions, history,
revisions and the transition buttons.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.core.cache import cache as django_cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import cache, photos, presence, revisions, workflow
from .context_processors import MENU_CACHE_KEY
from .forms import ArticleAdminForm, TransitionForm
from .models import (
    Article,
    ArticleAuthor,
    ArticleRevision,
    Author,
    Category,
    Photo,
    Unit,
    UnitMembership,
)
from .photo_forms import PhotoForm

S = Article.Status

# The paper's own name on every admin page instead of Django's.
admin.site.site_header = format_lazy("{} · {}", settings.NEWSROOM_SITE_NAME, _("Newsroom"))
admin.site.site_title = settings.NEWSROOM_SITE_NAME
admin.site.index_title = _("Newsroom")

# Transitions offered as bulk actions (return needs a note per article, so it is a button only).
BULK_TRANSITIONS = ("submit", "approve", "unpublish", "trash", "restore")
# Fields only moderators may set through the form; for anyone else they are not in the form at all.
MODERATOR_FIELDS = ("is_featured",)


def owned_articles(queryset, user):
    """Narrow `queryset` to what workflow.is_owner accepts: created by `user` or bylined to them."""
    bylined = ArticleAuthor.objects.filter(author__user=user).values("article_id")
    return queryset.filter(Q(created_by=user) | Q(pk__in=bylined))


def short_time(value):
    """dd/mm/yyyy hh:mm in Vietnam time: list columns stay narrow enough for the titles."""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else "—"


def thumbnail(photo, width=120):
    if not photo or photo.pk is None:
        return "—"
    if not photo.image:
        # Imported captions whose image file never arrived: readers see nothing, staff see this.
        return format_html('<strong class="photo-missing">{}</strong>', gettext("No image file yet"))
    # Through the media view: storage paths are never exposed, even to staff.
    url = photos.thumbnail_url(photo)
    return format_html('<img src="{}" alt="{}" width="{}" loading="lazy">', url, photo.alt, width)


class StatusFilter(admin.SimpleListFilter):
    """Statuses as the newsroom says them, with "scheduled" apart from live articles."""

    title = _("status")
    parameter_name = "status"
    SCHEDULED = "scheduled"

    def lookups(self, request, model_admin):
        return [*S.choices, (self.SCHEDULED, _("Scheduled"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.SCHEDULED:
            return queryset.scheduled()
        if value == S.PUBLISHED:
            return queryset.published()
        if value in S.values:
            return queryset.filter(status=value)
        return queryset


class MissingPhotoFileFilter(admin.SimpleListFilter):
    """Articles (or photos) with a caption whose image file is missing, e.g. after an import."""

    title = _("image file")
    parameter_name = "photo_file"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing"))]

    def queryset(self, request, queryset):
        if self.value() != "missing":
            return queryset
        if queryset.model is Photo:
            return queryset.filter(image="")
        return queryset.filter(pk__in=Photo.objects.filter(image="").values("article_id"))


class ArticleChildInline:
    """An inline whose rows may be changed exactly when the article may be edited."""

    def _may_edit(self, request, obj):
        if obj is None:
            return request.user.has_perm("articles.add_article")
        return workflow.can_edit(request.user, obj)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return request.user.has_perm("articles.view_article")
        return workflow.can_view(request.user, obj)

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
    fields = ("preview", "image", "caption", "alt_text", "credit", ("position", "order"))
    readonly_fields = ("preview",)
    extra = 1

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return thumbnail(photo)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [ArticleAuthorInline, PhotoInline]
    list_display = (
        "title", "status_column", "category", "byline", "published_column", "updated_column", "created_by",
        "is_featured",
    )  # fmt: skip
    list_display_links = ("title",)
    list_editable = ("is_featured",)  # moderators only: see get_changelist_instance
    list_select_related = ("category", "created_by")
    list_filter = (StatusFilter, "category", "units", "published_at", MissingPhotoFileFilter)
    list_per_page = 50
    date_hierarchy = "published_at"
    search_fields = ("title",)
    autocomplete_fields = ("category", "units")
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
            .prefetch_related(
                Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author").order_by("order"))
            )
        )
        if workflow.is_moderator(request.user):
            return qs
        return owned_articles(qs, request.user)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or workflow.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        # Everyone else moves articles to the trash through the workflow.
        return request.user.is_active and request.user.is_superuser

    def get_list_display(self, request):
        if workflow.is_moderator(request.user):
            return self.list_display
        return tuple(name for name in self.list_display if name not in ("created_by", *MODERATOR_FIELDS))

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not workflow.is_moderator(request.user):
            changelist.list_editable = ()  # as Django does for popups: no bulk edit form at all
        return changelist

    def get_ordering(self, request):
        if request.GET.get(StatusFilter.parameter_name) == S.SUBMITTED:
            return ("submitted_at", "pk")  # the review queue: oldest waiting first
        return super().get_ordering(request)

    def get_fieldsets(self, request, obj=None):
        publication = ["status_column", "published_at", "submitted_at", "review_note", "created_by", "updated_at"]
        if workflow.is_moderator(request.user):
            publication.insert(2, "is_featured")
        classification = ["source_label", "category", "units", ("event_date", "event_place")]
        if obj is not None:
            classification.append("cover_photo")
        return [
            (None, {"fields": ["title", "slug", "lead", "body"]}),
            (_("Classification"), {"fields": classification}),
            (_("Publication"), {"fields": publication}),
        ]

    def get_readonly_fields(self, request, obj=None):
        # State is changed by the transition buttons only, publication time included.
        return ("status_column", "published_at", "submitted_at", "review_note", "created_by", "updated_at")

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not workflow.is_moderator(request.user):
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
        if not workflow.can_edit(request.user, locked):
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
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def view_on_site(self, article):
        # Only a live article has a public page; before that the change form links the preview.
        return article.get_absolute_url() if article.is_live else None

    # --- custom views ----------------------------------------------------------

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

    @transaction.atomic
    def apply_transition(self, request, article, name, *, note="", publish_at=None):
        """One transition and its revision, together or not at all."""
        entry = workflow.transition(article, name, user=request.user, note=note, publish_at=publish_at)
        revisions.record(article, user=request.user, reason=workflow.TRANSITIONS[entry.action].label)
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
        messages.success(request, gettext("Version %(version)s was restored.") % {"version": revision.version})
        return redirect(self._change_url(article))

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

    @admin.action(description=workflow.TRANSITIONS["approve"].label)
    def transition_approve(self, request, queryset):
        self._bulk_transition(request, queryset, "approve")

    @admin.action(description=workflow.TRANSITIONS["unpublish"].label)
    def transition_unpublish(self, request, queryset):
        self._bulk_transition(request, queryset, "unpublish")

    @admin.action(description=workflow.TRANSITIONS["trash"].label)
    def transition_trash(self, request, queryset):
        self._bulk_transition(request, queryset, "trash")

    @admin.action(description=workflow.TRANSITIONS["restore"].label)
    def transition_restore(self, request, queryset):
        self._bulk_transition(request, queryset, "restore")


class UnitMembershipInline(admin.TabularInline):
    model = UnitMembership
    fk_name = "cluster"
    autocomplete_fields = ("member",)
    fields = ("member", "start_year", "end_year")
    extra = 0


class PublicDataAdmin(admin.ModelAdmin):
    """Units, authors and sections appear on public pages: a change drops the cached pages and menu."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        transaction.on_commit(cache.bump)
        transaction.on_commit(lambda: django_cache.delete(MENU_CACHE_KEY))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(cache.bump)
        transaction.on_commit(lambda: django_cache.delete(MENU_CACHE_KEY))


@admin.register(Unit)
class UnitAdmin(PublicDataAdmin):
    list_display = ("name", "short_name", "kind", "parent")
    list_select_related = ("parent",)
    list_filter = ("kind",)
    search_fields = ("name", "short_name")
    autocomplete_fields = ("parent",)
    inlines = [UnitMembershipInline]

    def get_inlines(self, request, obj):
        # Only emulation clusters have member units.
        return self.inlines if obj is not None and obj.is_cluster else []


@admin.register(Author)
class AuthorAdmin(PublicDataAdmin):
    list_display = ("pen_name", "full_name", "unit", "user")
    list_select_related = ("unit", "user")
    search_fields = ("pen_name", "full_name")
    autocomplete_fields = ("unit",)


@admin.register(Category)
class CategoryAdmin(PublicDataAdmin):
    list_display = ("name", "slug", "order", "parent")
    list_select_related = ("parent",)
    search_fields = ("name",)
    ordering = ("order", "name")


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    """A read-only gallery; photos are added and edited on their article."""

    list_display = ("preview", "caption", "article", "credit", "created_at")
    list_select_related = ("article",)
    list_filter = (MissingPhotoFileFilter,)
    search_fields = ("caption", "alt_text")
    fields = ("preview", "article", "caption", "alt_text", "credit", "position", "order", "created_at")
    readonly_fields = fields

    @admin.display(description=_("preview"))
    def preview(self, photo):
        return thumbnail(photo)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if workflow.is_moderator(request.user):
            return qs
        return qs.filter(article__in=owned_articles(Article.objects.all(), request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
