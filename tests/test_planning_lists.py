"""The plan's admin lists and the index summary: the same queries for 2 and for 6 rows, each role its own rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, AssignmentFactory, EventFactory, ReporterFactory, UnitFactory

pytestmark = pytest.mark.django_db


def make(n, reporter):
    photographer = ReporterFactory(username="nhiepanh")
    for i in range(n):  # half of them open (the index lists those), half with their article
        event = EventFactory(host_unit=UnitFactory(), units=[UnitFactory(), UnitFactory()])
        assignment = AssignmentFactory(event=event, reporters=[reporter, ReporterFactory()], photographer=photographer)
        if i % 2:
            assignment.file_article(ArticleFactory(created_by=reporter), user=reporter)


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("role", ["moderator", "reporter"])
@pytest.mark.parametrize("url", ["/admin/articles/assignment/", "/admin/articles/event/", "/admin/"])
def test_the_lists_run_the_same_queries_for_2_and_6_rows(client, request, reporter, django_assert_num_queries,
                                                          role, url):  # fmt: skip
    client.force_login(request.getfixturevalue(role))
    make(2, reporter)
    two, _response = queries(client, url)
    make(4, reporter)
    with django_assert_num_queries(two):
        response = client.get(url)
    if "cl" in response.context:
        assert len(response.context["cl"].result_list) == 6
    assert two <= 16


def test_the_index_shows_a_reporter_their_next_assignments_and_the_late_count(client, reporter, other_reporter,
                                                                              clock):  # fmt: skip
    AssignmentFactory(event=None, topic="Sắp tới", reporters=[reporter], due_at=clock.now + timedelta(hours=3))
    AssignmentFactory(event=None, topic="Trễ rồi", reporters=[reporter], due_at=clock.now - timedelta(hours=3))
    AssignmentFactory(event=None, topic="Của người khác", reporters=[other_reporter], due_at=clock.now)
    client.force_login(reporter)
    html = client.get("/admin/").content.decode()
    assert "Phân công của tôi" in html
    assert html.index("Trễ rồi") < html.index("Sắp tới")
    assert "Của người khác" not in html
    assert '<strong class="review-count assignment-late">1</strong> quá hạn' in html
