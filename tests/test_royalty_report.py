"""The monthly royalty report: per author, per unit, the whole paper; on screen and as .xlsx; a fixed query count."""

import io
from datetime import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from articles.models import Genre, PhotoGrade, RoyaltyMonth
from articles.royalties import format_points, format_vnd
from articles.text import VIETNAM_TZ
from tests.factories import (
    AuthorFactory,
    GenreFactory,
    PhotoFactory,
    PublishedArticleFactory,
    UnitFactory,
    grade_article,
)

pytestmark = pytest.mark.django_db
JULY = datetime(2020, 7, 7, 9, 0, tzinfo=VIETNAM_TZ)
AUGUST = datetime(2020, 8, 1, 0, 30, tzinfo=VIETNAM_TZ)
REPORT = "/admin/articles/royaltymonth/report/"
EXPORT = "/admin/articles/royaltymonth/report.xlsx"


@pytest.mark.parametrize(
    ("amount", "text"),
    [(1_250_000, "1.250.000 ₫"), (0, "0 ₫"), (999, "999 ₫"), (1000, "1.000 ₫"), (12_345_678_901, "12.345.678.901 ₫")],
)
def test_amounts_are_written_the_vietnamese_way(amount, text):
    assert format_vnd(amount) == text


def test_an_amount_not_decided_yet_is_a_dash_and_points_use_a_decimal_comma():
    assert format_vnd(None) == "—"
    assert format_points(Decimal("1234.5")) == "1.234,50"


@pytest.fixture
def july():
    """A: 12 points, B: 8 (a 60/40 article), C: 30, D: a 15-point photo; one point is worth 12.345 ₫."""
    nghe_an, vinh = UnitFactory(name="Công an tỉnh Nghệ An"), UnitFactory(name="Công an thành phố Vinh")
    a = AuthorFactory(pen_name="A", unit=nghe_an)
    b = AuthorFactory(pen_name="B", unit=nghe_an)
    c = AuthorFactory(pen_name="C", unit=vinh)
    d = AuthorFactory(pen_name="D")
    tin = GenreFactory(name="Tin")
    grade_article(PublishedArticleFactory(published_at=JULY, authors=[a, b]), tin, "2", shares={a: "60", b: "40"})
    second = PublishedArticleFactory(published_at=JULY, authors=[c])
    grade_article(second, tin, "3")
    photo_genre = GenreFactory(name="Ảnh", kind=Genre.Kind.PHOTO, min_coefficient=1, max_coefficient=2)
    photo = PhotoFactory(article=second, photographer=d)
    PhotoGrade(photo=photo, genre=photo_genre, coefficient=Decimal("1.5")).save()
    grade_article(PublishedArticleFactory(published_at=AUGUST, authors=[a]), tin, "1")  # another month
    RoyaltyMonth.objects.filter(month=JULY.date().replace(day=1)).update(point_value=12_345)
    return {"a": a, "b": b, "c": c, "d": d, "nghe_an": nghe_an, "vinh": vinh}


def test_the_report_totals_per_author_unit_and_paper(client, moderator, july):
    client.force_login(moderator)
    response = client.get(REPORT, {"month": "2020-07"})
    report = response.context["report"]
    assert report.title == "Báo cáo nhuận bút tháng 07/2020"
    assert {t.author.pen_name: (t.points, t.amount) for t in report.authors} == {
        "A": (Decimal("12"), 148_140),
        "B": (Decimal("8"), 98_760),
        "C": (Decimal("30"), 370_350),
        "D": (Decimal("15"), 185_175),
    }
    assert [(u.name, u.articles, u.photos, u.amount) for u in report.units] == [
        ("Công an thành phố Vinh", 1, 0, 370_350),
        ("Công an tỉnh Nghệ An", 1, 0, 246_900),
        ("Chưa có đơn vị", 0, 1, 185_175),
    ]
    assert (report.articles, report.photos, report.points, report.amount) == (2, 1, Decimal("65"), 802_425)
    page = response.content.decode()
    assert "Báo cáo nhuận bút tháng 07/2020" in page and "802.425 ₫" in page and "12.345 ₫" in page


def test_the_report_of_one_unit_and_of_one_author(client, moderator, july):
    client.force_login(moderator)
    unit = client.get(REPORT, {"month": "2020-07", "unit": july["nghe_an"].pk}).context["report"]
    assert [t.author.pen_name for t in unit.authors] == ["A", "B"] and unit.amount == 246_900
    author = client.get(REPORT, {"month": "2020-07", "author": july["a"].pk})
    lines = author.context["report"].authors[0].lines
    assert [(line.percent, line.points) for line in lines] == [(Decimal("60"), Decimal("12"))]
    assert 'id="report-lines"' in author.content.decode()


def test_a_month_without_a_point_value_shows_points_and_no_amount(client, moderator, july):
    client.force_login(moderator)
    report = client.get(REPORT, {"month": "2020-08"}).context["report"]
    assert report.points == Decimal("10") and report.amount is None
    assert report.authors[0].amount is None


