"""Royalty grades (chấm nhuận bút) of articles and photos, and the co-authors' shares of an article's points.

Every rule is checked in clean() (forms show it as an error) and again in save(): the
month must be open, the article published, the genre of the right kind and the
coefficient inside its range. Bulk update() and delete() refuse rows of a closed month.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .article import Article
from .photo import Photo
from .public_data import Author
from .royalties import CENT, HUNDRED, Genre, RoyaltyMonth, closed_error, decimal_vi, equal_shares, month_start


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
        Author, verbose_name=_("photo author"), on_delete=models.PROTECT, related_name="+", blank=True,
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
