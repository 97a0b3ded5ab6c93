"""Closing a month of royalties (khóa tháng): nothing about it changes by any route; only a superuser reopens."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from articles.models import ArticleGrade, Genre, GradeShare, PhotoGrade, RoyaltyMonth, RoyaltyMonthEvent
from articles.text import VIETNAM_TZ
from tests.admin_client import form_data
from tests.factories import AuthorFactory, GenreFactory, PhotoFactory, PublishedArticleFactory, grade_article

pytestmark = pytest.mark.django_db
JULY = datetime(2020, 7, 7, 9, 0, tzinfo=VIETNAM_TZ)
CLOSED = "Nhuận bút tháng 07/2020 đã khóa"


@pytest.fixture
def closed_grade(chief):
    a, b = AuthorFactory(pen_name="A"), AuthorFactory(pen_name="B")
    grade = grade_article(PublishedArticleFactory(published_at=JULY, authors=[a, b]), GenreFactory(), "2")
    month = grade.month
    month.point_value = 50_000
    month.save()
    month.close(chief)
    return grade


def test_closing_records_who_and_when(closed_grade, chief):
    month = RoyaltyMonth.objects.get()
    assert month.is_closed
    event = RoyaltyMonthEvent.objects.get()
    assert (event.month, event.action, event.actor) == (month, "closed", chief)


def test_a_month_without_a_point_value_cannot_be_closed(chief):
    month = RoyaltyMonth.objects.create(month=JULY.date())
    with pytest.raises(ValidationError, match="Hãy đặt giá trị một điểm trước khi khóa tháng 07/2020"):
        month.close(chief)
    month.refresh_from_db()
    assert not month.is_closed


def test_an_editor_cannot_close_and_nobody_but_the_superuser_reopens(closed_grade, moderator, chief, superuser):
    month = RoyaltyMonth.objects.get()
    with pytest.raises(PermissionDenied):
        month.reopen(chief)
    month.reopen(superuser)
    month.refresh_from_db()
    assert not month.is_closed
    with pytest.raises(PermissionDenied):
        month.close(moderator)
    assert list(RoyaltyMonthEvent.objects.order_by("pk").values_list("action", "actor__username")) == [
        ("closed", chief.username),
        ("reopened", superuser.username),
    ]


def test_a_closed_grade_refuses_save_delete_and_queryset_changes(closed_grade):
    closed_grade.coefficient = Decimal("3")
    for attempt in (closed_grade.save, closed_grade.delete, closed_grade.full_clean):
        with pytest.raises(ValidationError, match=CLOSED):
            attempt()
    with pytest.raises(ValidationError, match=CLOSED):
        ArticleGrade.objects.filter(pk=closed_grade.pk).update(coefficient=3)
    with pytest.raises(ValidationError, match=CLOSED):
        ArticleGrade.objects.all().delete()
    share = closed_grade.shares.first()
    share.percent = Decimal("10")
    for attempt in (share.save, share.delete, share.full_clean):
        with pytest.raises(ValidationError, match=CLOSED):
            attempt()
    with pytest.raises(ValidationError, match=CLOSED):
        GradeShare.objects.filter(grade=closed_grade).update(percent=50)
    stored = ArticleGrade.objects.get()
    assert stored.coefficient == 2 and stored.points == 20
    assert sorted(GradeShare.objects.values_list("percent", flat=True)) == [50, 50]


def test_regrading_through_the_model_method_is_refused(closed_grade):
    with pytest.raises(ValidationError, match=CLOSED):
        ArticleGrade.grade(closed_grade.article, closed_grade.genre, Decimal("3"), user=None)
    assert ArticleGrade.objects.get().coefficient == 2


def test_a_new_grade_in_a_closed_month_is_refused(closed_grade):
    with pytest.raises(ValidationError, match=CLOSED):
        grade_article(PublishedArticleFactory(published_at=JULY), closed_grade.genre)
    photo = PhotoFactory(article=PublishedArticleFactory(published_at=JULY), photographer=AuthorFactory())
    with pytest.raises(ValidationError, match=CLOSED):
        PhotoGrade(photo=photo, genre=GenreFactory(name="Ảnh", kind=Genre.Kind.PHOTO), coefficient=1).save()
    assert ArticleGrade.objects.count() == 1 and not PhotoGrade.objects.exists()


def test_the_point_value_of_a_closed_month_cannot_change(closed_grade):
    month = RoyaltyMonth.objects.get()
    month.point_value = 60_000
    for attempt in (month.save, month.full_clean, month.delete):
        with pytest.raises(ValidationError, match=CLOSED):
            attempt()
    assert RoyaltyMonth.objects.get().point_value == 50_000


def test_a_reopened_month_takes_changes_again(closed_grade, superuser):
    RoyaltyMonth.objects.get().reopen(superuser)
    grade = grade_article(closed_grade.article, closed_grade.genre, "3")
    assert grade.points == 30


def test_admin_post_changing_a_closed_grade_is_refused_with_the_message(client, closed_grade, moderator):
    client.force_login(moderator)
    url = f"/admin/articles/articlegrade/{closed_grade.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert "07/2020 đã khóa" in page.content.decode()
    response = client.post(url, form_data(page, coefficient="3"))
    assert response.status_code == 200  # the form again, with the error
    assert CLOSED in response.content.decode()
    assert ArticleGrade.objects.get().coefficient == 2


def test_admin_post_changing_a_share_of_a_closed_grade_is_refused(client, closed_grade, moderator):
    client.force_login(moderator)
    url = f"/admin/articles/articlegrade/{closed_grade.pk}/change/"
    data = form_data(client.get(url), **{"shares-0-percent": "70", "shares-1-percent": "30"})
    response = client.post(url, data)
    assert CLOSED in response.content.decode()
    assert sorted(GradeShare.objects.values_list("percent", flat=True)) == [50, 50]


def test_admin_cannot_delete_a_closed_grade(client, closed_grade, superuser):
    client.force_login(superuser)
    response = client.post(f"/admin/articles/articlegrade/{closed_grade.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert ArticleGrade.objects.exists()


def test_admin_post_adding_a_grade_to_a_closed_month_is_refused(client, closed_grade, moderator):
    client.force_login(moderator)
    article = PublishedArticleFactory(published_at=JULY)
    page = client.get("/admin/articles/articlegrade/add/")
    data = form_data(page, article=str(article.pk), genre=str(closed_grade.genre.pk), coefficient="2")
    response = client.post("/admin/articles/articlegrade/add/", data)
    assert CLOSED in response.content.decode()
    assert not ArticleGrade.objects.filter(article=article).exists()


def test_admin_post_changing_the_value_of_a_closed_month_is_refused(client, closed_grade, chief):
    client.force_login(chief)
    month = RoyaltyMonth.objects.get()
    url = f"/admin/articles/royaltymonth/{month.pk}/change/"
    response = client.post(url, form_data(client.get(url), point_value="90000"))
    assert response.status_code == 200
    assert CLOSED in response.content.decode()
    assert RoyaltyMonth.objects.get().point_value == 50_000


def test_admin_actions_close_and_reopen(client, chief, superuser):
    month = RoyaltyMonth.objects.create(month=JULY.date(), point_value=40_000)
    client.force_login(chief)
    changelist = "/admin/articles/royaltymonth/"
    response = client.post(changelist, {"action": "close_months", "_selected_action": [month.pk]}, follow=True)
    assert "Đã xử lý xong 1 tháng." in response.content.decode()
    month.refresh_from_db()
    assert month.is_closed
    # The reopen action is not offered to the leadership, and a crafted POST does nothing.
    assert "reopen_months" not in client.get(changelist).content.decode()
    client.post(changelist, {"action": "reopen_months", "_selected_action": [month.pk]})
    month.refresh_from_db()
    assert month.is_closed
    client.force_login(superuser)
    client.post(changelist, {"action": "reopen_months", "_selected_action": [month.pk]})
    month.refresh_from_db()
    assert not month.is_closed
    assert RoyaltyMonthEvent.objects.filter(action="reopened", actor=superuser).exists()


def test_the_date_of_a_saved_month_cannot_change(closed_grade, superuser):
    month = RoyaltyMonth.objects.get()
    month.reopen(superuser)
    month.month = month.month.replace(month=8)
    with pytest.raises(ValidationError, match="Không thể đổi tháng"):
        month.save()
    assert RoyaltyMonth.objects.get().label == "07/2020"
