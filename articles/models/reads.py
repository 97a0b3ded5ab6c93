"""How often readers opened each article, per hour: what the "Đọc nhiều" block ranks (counting: articles/reads.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleReadCount(models.Model):
    """Views of one article in one clock hour (UTC), folded in from the cache's counters."""

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="read_counts")
    hour = models.DateTimeField(_("hour"))
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("read count")
        verbose_name_plural = _("read counts")
        constraints = [models.UniqueConstraint(fields=["article", "hour"], name="unique_read_count_hour")]
        indexes = [models.Index(fields=["hour", "article"], name="read_count_hour")]

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}: {self.count}"
