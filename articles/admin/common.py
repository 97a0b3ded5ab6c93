"""What the admin modules share: reporters' narrowed querysets, list filters, thumbnails."""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import desk, photo_urls
from ..models import Article, Photo

S = Article.Status


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
    url = photo_urls.thumbnail_url(photo)
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


class QueueFilter(admin.SimpleListFilter):
    """What waits for the person looking: their review, sign-off or returned queue, each with its count."""

    title = _("waiting for me")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        queues = desk.queues_for(request.user)
        return [(name, capfirst(f"{desk.QUEUE_LABELS[name]} ({qs.count()})")) for name, qs in queues]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        waiting = desk.queue(self.value(), request.user, queryset)
        return waiting if waiting is not None else queryset.none()


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
