"""Photos of an article, as the photo pipeline (articles/photos.py) stored them."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def photo_upload_to(instance, filename):
    """Random, unguessable names: the original name says nothing and is not kept."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"photos/{timezone.now():%Y/%m}/{secrets.token_urlsafe(18)}.{ext}"


class Photo(models.Model):
    article = models.ForeignKey("Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="photos")
    # The photo pipeline (articles/photos.py, the one way in) writes width and height. Not the
    # ImageField's width_field: it opens the file when one is assigned, and its post_init hook
    # costs every photo read a signal (a list page's twenty covers, an article's photos).
    image = models.ImageField(_("image"), upload_to=photo_upload_to, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    alt_text = models.CharField(
        _("alt text"), max_length=300, blank=True, help_text=_("Describes the photo; defaults to the caption.")
    )
    credit = models.CharField(_("credit"), max_length=120, blank=True, help_text=_('Printed as "Ảnh: …".'))
    # Who took it: the royalties go to this author (articles/models/royalties.py, PhotoGrade).
    photographer = models.ForeignKey(
        "Author", verbose_name=_("photo author"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Number of body paragraphs before the photo (0 = above the body)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    in_body = models.BooleanField(
        _("inserted in the body"), default=False, editable=False, help_text=_("Uploaded from the editor.")
    )
    # {"480": {"webp": "name", "jpeg": "name", "height": 320}, ...}; written once by the photo pipeline.
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "order", "pk"]

    def __str__(self):
        return self.caption or self.alt_text or f"#{self.pk}"

    @property
    def has_file(self):
        return bool(self.image)

    @property
    def alt(self):
        return self.alt_text or self.caption
