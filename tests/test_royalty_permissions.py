"""Reporters read their own royalties only, by every route; editors read everybody's."""

import io
from datetime import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from openpyxl import load_workbook

from articles.models import ArticleGrade, Genre, PhotoGrade
from articles.text import VIETNAM_TZ
from tests.factories import (
    AuthorFactory,
    GenreFactory,
    PhotoFactory,
    PublishedArticleFactory,
    UnitFactory,
    UserFactory,
    grade_article,
)

pytestmark = pytest.mark.django_db
JULY = datetime(2020, 7, 7, 9, 0, tzinfo=VIETNAM_TZ)
REPORT = "/admin/articles/royaltymonth/report/"
EXPORT = "/admin/articles/royaltymonth/report.xlsx"


@pytest.fixture
def grades(reporter, other_reporter):
    unit = UnitFactory(name="Công an huyện Nghi Lộc")
    mine = AuthorFactory(pen_name="Bút danh của tôi", user=reporter, unit=unit)
    theirs = AuthorFactory(pen_name="Bút danh người khác", user=other_reporter, unit=unit)
    tin = GenreFactory(name="Tin")
    own = grade_article(PublishedArticleFactory(published_at=JULY, title="Bài của tôi", authors=[mine]), tin)
    other_article = PublishedArticleFactory(published_at=JULY, title="Bài người khác", authors=[theirs])
    other = grade_article(other_article, tin, "3")
    photo_genre = GenreFactory(name="Ảnh", kind=Genre.Kind.PHOTO)
    photo = PhotoGrade(photo=PhotoFactory(article=other_article, photographer=theirs), genre=photo_genre, coefficient=1)
    photo.save()
    return {"own": own, "other": other, "photo": photo, "mine": mine, "theirs": theirs, "unit": unit}


def no_trace_of_others(response):
    body = response.content.decode()
    assert "Bút danh người khác" not in body and "Bài người khác" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/admin/articles/articlegrade/",
        "/admin/articles/articlegrade/{other}/change/",
        "/admin/articles/articlegrade/{own}/change/",
        "/admin/articles/articlegrade/{other}/history/",
        "/admin/articles/articlegrade/add/",
        "/admin/articles/photograde/",
        "/admin/articles/photograde/{photo}/change/",
    ],
)
def test_reporters_open_no_grade_admin_page(client, reporter, grades, path):
    client.force_login(reporter)
    url = path.format(own=grades["own"].pk, other=grades["other"].pk, photo=grades["photo"].pk)
    response = client.get(url)
    assert response.status_code == 403
    no_trace_of_others(response)


def test_reporters_cannot_post_a_grade_change(client, reporter, grades):
    client.force_login(reporter)
    response = client.post(
        f"/admin/articles/articlegrade/{grades['own'].pk}/change/",
        {"coefficient": "3", "genre": grades["own"].genre_id},
    )
    assert response.status_code == 403
    assert ArticleGrade.objects.get(pk=grades["own"].pk).coefficient == 2


@pytest.mark.parametrize("model", [ArticleGrade, PhotoGrade])
def test_view_on_site_of_a_grade_is_a_404(client, reporter, grades, model):
    client.force_login(reporter)
    obj = grades["photo"] if model is PhotoGrade else grades["other"]
    content_type = ContentType.objects.get_for_model(model)
    response = client.get(f"/admin/r/{content_type.pk}/{obj.pk}/")
    assert response.status_code == 404 and "Location" not in response


@pytest.mark.parametrize(
    ("model_name", "field_name"),
    [("articlegrade", "article"), ("photograde", "photo"), ("photograde", "photographer"), ("articlegrade", "genre")],
)
def test_autocomplete_from_the_grade_forms_names_nothing_of_others(client, reporter, grades, model_name, field_name):
    """Django checks the searched model's admin: a reporter finds their own articles and photos, public
    authors, and never a grade, another reporter's article or their photo."""
    client.force_login(reporter)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": model_name, "field_name": field_name, "term": ""},
    )
    assert response.status_code in (200, 403)
    body = response.content.decode()
    assert "Bài người khác" not in body and "Toàn cảnh" not in body
    assert "điểm" not in body and "%" not in body


def test_no_autocomplete_searches_grades(client, reporter, grades):
    client.force_login(reporter)
    response = client.get(
        "/admin/autocomplete/", {"app_label": "articles", "model_name": "gradeshare", "field_name": "grade", "term": ""}
    )
    assert response.status_code == 403


def test_the_admin_home_offers_reporters_the_report_not_the_grades(client, reporter, grades):
    client.force_login(reporter)
    body = client.get("/admin/").content.decode()
    assert "/admin/articles/royaltymonth/" in body
    assert "/admin/articles/articlegrade/" not in body and "/admin/articles/photograde/" not in body
    assert 'id="royalty-report-link"' in client.get("/admin/articles/royaltymonth/").content.decode()


def test_a_reporter_sees_their_own_grades_and_total(client, reporter, grades):
    client.force_login(reporter)
    response = client.get(REPORT, {"month": "2020-07"})
    report = response.context["report"]
    assert [t.author for t in report.authors] == [grades["mine"]]
    assert report.points == 20 and report.articles == 1
    body = response.content.decode()
    assert "Bài của tôi" in body and 'id="report-units"' not in body
    no_trace_of_others(response)
    assert client.get(REPORT, {"month": "2020-07", "author": grades["mine"].pk}).status_code == 200


@pytest.mark.parametrize("url", [REPORT, EXPORT])
@pytest.mark.parametrize("param", ["author", "unit"])
def test_a_reporter_asking_for_someone_elses_report_gets_a_404(client, reporter, grades, url, param):
    client.force_login(reporter)
    value = grades["theirs"].pk if param == "author" else grades["unit"].pk
    response = client.get(url, {"month": "2020-07", param: value})
    assert response.status_code == 404
    no_trace_of_others(response)


def test_a_reporter_asking_for_a_missing_author_gets_the_same_404(client, reporter, grades):
    client.force_login(reporter)
    assert client.get(REPORT, {"author": 999999}).status_code == 404


def test_a_reporters_export_holds_only_their_own_lines(client, reporter, grades):
    client.force_login(reporter)
    response = client.get(EXPORT, {"month": "2020-07"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cells = {str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row}
    assert "Bút danh của tôi" in cells and "Bài của tôi" in cells
    assert not any("người khác" in cell for cell in cells)


def test_a_reporter_without_an_author_sees_an_empty_report(client, grades):
    client.force_login(UserFactory(username="moi_vao", role="reporter"))
    response = client.get(REPORT, {"month": "2020-07"})
    assert response.status_code == 200 and response.context["report"].authors == []
    no_trace_of_others(response)


def test_staff_without_a_newsroom_role_get_a_403(client, grades):
    client.force_login(UserFactory(username="ke_toan"))
    assert client.get(REPORT).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client, grades):
    response = client.get(REPORT)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("role", ["moderator", "chief", "superuser"])
def test_editors_see_everybodys_grades(as_role, grades, role):
    client = as_role(role)
    report = client.get(REPORT, {"month": "2020-07"}).context["report"]
    assert {t.author.pen_name for t in report.authors} == {"Bút danh của tôi", "Bút danh người khác"}
    assert client.get(f"/admin/articles/articlegrade/{grades['other'].pk}/change/").status_code == 200
    assert client.get(report_url := EXPORT, {"month": "2020-07"}).status_code == 200, report_url
