"""Units, authors, sections and topics: public data, so a change drops the cached pages and the menu."""

from django.contrib import admin
from django.core.cache import cache as django_cache
from django.db import transaction

from .. import cache
from ..context_processors import MENU_CACHE_KEY
from ..models import Author, Category, Topic, Unit, UnitMembership
from .search import FoldedNameSearchMixin


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

    def delete_queryset(self, request, queryset):
        # The list's "delete selected" action: the same pages change as for one deletion.
        super().delete_queryset(request, queryset)
        transaction.on_commit(cache.bump)
        transaction.on_commit(lambda: django_cache.delete(MENU_CACHE_KEY))


@admin.register(Unit)
class UnitAdmin(FoldedNameSearchMixin, PublicDataAdmin):
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
class AuthorAdmin(FoldedNameSearchMixin, PublicDataAdmin):
    list_display = ("pen_name", "full_name", "unit", "user")
    list_select_related = ("unit", "user")
    search_fields = ("pen_name", "full_name")
    autocomplete_fields = ("unit",)


@admin.register(Category)
class CategoryAdmin(FoldedNameSearchMixin, PublicDataAdmin):
    list_display = ("name", "slug", "order", "parent", "needs_signoff")
    list_filter = ("needs_signoff",)
    list_select_related = ("parent",)
    search_fields = ("name",)
    ordering = ("order", "name")


@admin.register(Topic)
class TopicAdmin(PublicDataAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    ordering = ("name",)
