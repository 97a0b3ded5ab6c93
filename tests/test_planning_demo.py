"""The demo's plan: the sample conference covered and published, events ahead, one late; a re-run adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, Assignment, AssignmentChange, Event

pytestmark = pytest.mark.django_db
A = Assignment.Status


def load():
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def test_the_demo_has_events_and_assignments_one_of_them_late():
    load()
    conference = Event.objects.get(title__startswith="Hội nghị sơ kết phong trào thi đua 6 tháng đầu năm 2020")
    assert conference.place == "TX Cửa Lò"
    assert conference.host_unit.name == "Công an tỉnh Nghệ An"
    assert conference.units.count() == 6
    covered = Assignment.objects.get(event=conference)
    assert covered.status == A.PUBLISHED
    assert covered.article == Article.objects.published().get(import_key="conference-report-2020-07-07")
    assert Event.objects.count() == 3
    late = Assignment.objects.late().get()
    assert late.topic and late.status == A.ACCEPTED
    assert Assignment.objects.filter(status=A.ASSIGNED).count() == 2
    assert all(a.reporters.filter(username="phongvien").exists() for a in Assignment.objects.all())


def test_running_the_demo_again_adds_no_event_or_assignment():
    load()
    before = (Event.objects.count(), Assignment.objects.count(), AssignmentChange.objects.count())
    load()
    assert (Event.objects.count(), Assignment.objects.count(), AssignmentChange.objects.count()) == before
