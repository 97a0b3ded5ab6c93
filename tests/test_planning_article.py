"""Writing the article from an assignment: the add form carries the event's date, place and units, and links back."""

from datetime import UTC, datetime

import pytest

from articles.models import Article, Assignment
from tests.admin_client import form_data
from tests.factories import ArticleFactory, AssignmentFactory, CategoryFactory, EventFactory, UnitFactory

pytestmark = pytest.mark.django_db
ADD = "/admin/articles/article/add/"


@pytest.fixture
def conference():
    """The sample report's conference: Cửa Lò, 7/7/2020 08:00 Vietnam time, the host and two other units."""
    units = [UnitFactory(name="Công an tỉnh Thanh Hóa"), UnitFactory(name="Công an tỉnh Hà Tĩnh")]
    return EventFactory(
        title="Hội nghị sơ kết phong trào thi đua 6 tháng đầu năm 2020 của Cụm thi đua số 5",
        starts_at=datetime(2020, 7, 7, 1, 0, tzinfo=UTC),
        ends_at=datetime(2020, 7, 7, 5, 0, tzinfo=UTC),
        units=units,
    )


def test_the_add_form_starts_with_the_events_title_date_place_and_units(client, reporter, conference):
    assignment = AssignmentFactory(event=conference, reporters=[reporter])
    client.force_login(reporter)
    response = client.get(f"{ADD}?assignment={assignment.pk}")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form["title"].value() == conference.title
    assert str(form["event_date"].value()) == "2020-07-07"
    assert form["event_place"].value() == "TX Cửa Lò"
    names = set(conference.units.values_list("name", flat=True)) | {"Công an tỉnh Nghệ An"}
    assert {int(pk) for pk in form["units"].value()} == set(
        conference.units.model.objects.filter(name__in=names).values_list("pk", flat=True)
    )
    assert "Viết từ phân công" in response.content.decode()


def test_a_topic_assignment_prefills_the_title_only(client, reporter):
    assignment = AssignmentFactory(event=None, topic="Cảnh báo lừa đảo qua mạng", reporters=[reporter],
                                   due_at=datetime(2026, 12, 4, tzinfo=UTC))  # fmt: skip
    client.force_login(reporter)
    form = client.get(f"{ADD}?assignment={assignment.pk}").context["adminform"].form
    assert form["title"].value() == "Cảnh báo lừa đảo qua mạng"
    assert not form["event_place"].value()


def test_saving_the_article_files_the_assignment_and_links_back(client, reporter, conference):
    assignment = AssignmentFactory(event=conference, reporters=[reporter])
    assignment.accept(user=reporter)
    category = CategoryFactory(name="Xây dựng lực lượng")
    client.force_login(reporter)
    response = client.get(f"{ADD}?assignment={assignment.pk}")
    data = form_data(response, lead="Sáng 7/7, tại TX Cửa Lò, Cụm thi đua số 5 tổ chức hội nghị.",
                     category=str(category.pk))  # fmt: skip
    response = client.post(f"{ADD}?assignment={assignment.pk}", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.title == conference.title
    assert article.event_place == "TX Cửa Lò"
    assert article.event_date.isoformat() == "2020-07-07"
    assert article.units.count() == 3
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.FILED
    assert assignment.article == article
    assert article.status == Article.Status.DRAFT  # the article's own workflow starts as usual
    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert f'href="/admin/articles/assignment/{assignment.pk}/change/"' in html


def test_a_plain_add_form_is_untouched(client, reporter):
    client.force_login(reporter)
    response = client.get(ADD)
    assert response.status_code == 200
    assert not response.context["adminform"].form["title"].value()


@pytest.mark.parametrize("value", ["", "abc", "-1", "99999999999999999999999", "1 OR 1=1", "%00"])
def test_junk_in_the_assignment_parameter_is_a_404(client, reporter, value):
    client.force_login(reporter)
    assert client.get(ADD, {"assignment": value}).status_code == 404


def test_someone_elses_assignment_is_a_404_and_saves_nothing(client, reporter, other_reporter, conference):
    assignment = AssignmentFactory(event=conference, reporters=[other_reporter])
    client.force_login(reporter)
    assert client.get(f"{ADD}?assignment={assignment.pk}").status_code == 404
    data = {"title": "Bài", "lead": "Sapo", "category": str(CategoryFactory().pk)}
    assert client.post(f"{ADD}?assignment={assignment.pk}", data).status_code == 404
    assert not Article.objects.exists()


def test_an_assignment_with_an_article_already_is_a_404(client, reporter, conference):
    assignment = AssignmentFactory(event=conference, reporters=[reporter])
    assignment.file_article(ArticleFactory(created_by=reporter), user=reporter)
    client.force_login(reporter)
    assert client.get(f"{ADD}?assignment={assignment.pk}").status_code == 404


def test_the_assignment_page_offers_accept_then_write(client, reporter, conference):
    assignment = AssignmentFactory(event=conference, reporters=[reporter])
    client.force_login(reporter)
    url = f"/admin/articles/assignment/{assignment.pk}/change/"
    html = client.get(url).content.decode()
    assert 'id="accept-assignment"' in html
    assert f'href="{ADD}?assignment={assignment.pk}"' in html
    assert "Viết bài từ phân công" in html
    response = client.post(f"/admin/articles/assignment/{assignment.pk}/accept/")
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert 'id="accept-assignment"' not in html
    assert "Đã nhận" in html
