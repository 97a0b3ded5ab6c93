"""Royalties (nhuận bút): the genre table, each month's point value and lock, the grades of articles and photos.

A grade's points are its coefficient times its genre's points per coefficient, stored when
it is graded, so a later change to the genre table never changes a graded month. A month's
amount is points times that month's value of one point. A closed month refuses every change
to its grades, shares and value: in clean() for forms, and in save(), delete() and the
querysets' update() and delete() for every other route.
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..text import to_vietnam
from .article import Article
from .photo import Photo
from .public_data import Author

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
            if self.pk and RoyaltyMonth.objects.select_for_update().filter(pk=self.pk, is_closed=True).exists():
                raise closed_error(self)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_closed:
            raise closed_error(self)
        return super().delete(*args, **kwargs)

    def clean(self):
        if self.pk and RoyaltyMonth.objects.filter(pk=self.pk, is_closed=True).exists():
            raise closed_error(self)

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


class GradeQuerySet(models.QuerySet):
    """Bulk updates and deletes are refused when any row is in a closed month."""

    month_path = "month"

    def _refuse_closed(self):
        closed = RoyaltyMonth.objects.filter(is_closed=True, pk__in=self.values(self.month_path)).first()
        if closed is not None:
            raise closed_error(closed)

    def update(self, **kwargs):
        self._refuse_closed()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_closed()
        return super().delete()


class ShareQuerySet(GradeQuerySet):
    month_path = "grade__month"


class Grade(models.Model):
    """What article and photo grades share: genre, coefficient, stored points, month, who graded."""

    genre_kind = Genre.Kind.ARTICLE

    genre = models.ForeignKey(Genre, verbose_name=_("genre"), on_delete=models.PROTECT, related_name="+")
    coefficient = models.DecimalField(_("coefficient"), max_digits=5, decimal_places=2)
    points = models.DecimalField(_("points"), max_digits=9, decimal_places=2, editable=False)
    month = models.ForeignKey(
        RoyaltyMonth, verbose_name=_("month"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("graded by"), null=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )  # fmt: skip
    graded_at = models.DateTimeField(_("graded at"), auto_now=True)

    objects = GradeQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with transaction.atomic():
            self.check_rules()
            self.month = RoyaltyMonth.for_date(self.month_day(), lock=True)
            if self.month.is_closed:  # closed while this request ran
                raise closed_error(self.month)
            self.points = self.genre.points_for(self.coefficient)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            self.check_unlocked()
            return super().delete(*args, **kwargs)

    def clean(self):
        self.check_rules()

    # --- the rules --------------------------------------------------------------

    def published_article(self):
        """The article graded (the photo's article for a photo), if readers may see it; else None."""
        raise NotImplementedError

    def has_subject(self):
        raise NotImplementedError

    def month_day(self):
        article = self.published_article()
        return month_start(article.published_at) if article else None

    def locked_month(self):
        """The closed month this grade is in or would move to, or None."""
        months = Q(pk__in=type(self).objects.filter(pk=self.pk).values("month")) if self.pk else Q(pk__in=[])
        day = self.month_day()
        if day is not None:
            months |= Q(month=day)
        return RoyaltyMonth.objects.filter(months, is_closed=True).first()

    def check_unlocked(self):
        month = self.locked_month()
        if month is not None:
            raise closed_error(month)

    def check_rules(self):
        """Raise ValidationError unless the grade may be stored: month open, published, genre and range right."""
        self.check_unlocked()
        if not self.has_subject():
            return  # the form reports the missing article or photo itself
        if self.published_article() is None:
            raise ValidationError(_("Only published articles can be graded."), code="unpublished")
        if self.genre_id is None or self.coefficient is None:
            return  # the form reports the missing field itself
        genre = self.genre
        if genre.kind != self.genre_kind:
            raise ValidationError({"genre": _("This genre is not for %(kind)s.") % {"kind": self.kind_label()}})
        if not genre.min_coefficient <= self.coefficient <= genre.max_coefficient:
            raise ValidationError(
                {
                    "coefficient": _("The coefficient of “%(genre)s” must be between %(low)s and %(high)s.")
                    % {
                        "genre": genre.name,
                        "low": decimal_vi(genre.min_coefficient),
                        "high": decimal_vi(genre.max_coefficient),
                    }
                },
                code="range",
            )

    def kind_label(self):
        return Genre.Kind(self.genre_kind).label.lower()


class ArticleGrade(Grade):
    article = models.OneToOneField(Article, verbose_name=_("article"), on_delete=models.PROTECT, related_name="grade")

    class Meta:
        verbose_name = _("article grade")
        verbose_name_plural = _("article grades")
        ordering = ["-month__month", "-graded_at", "-pk"]

    def __str__(self):
        return str(self.article) if self.article_id else "—"

    def has_subject(self):
        return self.article_id is not None

    def published_article(self):
        if not self.article_id:
            return None
        return Article.objects.published().filter(pk=self.article_id).only("pk", "published_at").first()

    @staticmethod
    def check_percentages(percents):
        total = sum(percents, Decimal(0))
        if total != HUNDRED:
            raise ValidationError(
                _("The authors' shares must sum to 100%% (now %(total)s%%).") % {"total": decimal_vi(total)},
                code="shares",
            )

    @classmethod
    def grade(cls, article, genre, coefficient, *, user, shares=None, note=""):
        """Grade (or regrade) `article`; `shares` is {author: percent}, equal among the byline by default."""
        with transaction.atomic():
            grade = cls.objects.filter(article=article).first() or cls(article=article)
            grade.genre, grade.coefficient, grade.note, grade.graded_by = genre, Decimal(coefficient), note, user
            if shares is None:
                authors = article.ordered_authors()
                if not authors:
                    raise ValidationError(_("The article has no author to credit."), code="no_author")
                shares = dict(zip(authors, equal_shares(len(authors)), strict=True))
            shares = {author: Decimal(percent) for author, percent in shares.items()}
            cls.check_percentages(shares.values())
            grade.save()
            grade.shares.all().delete()
            GradeShare.objects.bulk_create(
                [GradeShare(grade=grade, author=author, percent=percent) for author, percent in shares.items()]
            )
        return grade

    def share_equally(self):
        """Give the byline equal shares (when the grader named none)."""
        authors = self.article.ordered_authors()
        GradeShare.objects.bulk_create(
            [
                GradeShare(grade=self, author=author, percent=percent)
                for author, percent in zip(authors, equal_shares(len(authors)), strict=True)
            ]
        )


class GradeShare(models.Model):
    """A co-author's percentage of an article's points."""

    grade = models.ForeignKey(ArticleGrade, verbose_name=_("grade"), on_delete=models.CASCADE, related_name="shares")
    author = models.ForeignKey(Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+")
    percent = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(CENT), MaxValueValidator(HUNDRED)],
    )

    objects = ShareQuerySet.as_manager()

    class Meta:
        verbose_name = _("author's share")
        verbose_name_plural = _("authors' shares")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["grade", "author"], name="unique_grade_author"),
            models.CheckConstraint(condition=Q(percent__gt=0, percent__lte=100), name="share_percent_range"),
        ]

    def __str__(self):
        return f"{self.author}: {self.percent}%"

    def save(self, *args, **kwargs):
        self.check_unlocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.check_unlocked()
        return super().delete(*args, **kwargs)

    def clean(self):
        self.check_unlocked()

    def check_unlocked(self):
        try:
            grade = self.grade  # on an add form, the unsaved grade the inline belongs to
        except ArticleGrade.DoesNotExist:
            return
        grade.check_unlocked()

    @property
    def points(self):
        return self.grade.points * self.percent / HUNDRED


