"""Junk in the plan's addresses and query strings: a 4xx or the admin's own redirect, never a 500."""

import pytest

from tests.factories import AssignmentFactory, EventFactory

pytestmark = pytest.mark.django_db
BASE = "/admin/articles/assignment/"

URLS = [
    f"{BASE}?status=junk",
    f"{BASE}?status=late&event=abc",
    f"{BASE}?event=99999999999999999999999",
    f"{BASE}?due_at__year=99999999999&due_at__month=13",
    f"{BASE}?o=99",
    f"{BASE}?q=%00",
    f"{BASE}add/?event=%00&reporters=1,x&due_at=junk",
    f"{BASE}999999/change/",
    f"{BASE}abc/change/",
    f"{BASE}calendar/?view=junk",
    f"{BASE}calendar/?view=month&date=2026-12-99",
    f"{BASE}calendar/?date=" + "9" * 200,
    f"{BASE}calendar/week/2026/49/?date=junk",
    "/admin/articles/event/?starts_at__year=0",
    "/admin/articles/event/?host_unit__id__exact=x",
    "/admin/articles/event/add/?units=1,x&host_unit=%00",
    "/admin/articles/article/add/?assignment=1&assignment=2",
]


@pytest.mark.parametrize("role", ["moderator", "reporter"])
@pytest.mark.parametrize("url", URLS)
def test_junk_never_answers_500(client, request, role, url):
    AssignmentFactory(event=EventFactory(), reporters=[request.getfixturevalue("reporter")])
    client.force_login(request.getfixturevalue(role))
    response = client.get(url)
    assert response.status_code in (200, 302, 400, 403, 404), (url, response.status_code)


def test_accepting_is_a_post_and_a_missing_assignment_a_404(client, reporter):
    assignment = AssignmentFactory(reporters=[reporter])
    client.force_login(reporter)
    assert client.get(f"{BASE}{assignment.pk}/accept/").status_code == 405
    assert client.post(f"{BASE}999999/accept/").status_code == 404
    assert client.post(f"{BASE}abc/accept/").status_code == 404


def test_the_calendar_needs_a_staff_login(client, reporter):
    response = client.get(f"{BASE}calendar/week/2026/49/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
