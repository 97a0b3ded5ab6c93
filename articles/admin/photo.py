"""The photo gallery: read-only, narrowed to a reporter's own articles."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import desk
from ..models import Article, Photo
from .common import MissingPhotoFileFilter, thumbnail


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
        return qs.filter(article__in=desk.visible_articles(Article.objects.all(), request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
