"""Public data that articles point to: units (and emulation clusters), authors, sections."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .base import SlugMixin, vietnam_day_bounds


class Unit(SlugMixin, models.Model):
    url_name = "articles:unit"

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        DEPARTMENT = "department", _("Department")
        PROVINCIAL = "provincial", _("Provincial police")
        DISTRICT = "district", _("District police")
        CLUSTER = "cluster", _("Emulation cluster")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    members = models.ManyToManyField(
        "self",
        verbose_name=_("member units"),
        through="UnitMembership",
        through_fields=("cluster", "member"),
        symmetrical=False,
        related_name="clusters",
        blank=True,
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_cluster(self):
        return self.kind == self.Kind.CLUSTER

    def article_filter(self):
        """Q selecting articles of this unit; a cluster's includes its members in their years.

        One `id IN (...)` over the link table, whatever the memberships (the years are
        conditions on the linked article inside it): PostgreSQL reads a big unit newest
        first from the publication index and a small one from the link table. An OR of
        several `id IN` made it test each subquery against every article (a minute on a
        million), and joining the articles table outside it, a sequential scan.
        """
        links = Q(unit_id=self.pk)
        if self.is_cluster:
            for membership in self.memberships.all():
                try:
                    start, _end = vietnam_day_bounds(membership.start_year)
                    end = vietnam_day_bounds(membership.end_year)[1] if membership.end_year is not None else None
                except (ValueError, OverflowError):
                    continue  # a year no calendar has (0, 40000): no article can fall in the membership
                member = Q(unit_id=membership.member_id, article__published_at__gte=start)
                if end is not None:
                    member &= Q(article__published_at__lt=end)
                links |= member
        linked = Unit.articles.through.objects.filter(links).values_list("article_id", flat=True)
        if not self.is_cluster:
            # A small unit's few links are read first and its articles fetched by primary key:
            # with a subquery, PostgreSQL walks the whole publication index newest first hoping
            # to meet them soon (120 ms on a million for a unit of 1,200 articles).
            few = list(linked.order_by()[: SMALL_UNIT_ARTICLES + 1])
            if len(few) <= SMALL_UNIT_ARTICLES:
                return Q(pk__in=few)
        return Q(pk__in=linked)


# Up to this many linked articles, a unit's pages fetch its articles by id (Unit.article_filter).
SMALL_UNIT_ARTICLES = 5000


class UnitMembership(models.Model):
    """A unit's membership of an emulation cluster, for the years it held."""

    cluster = models.ForeignKey(Unit, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(
        Unit, verbose_name=_("member unit"), on_delete=models.PROTECT, related_name="cluster_memberships"
    )
    start_year = models.PositiveSmallIntegerField(
        _("from year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("to year"),
        null=True,
        blank=True,
        help_text=_("Empty while the membership holds."),
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
    )

    class Meta:
        verbose_name = _("cluster membership")
        verbose_name_plural = _("cluster memberships")
        ordering = ["cluster", "start_year", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "member", "start_year"], name="unique_membership_start"),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self):
        end = self.end_year or "…"
        return f"{self.member} ∈ {self.cluster} ({self.start_year}–{end})"

    def holds_in(self, year):
        return self.start_year <= year and (self.end_year is None or year <= self.end_year)


class Author(SlugMixin, models.Model):
    slug_source = "pen_name"
    url_name = "articles:author"

    pen_name = models.CharField(
        _("pen name"), max_length=120, unique=True, help_text=_('The byline readers see, e.g. "Đ. Thắng".')
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="authors"
    )
    slug = models.SlugField(_("slug"), max_length=140, unique=True, blank=True)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["pen_name"]

    def __str__(self):
        return self.pen_name

    def article_filter(self):
        """Q selecting the articles this author signs: `id IN` their bylines, no second join of the articles."""
        return Q(pk__in=self.articles.through.objects.filter(author_id=self.pk).values("article_id"))


class Category(SlugMixin, models.Model):
    url_name = "articles:category"

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    needs_signoff = models.BooleanField(
        _("needs the leadership's sign-off"),
        default=False,
        help_text=_(
            "An editor's approval sends the section's articles to the leadership (Lãnh đạo duyệt), who publish "
            "them. Sub-sections of such a section need it too."
        ),
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def requires_signoff(self):
        """Whether this section's articles go to the leadership after the editor (its own flag or its parent's)."""
        return self.needs_signoff or bool(self.parent_id and self.parent.needs_signoff)
