"""Royalties (nhuận bút): the genre table, each month's value of one point and its lock (grades: royalty_grades.py).

A grade's points are its coefficient times its genre's points per coefficient, stored when
it is graded, so a later change to the genre table never changes a graded month. A month's
amount is points times that month's value of one point. A closed month refuses every change
to its grades, shares and value: in clean() for forms, and in save(), delete() and the
querysets' update() and delete() for every other route.
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..text import to_vietnam

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


class MonthClosed(ValidationError):
    """A change to a closed month's royalties; str() is the Vietnamese message for the user."""


def month_start(value):
    """The first day of the Vietnam-time month of a datetime (None stays None)."""
    if value is None:
        return None
    local = to_vietnam(value)
    return local.date().replace(day=1)


def decimal_vi(value):
    """A coefficient or percentage as Vietnamese writes it: Decimal("2.50") -> "2,5"."""
    return f"{value.normalize():f}".replace(".", ",")


def closed_error(month):
    return MonthClosed(
        _(
            "The royalties of %(month)s are closed: grades and the value of one point can no longer change. "
            "Only an administrator can reopen the month."
        )
        % {"month": month.label},
        code="month_closed",
    )


def equal_shares(count):
    """`count` percentages with two decimals that sum to exactly 100 (the first ones take the odd cents)."""
    if count <= 0:
        return []
    base = (HUNDRED / count).quantize(CENT, rounding=ROUND_DOWN)
    extra = int((HUNDRED - base * count) / CENT)
    return [base + CENT if index < extra else base for index in range(count)]


class Genre(models.Model):
    """A row of the paper's grading table: a genre, its coefficient range and what one coefficient is worth."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Articles")
        PHOTO = "photo", _("Photos")

    name = models.CharField(_("name"), max_length=80, unique=True)
    kind = models.CharField(_("graded"), max_length=10, choices=Kind.choices, default=Kind.ARTICLE)
    min_coefficient = models.DecimalField(
        _("minimum coefficient"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    max_coefficient = models.DecimalField(
        _("maximum coefficient"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    points_per_coefficient = models.DecimalField(
        _("points per coefficient"),
        max_digits=7,
        decimal_places=2,
        default=Decimal(10),
        validators=[MinValueValidator(0)],
        help_text=_("A grade's points are its coefficient times this number."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("genre")
        verbose_name_plural = _("genres")
        ordering = ["kind", "order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_coefficient__gte=0, max_coefficient__gte=F("min_coefficient")),
                name="genre_coefficient_range",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if (
            self.min_coefficient is not None
            and self.max_coefficient is not None
            and self.min_coefficient > self.max_coefficient
        ):
            raise ValidationError(
                {"max_coefficient": _("The maximum coefficient cannot be below the minimum.")}, code="range"
            )

    def points_for(self, coefficient):
        return (coefficient * self.points_per_coefficient).quantize(CENT, rounding=ROUND_HALF_UP)


class RoyaltyMonth(models.Model):
    """A month of royalties: the value of one point, and whether the month is closed."""

    month = models.DateField(_("month"), unique=True, help_text=_("The first day of the month."))
    point_value = models.PositiveIntegerField(
        _("value of one point"), null=True, blank=True, help_text=_("In đồng. Empty until the paper decides it.")
    )
    is_closed = models.BooleanField(_("closed"), default=False, editable=False)

    class Meta:
        verbose_name = _("royalty month")
        verbose_name_plural = _("royalty months")
        ordering = ["-month"]
        permissions = [("close_royaltymonth", _("Can close a month's royalties"))]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        self.month = self.month.replace(day=1)
        with transaction.atomic():
            if self.pk:
                stored = RoyaltyMonth.objects.select_for_update().filter(pk=self.pk).first()
                if stored is not None:
                    self.check_changeable(stored)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_closed:
            raise closed_error(self)
        return super().delete(*args, **kwargs)

    def clean(self):
        stored = RoyaltyMonth.objects.filter(pk=self.pk).first() if self.pk else None
        if stored is not None:
            self.check_changeable(stored)

    def check_changeable(self, stored):
        if stored.is_closed:
            raise closed_error(stored)
        if self.month and stored.month != self.month.replace(day=1):
            # Its grades were made for that month: the date is the month's identity.
            raise ValidationError({"month": _("The month of a saved royalty month cannot change.")})

    @property
    def label(self):
        return f"{self.month:%m/%Y}" if self.month else ""

    @classmethod
    def for_date(cls, day, lock=False):
        """The month of `day` (a date), created on first use without a value."""
        month, _created = cls.objects.get_or_create(month=day.replace(day=1))
        if lock:
            month = cls.objects.select_for_update().get(pk=month.pk)
        return month

    def close(self, user):
        """Close the month: its grades and value are final. Needs the close permission and a value."""
        if not (user.is_superuser or user.has_perm("articles.close_royaltymonth")):
            raise PermissionDenied(_("You may not close a month's royalties."))
        self._set_closed(True, user)

    def reopen(self, user):
        """Reopen a closed month (an administrator only), recorded like the closing."""
        if not user.is_superuser:
            raise PermissionDenied(_("Only an administrator can reopen a month."))
        self._set_closed(False, user)

    def _set_closed(self, closed, user):
        with transaction.atomic():
            locked = RoyaltyMonth.objects.select_for_update().get(pk=self.pk)
            if locked.is_closed == closed:
                return
            if closed and locked.point_value is None:
                raise ValidationError(_("Set the value of one point before closing %(month)s.") % {"month": self.label})
            RoyaltyMonth.objects.filter(pk=self.pk).update(is_closed=closed)
            action = RoyaltyMonthEvent.Action.CLOSED if closed else RoyaltyMonthEvent.Action.REOPENED
            RoyaltyMonthEvent.objects.create(month=self, action=action, actor=user)
        self.is_closed = closed


class RoyaltyMonthEvent(models.Model):
    """Who closed or reopened a month, and when."""

    class Action(models.TextChoices):
        CLOSED = "closed", _("Closed")
        REOPENED = "reopened", _("Reopened")

    month = models.ForeignKey(RoyaltyMonth, verbose_name=_("month"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("closing or reopening")
        verbose_name_plural = _("closings and reopenings")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.month}: {self.get_action_display()}"
