"""Grading in the admin: from the report's to-do list to the add form with the byline's equal shares, and its errors."""

from datetime import datetime

import pytest

from articles.models import ArticleGrade, Genre, PhotoGrade
from articles.text import VIETNAM_TZ
from tests.admin_client import form_data
from tests.factories import ArticleFactory, AuthorFactory, GenreFactory, PhotoFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db
JULY = datetime(2020, 7, 7, 9, 0, tzinfo=VIETNAM_TZ)
ADD = "/admin/articles/articlegrade/add/"


@pytest.fixture
def article():
    return PublishedArticleFactory(
        published_at=JULY, title="Hội nghị tổng kết", authors=[AuthorFactory(pen_name="A"), AuthorFactory(pen_name="B")]
    )


def test_the_report_lists_ungraded_articles_and_grading_one_from_there(client, moderator, article):
    tin = GenreFactory(name="Tin")
    GenreFactory(name="Ảnh", kind=Genre.Kind.PHOTO)
    client.force_login(moderator)
    report = client.get("/admin/articles/royaltymonth/report/", {"month": "2020-07"}).content.decode()
    link = f"{ADD}?article={article.pk}"
    assert "Hội nghị tổng kết" in report and link in report
    page = client.get(link)
    shares = page.context["inline_admin_formsets"][0].formset
    assert [(form["author"].value(), str(form["percent"].value())) for form in shares.forms] == [
        (article.ordered_authors()[0].pk, "50.00"),
        (article.ordered_authors()[1].pk, "50.00"),
    ]
    genres = page.context["adminform"].form.fields["genre"].queryset
    assert list(genres) == [tin]  # article genres only
    response = client.post(ADD, form_data(page, genre=str(tin.pk), coefficient="2"))
    assert response.status_code == 302
    grade = ArticleGrade.objects.get(article=article)
    assert grade.graded_by == moderator and grade.points == 20
    assert sorted(grade.shares.values_list("percent", flat=True)) == [50, 50]
    report = client.get("/admin/articles/royaltymonth/report/", {"month": "2020-07"}).content.decode()
    assert link not in report


def post_add(client, article, genre, shares=(), coefficient="2"):
    data = {
        "article": str(article.pk), "genre": str(genre.pk), "coefficient": coefficient, "note": "",
        "shares-TOTAL_FORMS": str(len(shares)), "shares-INITIAL_FORMS": "0",
        "shares-MIN_NUM_FORMS": "0", "shares-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for index, (author, percent) in enumerate(shares):
        data[f"shares-{index}-author"] = str(author.pk)
        data[f"shares-{index}-percent"] = percent
    return client.post(ADD, data)


def test_no_shares_given_means_equal_shares_of_the_byline(client, moderator, article):
    client.force_login(moderator)
    assert post_add(client, article, GenreFactory()).status_code == 302
    assert sorted(ArticleGrade.objects.get().shares.values_list("percent", flat=True)) == [50, 50]


def test_shares_not_summing_to_100_are_a_form_error(client, moderator, article):
    a, b = article.ordered_authors()
    client.force_login(moderator)
    response = post_add(client, article, GenreFactory(), shares=[(a, "70"), (b, "20")])
    assert response.status_code == 200
    assert "Tỷ lệ của các tác giả phải cộng lại đủ 100% (hiện là 90%)." in response.content.decode()
    assert not ArticleGrade.objects.exists()
    assert post_add(client, article, GenreFactory(), shares=[(a, "70"), (b, "30")]).status_code == 302
    assert {s.author: s.percent for s in ArticleGrade.objects.get().shares.all()} == {a: 70, b: 30}


def test_a_coefficient_out_of_range_is_a_form_error(client, moderator, article):
    client.force_login(moderator)
    response = post_add(client, article, GenreFactory(), coefficient="7")
    assert "Hệ số của thể loại “Tin” phải từ 1 đến 3." in response.content.decode()
    assert not ArticleGrade.objects.exists()


def test_grading_a_draft_through_the_admin_is_a_form_error(client, moderator):
    draft = ArticleFactory(title="Bản nháp")
    client.force_login(moderator)
    response = post_add(client, draft, GenreFactory())
    assert response.status_code == 200
    assert "Chỉ chấm nhuận bút bài đã xuất bản." in response.content.decode()
    assert not ArticleGrade.objects.exists()


def test_a_preset_for_a_draft_or_junk_prefills_nothing(client, moderator):
    client.force_login(moderator)
    for value in (str(ArticleFactory().pk), "x", "99999999999999999999", "%00"):
        page = client.get(ADD, {"article": value})
        assert page.status_code == 200
        assert page.context["inline_admin_formsets"][0].formset.forms == []


def test_a_photo_is_graded_to_the_author_its_credit_names(client, moderator, article):
    photographer = AuthorFactory(pen_name="Văn Phong")
    photo = PhotoFactory(article=article, credit="Văn Phong")
    genre = GenreFactory(name="Ảnh", kind=Genre.Kind.PHOTO, min_coefficient=1, max_coefficient=3)
    client.force_login(moderator)
    data = {"photo": str(photo.pk), "photographer": "", "genre": str(genre.pk), "coefficient": "2", "note": ""}
    response = client.post("/admin/articles/photograde/add/", data)
    assert response.status_code == 302
    assert PhotoGrade.objects.get().photographer == photographer


def test_a_graded_photo_cannot_be_deleted_from_its_article_form(client, moderator, article):
    photo = PhotoFactory(article=article, photographer=AuthorFactory(pen_name="Văn Phong"))
    PhotoGrade(photo=photo, genre=GenreFactory(name="Ảnh", kind=Genre.Kind.PHOTO), coefficient=1).save()
    client.force_login(moderator)
    url = f"/admin/articles/article/{article.pk}/change/"
    page = client.get(url)
    prefix = page.context["inline_admin_formsets"][1].formset.prefix
    response = client.post(url, form_data(page, **{f"{prefix}-0-DELETE": "on"}))
    assert response.status_code == 200  # the form again, saying why
    assert PhotoGrade.objects.filter(photo=photo).exists()
    assert article.photos.filter(pk=photo.pk).exists()
