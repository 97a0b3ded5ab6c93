"""Demo royalties for load_demo: the genre table, and the published demo articles graded over two months.

07/2020 (the conference report) is graded, valued and closed by the leadership; 11/2026 is
graded and valued but still open, with one co-authored article (60/40) and a contributor's
photos. Safe to run again: genres are looked up by name, graded articles and photos are
left as they are, and a month is closed only once (never again after someone reopened it).
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Article, ArticleGrade, Author, Genre, Photo, PhotoGrade, RoyaltyMonth, Unit
from .models.royalties import month_start

# name -> (kind, min coefficient, max coefficient, points per coefficient, order)
GENRES = {
    "Tin": (Genre.Kind.ARTICLE, "1", "3", "10", 0),
    "Bài": (Genre.Kind.ARTICLE, "2", "6", "10", 1),
    "Phóng sự": (Genre.Kind.ARTICLE, "5", "10", "12", 2),
    "Ảnh": (Genre.Kind.PHOTO, "1", "3", "5", 3),
}
# The genre and coefficient of each demo article, by its place in publication order.
GRADING = [("Tin", "2"), ("Bài", "4"), ("Phóng sự", "7"), ("Tin", "3"), ("Bài", "3")]
POINT_VALUES = {"2020-07": 40_000, "2026-11": 45_000}
CLOSED_MONTH = "2020-07"
PHOTOGRAPHER = ("Văn Phong", "Nguyễn Văn Phong", "Công an huyện Diễn Châu")  # a contributor from a district
CO_AUTHOR = "Thu Hà"


def load(stdout):
    User = get_user_model()
    editor = User.objects.filter(username="bientapvien").first()
    leader = User.objects.filter(username="lanhdao").first()
    with transaction.atomic():
        genres = {}
        for name, (kind, low, high, points, order) in GENRES.items():
            genres[name], _created = Genre.objects.get_or_create(
                name=name,
                defaults={"kind": kind, "min_coefficient": Decimal(low), "max_coefficient": Decimal(high),
                          "points_per_coefficient": Decimal(points), "order": order},
            )  # fmt: skip
        pen_name, full_name, unit_name = PHOTOGRAPHER
        photographer = Author.objects.filter(pen_name=pen_name).first() or Author.objects.create(
            pen_name=pen_name, full_name=full_name, unit=Unit.objects.filter(name=unit_name).first()
        )
        co_author = Author.objects.filter(pen_name=CO_AUTHOR).first()
        graded = 0
        articles = Article.objects.published().order_by("published_at", "pk").prefetch_related("photos")
        for index, article in enumerate(articles):
            if ArticleGrade.objects.filter(article=article).exists():
                continue
            month = RoyaltyMonth.for_date(month_start(article.published_at))
            if month.is_closed:
                continue
            genre, coefficient = GRADING[index % len(GRADING)]
            shares = None
            byline = article.ordered_authors()
            if index == 1 and co_author and byline and co_author not in byline:
                shares = {byline[0]: Decimal(60), co_author: Decimal(40)}
            ArticleGrade.grade(article, genres[genre], Decimal(coefficient), user=editor, shares=shares)
            graded += 1
            for photo in list(article.photos.all())[:1]:
                if index % 2 == 0 and not PhotoGrade.objects.filter(photo=photo).exists():
                    Photo.objects.filter(pk=photo.pk, photographer=None).update(photographer=photographer)
                    PhotoGrade(photo=photo, genre=genres["Ảnh"], coefficient=Decimal(2), photographer=photographer,
                               graded_by=editor).save()  # fmt: skip
        for label, value in POINT_VALUES.items():
            year, number = (int(part) for part in label.split("-"))
            month = RoyaltyMonth.objects.filter(month__year=year, month__month=number).first()
            if month is None:
                continue
            if month.point_value is None and not month.is_closed:
                month.point_value = value
                month.save()
            if label == CLOSED_MONTH and leader and not month.is_closed and not month.events.exists():
                month.close(leader)
    stdout.write(_("Royalties: %(graded)d articles graded.") % {"graded": graded})