@pytest.mark.parametrize("month", ["2020-13", "07/2020", "abc", "99999-01", "2020-7%00"])
def test_a_bad_month_is_a_vietnamese_form_error_not_a_500(client, moderator, month):
    client.force_login(moderator)
    response = client.get(REPORT, {"month": month})
    assert response.status_code == 200
    assert "Hãy nhập tháng theo dạng yyyy-mm" in response.content.decode()
    export = client.get(EXPORT, {"month": month})
    assert export.status_code == 400 and "Hãy nhập tháng" in export.content.decode()


@pytest.mark.parametrize("author", ["x", "99999999999999999999", "0"])
def test_a_bad_author_is_a_form_error(client, moderator, author):
    client.force_login(moderator)
    response = client.get(REPORT, {"month": "2020-07", "author": author})
    assert response.status_code == 200 and response.context["report"] is None


def sheet_rows(content, index):
    book = load_workbook(io.BytesIO(content))
    return [list(row) for row in book.worksheets[index].iter_rows(values_only=True)]


def test_the_xlsx_export_has_the_totals_of_the_screen(client, moderator, july):
    client.force_login(moderator)
    screen = client.get(REPORT, {"month": "2020-07"}).context["report"]
    response = client.get(EXPORT, {"month": "2020-07"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="nhuan-but-2020-07.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Toàn báo", "Tác giả", "Chi tiết"]
    paper = sheet_rows(response.content, 0)
    assert paper[0] == ["Báo cáo nhuận bút tháng 07/2020", None, None, None, None]
    assert paper[1][:2] == ["Giá trị một điểm", "12.345 ₫"]
    units = {row[0]: row for row in paper[4:]}
    assert units["Toàn báo"][1:] == [screen.articles, screen.photos, float(screen.points), screen.amount]
    for unit in screen.units:
        assert units[unit.name][4] == unit.amount
    authors = {row[0]: row for row in sheet_rows(response.content, 1)[4:]}
    for total in screen.authors:
        assert authors[total.author.pen_name][6] == total.amount
    assert authors["Tổng cộng"][6] == screen.amount == 802_425
    details = sheet_rows(response.content, 2)[4:]
    assert sum(Decimal(str(row[8])) for row in details) == screen.points
    assert book.worksheets[1].cell(row=5, column=7).number_format == '#,##0 "₫"'


def add_grades(count, start):
    tin, unit = GenreFactory(name="Tin"), UnitFactory(name="Công an huyện Diễn Châu")
    photo_genre = GenreFactory(name="Ảnh", kind=Genre.Kind.PHOTO)
    for i in range(start, start + count):
        authors = [AuthorFactory(pen_name=f"Tác giả {i}", unit=unit), AuthorFactory(pen_name=f"Đồng tác giả {i}")]
        article = PublishedArticleFactory(published_at=JULY, authors=authors)
        grade_article(article, tin, "2")
        PhotoGrade(
            photo=PhotoFactory(article=article, photographer=authors[0]), genre=photo_genre, coefficient=1
        ).save()
        PublishedArticleFactory(published_at=JULY, title=f"Chưa chấm {i}")  # the report's to-do list grows too


def queries(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (REPORT, {"month": "2020-07"}),
        (EXPORT, {"month": "2020-07"}),
        ("/admin/articles/articlegrade/", {}),
        ("/admin/articles/photograde/", {}),
        ("/admin/articles/royaltymonth/", {}),
        ("/admin/articles/genre/", {}),
    ],
)
def test_report_and_lists_run_the_same_queries_for_2_and_6_rows(
    client, moderator, django_assert_num_queries, url, params
):
    RoyaltyMonth.objects.create(month=JULY.date().replace(day=1), point_value=20_000)
    client.force_login(moderator)
    add_grades(2, 0)
    two = queries(client, url, params)
    add_grades(4, 2)
    RoyaltyMonth.objects.create(month=datetime(2020, 9, 1).date())  # the month list grows too
    with django_assert_num_queries(two):
        response = client.get(url, params)
    assert response.status_code == 200
    if url == REPORT:
        assert len(response.context["ungraded"]) == 6 and len(response.context["report"].authors) == 12


def test_the_reporter_report_runs_a_fixed_number_of_queries(client, reporter, django_assert_num_queries):
    own = AuthorFactory(pen_name="Của tôi", user=reporter)
    tin = GenreFactory(name="Tin")
    grade_article(PublishedArticleFactory(published_at=JULY, authors=[own]), tin)
    client.force_login(reporter)
    two = queries(client, REPORT, {"month": "2020-07"})
    for _ in range(5):
        grade_article(PublishedArticleFactory(published_at=JULY, authors=[own]), tin)
    with django_assert_num_queries(two):
        report = client.get(REPORT, {"month": "2020-07"}).context["report"]
    assert report.authors[0].articles == 6
