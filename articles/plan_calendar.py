"""The work calendar (lịch công tác): a week or a month of events and assignments, in Vietnam time.

`Period.week(year, week)` and `Period.month(year, month)` raise ValueError for a period no
calendar has (week 54, month 13, year 0 or 9999), which the view answers with a 404.
`grid()` lays the events and assignments out by day in two queries plus the reporters' prefetch,
whatever their number.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from .models import Assignment, Event
from .text import VIETNAM_TZ, to_vietnam

# Years the calendar shows: every time in them can be stored (models.base.STORABLE_TIMES).
YEARS = range(1990, 8999)


@dataclass(frozen=True)
class Period:
    kind: str  # "week" or "month"
    first: date  # the first day shown in the period (a Monday for a week)
    last: date  # the day after the period

    @classmethod
    def week(cls, year, week):
        if year not in YEARS:
            raise ValueError(year)
        monday = date.fromisocalendar(year, week, 1)
        return cls("week", monday, monday + timedelta(days=7))

    @classmethod
    def month(cls, year, month):
        if year not in YEARS:
            raise ValueError(year)
        first = date(year, month, 1)
        return cls("month", first, date(year + (month == 12), month % 12 + 1, 1))

    @classmethod
    def around(cls, kind, day):
        """The week or month holding `day`."""
        if kind == "month":
            return cls.month(day.year, day.month)
        year, week, _weekday = day.isocalendar()
        return cls.week(year, week)

    @property
    def args(self):
        """The URL's numbers: (ISO year, ISO week) or (year, month)."""
        if self.kind == "week":
            year, week, _weekday = self.first.isocalendar()
            return year, week
        return self.first.year, self.first.month

    def previous(self):
        return self.around(self.kind, self.first - timedelta(days=1))

    def next(self):
        return self.around(self.kind, self.last)

    def switch(self, kind):
        """The other view of the same time: a week's month (the month of its Thursday, as ISO weeks count), or
        a month's first week."""
        return self.around(kind, self.first + timedelta(days=3) if self.kind == "week" else self.first)

    def bounds(self):
        """[start, end) of the days shown (whole weeks, Monday to Sunday), as aware datetimes."""
        start = self.first - timedelta(days=self.first.weekday())
        end = self.last + timedelta(days=(7 - self.last.weekday()) % 7)
        return (datetime.combine(start, datetime.min.time(), VIETNAM_TZ),
                datetime.combine(end, datetime.min.time(), VIETNAM_TZ))  # fmt: skip


@dataclass
class Day:
    day: date
    in_period: bool
    is_today: bool
    events: list
    assignments: list


def grid(period, user, now=None):
    """The period as weeks of Days, each with the events taking place and the assignments due that day.

    `user` sees every event and the assignments they may see (AssignmentQuerySet.visible_to).
    """
    start, end = period.bounds()
    today = to_vietnam(now or timezone.now()).date()
    days = {}
    cursor = start.date()
    while cursor < end.date():
        days[cursor] = Day(cursor, period.first <= cursor < period.last, cursor == today, [], [])
        cursor += timedelta(days=1)
    for event in Event.objects.between(start, end).for_calendar():
        first = max(to_vietnam(event.starts_at).date(), start.date())
        last = min(to_vietnam(event.ends_at).date(), end.date() - timedelta(days=1))
        cursor = first
        while cursor <= last:
            days[cursor].events.append(event)
            cursor += timedelta(days=1)
    assignments = Assignment.objects.visible_to(user).between(start, end).for_listing().order_by("due_at", "pk")
    for assignment in assignments:
        days[to_vietnam(assignment.due_at).date()].assignments.append(assignment)
    ordered = list(days.values())
    return [ordered[i : i + 7] for i in range(0, len(ordered), 7)]
