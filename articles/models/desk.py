"""The desk: each staff member's place in it (sections they edit, whether they want email)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .public_data import Category


class StaffProfile(models.Model):
    """A staff member's desk settings; a user without one edits every section and gets email."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="newsroom_profile"
    )
    sections = models.ManyToManyField(
        Category,
        verbose_name=_("sections"),
        blank=True,
        related_name="+",
        help_text=_(
            "Limit an editor (or a leader) to these sections and their sub-sections: they see and are told about "
            "these only. Empty: every section."
        ),
    )
    email_notifications = models.BooleanField(
        _("notify me by email"), default=True, help_text=_("In-app notifications are always kept.")
    )

    class Meta:
        verbose_name = _("newsroom profile")
        verbose_name_plural = _("newsroom profiles")

    def __str__(self):
        return str(self.user)
