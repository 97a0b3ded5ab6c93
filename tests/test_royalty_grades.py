"""Grading (chấm nhuận bút): coefficient ranges, genre kinds, co-authors' shares, only published articles."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import ArticleGrade, Genre, GradeShare, PhotoGrade, RoyaltyMonth
from articles.models.royalties import equal_shares
from articles.text import VIETNAM_TZ
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    GenreFactory,
    PhotoFactory,
    PublishedArticleFactory,
    grade_article,
)

pytestmark = pytest.mark.django_db
JULY = datetime(2020, 7, 7, 9, 0, tzinfo=VIETNAM_TZ)


@pytest.fixture
def tin():
    return GenreFactory(name="Tin", min_coefficient=Decimal("1"), max_coefficient=Decimal("3"))


@pytest.mark.parametrize("coefficient", ["1", "2.5", "3"])
def test_a_coefficient_inside_the_genres_range_is_accepted_and_points_are_stored(tin, coefficient):
    grade = grade_article(genre=tin, coefficient=coefficient)
    grade.refresh_from_db()
    assert grade.points == Decimal(coefficient) * 10


@pytest.mark.parametrize("coefficient", ["0.99", "3.01", "0"])
def test_a_coefficient_outside_the_genres_range_is_refused_in_vietnamese(tin, coefficient):
    with pytest.raises(ValidationError) as refused:
        grade_article(genre=tin, coefficient=coefficient)
    assert "“Tin” phải từ 1 đến 3" in str(refused.value)
    assert not ArticleGrade.objects.exists()


def test_a_photo_genre_cannot_grade_an_article():
    photo_genre = GenreFactory(name="Ảnh", kind=Genre.Kind.PHOTO)
    with pytest.raises(ValidationError, match="không dành cho bài viết"):
        grade_article(genre=photo_genre, coefficient="2")


def test_points_stay_as_graded_when_the_genre_table_changes_later(tin):
    grade = grade_article(genre=tin, coefficient="2")
    Genre.objects.filter(pk=tin.pk).update(points_per_coefficient=Decimal("50"))
    grade.refresh_from_db()
    assert grade.points == Decimal("20.00")


def test_grade_goes_to_the_month_of_the_publication_in_vietnam_time(tin):
    # 31/07/2020 23:30 in Vietnam is still July there, although it is 16:30 UTC.
    article = PublishedArticleFactory(published_at=datetime(2020, 7, 31, 23, 30, tzinfo=VIETNAM_TZ))
    grade = grade_article(article, tin)
    assert grade.month.label == "07/2020"
    assert RoyaltyMonth.objects.get().point_value is None


@pytest.mark.parametrize("state", ["draft", "submitted", "unpublished", "trashed", "scheduled"])
def test_only_published_articles_can_be_graded(tin, state):
    if state == "scheduled":
        article = PublishedArticleFactory(published_at=timezone.now() + timedelta(hours=1))
    else:
        article = ArticleFactory(status=state, published_at=JULY)
    with pytest.raises(ValidationError, match="Chỉ chấm nhuận bút bài đã xuất bản"):
        grade_article(article, tin)
    assert not ArticleGrade.objects.exists()


def test_a_photo_of_an_unpublished_article_cannot_be_graded():
    photo = PhotoFactory(article=ArticleFactory(status="draft"), photographer=AuthorFactory())
    grade = PhotoGrade(photo=photo, genre=GenreFactory(name="Ảnh", kind=Genre.Kind.PHOTO), coefficient=1)
    with pytest.raises(ValidationError, match="Chỉ chấm nhuận bút bài đã xuất bản"):
        grade.save()


def test_co_authors_share_equally_by_default(tin):
    a, b, c = AuthorFactory(pen_name="A"), AuthorFactory(pen_name="B"), AuthorFactory(pen_name="C")
    grade = grade_article(PublishedArticleFactory(authors=[a, b, c]), tin, coefficient="3")
    shares = {share.author.pen_name: share.percent for share in grade.shares.all()}
    assert shares == {"A": Decimal("33.34"), "B": Decimal("33.33"), "C": Decimal("33.33")}
    assert sum(shares.values()) == 100


@pytest.mark.parametrize("count", [1, 2, 3, 6, 7, 9])
def test_equal_shares_always_sum_to_100(count):
    shares = equal_shares(count)
    assert len(shares) == count and sum(shares) == 100
    assert max(shares) - min(shares) <= Decimal("0.01")


@pytest.mark.parametrize("percents", [("60", "30"), ("60", "50"), ("100", "0.01")])
def test_shares_that_do_not_sum_to_100_are_refused(tin, percents):
    a, b = AuthorFactory(pen_name="A"), AuthorFactory(pen_name="B")
    article = PublishedArticleFactory(authors=[a, b])
    with pytest.raises(ValidationError, match="phải cộng lại đủ 100%"):
        grade_article(article, tin, shares={a: percents[0], b: percents[1]})
    assert not ArticleGrade.objects.exists() and not GradeShare.objects.exists()


def test_shares_set_at_grading_are_kept(tin):
    a, b = AuthorFactory(pen_name="A"), AuthorFactory(pen_name="B")
    grade = grade_article(PublishedArticleFactory(authors=[a, b]), tin, shares={a: "70", b: "30"})
    assert {s.author_id: s.percent for s in grade.shares.all()} == {a.pk: 70, b.pk: 30}
    assert [s.points for s in grade.shares.order_by("pk")] == [Decimal("14"), Decimal("6")]


def test_regrading_replaces_the_grade_and_shares(tin):
    a, b = AuthorFactory(pen_name="A"), AuthorFactory(pen_name="B")
    article = PublishedArticleFactory(authors=[a, b])
    grade_article(article, tin, coefficient="1")
    grade = grade_article(article, tin, coefficient="3", shares={a: "100"})
    assert ArticleGrade.objects.count() == 1 and grade.points == Decimal("30")
    assert list(grade.shares.values_list("author", "percent")) == [(a.pk, Decimal("100"))]


def test_photo_grade_goes_to_the_author_named_by_the_credit():
    author = AuthorFactory(pen_name="Đ. Thắng")
    photo = PhotoFactory(article=PublishedArticleFactory(), credit="Đ. Thắng")
    genre = GenreFactory(name="Ảnh", kind=Genre.Kind.PHOTO, min_coefficient=1, max_coefficient=2)
    grade = PhotoGrade(photo=photo, genre=genre, coefficient=Decimal("1.5"))
    grade.save()
    assert grade.photographer == author and grade.points == Decimal("15")


def test_photo_without_photographer_or_known_credit_is_refused():
    photo = PhotoFactory(article=PublishedArticleFactory(), credit="Ai đó")
    genre = GenreFactory(name="Ảnh", kind=Genre.Kind.PHOTO)
    with pytest.raises(ValidationError, match="tác giả ảnh"):
        PhotoGrade(photo=photo, genre=genre, coefficient=1).save()
