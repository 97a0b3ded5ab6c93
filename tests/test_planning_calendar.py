"""The work calendar: week and month views, navigation, a constant number of queries, and no 500 for junk."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AssignmentFactory, EventFactory, ReporterFactory, UnitFactory

pytestmark = pytest.mark.django_db
CALENDAR = "/admin/articles/assignment/calendar/"
# Thursday 3 December 2026, 08:00 Vietnam time: the `clock` fixture's now, in ISO week 49.
WEEK = f"{CALENDAR}week/2026/49/"
MONTH = f"{CALENDAR}month/2026/12/"


def rows(n, reporter, start=datetime(2026, 12, 1, 1, 0, tzinfo=UTC)):
    """n events, each with an assignment for two reporters and a photographer, spread over the week."""
    photographer = ReporterFactory(username="nhiepanh")
    for i in range(n):
        event = EventFactory(starts_at=start + timedelta(hours=9 * i), host_unit=UnitFactory(), units=[UnitFactory()])
        AssignmentFactory(event=event, reporters=[reporter, ReporterFactory()], photographer=photographer)


def test_today_opens_the_current_week(client, moderator, clock):
    client.force_login(moderator)
    response = client.get(CALENDAR)
    assert response.status_code == 302
    assert response["Location"] == WEEK
    assert client.get(CALENDAR, {"view": "month"})["Location"] == MONTH
    assert client.get(CALENDAR, {"date": "2027-01-01"})["Location"] == f"{CALENDAR}week/2026/53/"


def test_a_week_shows_its_events_and_assignments_by_day(client, moderator, reporter, clock):
    event = EventFactory(title="Hội nghị Cụm thi đua số 5", starts_at=datetime(2026, 12, 2, 1, 0, tzinfo=UTC))
    AssignmentFactory(event=None, topic="Phóng sự biển đảo", reporters=[reporter],
                      due_at=datetime(2026, 12, 4, 10, 0, tzinfo=UTC))  # fmt: skip
    EventFactory(title="Sự kiện tuần sau", starts_at=datetime(2026, 12, 8, 1, 0, tzinfo=UTC))
    client.force_login(moderator)
    response = client.get(WEEK)
    assert response.status_code == 200
    weeks = response.context["weeks"]
    assert len(weeks) == 1 and [day.day.day for day in weeks[0]] == [30, 1, 2, 3, 4, 5, 6]
    by_day = {day.day.isoformat(): day for day in weeks[0]}
    assert by_day["2026-12-02"].events == [event]
    assert [a.subject for a in by_day["2026-12-04"].assignments] == ["Phóng sự biển đảo"]
    assert by_day["2026-12-03"].is_today
    html = response.content.decode()
    assert "Sự kiện tuần sau" not in html
    assert "Lịch công tác" in html and "Tuần từ 30/11/2026" in html


def test_an_event_over_two_days_shows_on_both(client, moderator, clock):
    EventFactory(title="Hội thao hai ngày", starts_at=datetime(2026, 12, 4, 1, 0, tzinfo=UTC),
                 ends_at=datetime(2026, 12, 5, 9, 0, tzinfo=UTC))  # fmt: skip
    client.force_login(moderator)
    days = {d.day.isoformat(): d for d in client.get(WEEK).context["weeks"][0]}
    assert [len(days[k].events) for k in ("2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06")] == [0, 1, 1, 0]


def test_a_month_is_whole_weeks_monday_to_sunday(client, moderator, clock):
    client.force_login(moderator)
    response = client.get(MONTH)
    weeks = response.context["weeks"]
    assert weeks[0][0].day.isoformat() == "2026-11-30" and weeks[-1][-1].day.isoformat() == "2027-01-03"
    assert not weeks[0][0].in_period and weeks[0][1].in_period
    assert "Tháng 12/2026" in response.content.decode()


def test_navigation_crosses_years_both_ways(client, moderator, clock):
    client.force_login(moderator)
    week = client.get(f"{CALENDAR}week/2026/53/").context
    assert week["next_url"] == f"{CALENDAR}week/2027/1/"
    assert client.get(f"{CALENDAR}week/2027/1/").context["previous_url"] == f"{CALENDAR}week/2026/53/"
    month = client.get(MONTH).context
    assert (month["previous_url"], month["next_url"]) == (f"{CALENDAR}month/2026/11/", f"{CALENDAR}month/2027/1/")
    assert month["week_url"] == f"{CALENDAR}week/2026/49/"  # the week holding the 1st
    # 30/11 to 6/12 is December's: the month of its Thursday, as ISO weeks count.
    assert client.get(WEEK).context["month_url"] == MONTH
    assert client.get(f"{CALENDAR}week/2026/48/").context["month_url"] == f"{CALENDAR}month/2026/11/"


@pytest.mark.parametrize(
    "path",
    ["week/2026/54/", "week/2026/0/", "week/2021/53/", "month/2026/13/", "month/2026/0/", "month/0/1/",
     "week/0/1/", "month/99999999999999999999/1/", "week/9999/52/", "day/2026/3/", "month/2026/-1/",
     "month/2026/x/", "week/２０２６/1/", "month/2026/%00/", "week/2026/１/"],
)  # fmt: skip
def test_a_week_or_month_no_calendar_has_is_a_404(client, moderator, path):
    client.force_login(moderator)
    response = client.get(CALENDAR + path)
    assert response.status_code == 404


@pytest.mark.parametrize("value", ["junk", "2026-02-30", "2026-13-01", "99999-01-01", "0001-01-01", "%00"])
def test_a_date_no_calendar_has_is_a_400(client, moderator, value):
    client.force_login(moderator)
    response = client.get(CALENDAR, {"date": value})
    assert response.status_code == 400


def test_a_reporter_sees_every_event_and_only_their_own_assignments(client, reporter, other_reporter, clock):
    EventFactory(title="Hội nghị chung", starts_at=datetime(2026, 12, 2, 1, 0, tzinfo=UTC))
    AssignmentFactory(event=None, topic="Việc của tôi", reporters=[reporter],
                      due_at=datetime(2026, 12, 4, 10, 0, tzinfo=UTC))  # fmt: skip
    AssignmentFactory(event=None, topic="Việc của người khác", reporters=[other_reporter],
                      due_at=datetime(2026, 12, 4, 10, 0, tzinfo=UTC))  # fmt: skip
    client.force_login(reporter)
    html = client.get(WEEK).content.decode()
    assert "Hội nghị chung" in html and "Việc của tôi" in html
    assert "Việc của người khác" not in html


def test_the_calendar_links_the_late_assignments(client, moderator, reporter, clock):
    AssignmentFactory(event=None, topic="Trễ hạn", reporters=[reporter], due_at=clock.now - timedelta(hours=1))
    client.force_login(moderator)
    response = client.get(WEEK)
    assert response.context["late_count"] == 1
    assert "Quá hạn (1)" in response.content.decode()
    listed = client.get(response.context["late_url"]).context["cl"].result_list
    assert [a.topic for a in listed] == ["Trễ hạn"]


@pytest.mark.parametrize("url", [WEEK, MONTH])
def test_the_calendar_runs_the_same_queries_for_2_and_6_rows(client, moderator, reporter, clock,
                                                             django_assert_num_queries, url):  # fmt: skip
    client.force_login(moderator)
    rows(2, reporter)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200
    # session, user, the bell, events, assignments, their reporters, the late count (+ permissions)
    assert len(two.captured_queries) <= 9, [q["sql"] for q in two.captured_queries]
    rows(4, reporter, start=datetime(2026, 12, 3, 1, 0, tzinfo=UTC))
    with django_assert_num_queries(len(two.captured_queries)):
        response = client.get(url)
    assert sum(len(day.assignments) for week in response.context["weeks"] for day in week) == 6
    assert sum(len(day.events) for week in response.context["weeks"] for day in week) >= 6