class PhotoGrade(Grade):
    """A photo's grade, all of it to its photographer."""

    genre_kind = Genre.Kind.PHOTO

    photo = models.OneToOneField(Photo, verbose_name=_("photo"), on_delete=models.PROTECT, related_name="grade")
    photographer = models.ForeignKey(
        Author, verbose_name=_("photographer"), on_delete=models.PROTECT, related_name="+", blank=True,
        help_text=_("Empty: the photo's photographer, or the author whose pen name is the photo's credit."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("photo grade")
        verbose_name_plural = _("photo grades")
        ordering = ["-month__month", "-graded_at", "-pk"]

    def __str__(self):
        return str(self.photo) if self.photo_id else "—"

    def has_subject(self):
        return self.photo_id is not None

    def published_article(self):
        if not self.photo_id:
            return None
        photos = Photo.objects.filter(pk=self.photo_id).values("article")
        return Article.objects.published().filter(pk__in=photos).only("pk", "published_at").first()

    def check_rules(self):
        super().check_rules()
        if self.photo_id and not self.photographer_id:
            photo = self.photo
            self.photographer_id = photo.photographer_id or (
                Author.objects.filter(pen_name=photo.credit.strip()).values_list("pk", flat=True).first()
                if photo.credit.strip()
                else None
            )
        if not self.photographer_id:
            raise ValidationError(
                {"photographer": _("Name the photographer: the photo has none, and its credit is no author.")}
            )

    def kind_label(self):
        return _("photos")
