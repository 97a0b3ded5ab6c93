"""Topics (chủ đề / dòng sự kiện): running stories editors tag articles with, each with a page and a feed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import SlugMixin


class Topic(SlugMixin, models.Model):
    url_name = "articles:topic"

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences shown on the topic page and to search engines.")
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name
