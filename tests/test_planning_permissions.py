"""Who may do what with the plan: reporters see and accept their own assignments; editors create and reassign."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles import roles
from articles.models import Assignment, Event, Notification
from tests.admin_client import form_data
from tests.factories import AssignmentFactory, EventFactory

pytestmark = pytest.mark.django_db
LIST = "/admin/articles/assignment/"


def change(assignment):
    return f"{LIST}{assignment.pk}/change/"


def test_the_roles_carry_the_plans_permissions(reporter, moderator, chief):
    assert reporter.has_perm("articles.view_assignment") and reporter.has_perm("articles.view_event")
    assert not reporter.has_perm("articles.change_assignment")
    assert not reporter.has_perm("articles.add_event")
    for editor in (moderator, chief):
        for codename in ("add_assignment", "change_assignment", "delete_assignment", "add_event", "change_event"):
            assert editor.has_perm(f"articles.{codename}"), (editor, codename)
    assert Group.objects.get(name=roles.REPORTER).permissions.filter(codename="view_assignment").exists()


def test_a_reporter_lists_only_their_own_assignments(client, reporter, other_reporter):
    mine = AssignmentFactory(topic="Việc của tôi", reporters=[reporter])
    photos = AssignmentFactory(topic="Chụp ảnh cho tôi", reporters=[other_reporter], photographer=reporter)
    theirs = AssignmentFactory(topic="Việc của người khác", reporters=[other_reporter])
    client.force_login(reporter)
    response = client.get(LIST)
    shown = set(response.context["cl"].result_list)
    assert shown == {mine, photos}
    assert theirs.topic not in response.content.decode()
    # Another's assignment by its address: the admin's "does not exist" (a redirect), never its page.
    response = client.get(change(theirs))
    assert response.status_code == 302
    assert client.post(f"{LIST}{theirs.pk}/accept/").status_code == 404


def test_a_reporter_sees_their_list_next_first(client, reporter):
    later = AssignmentFactory(topic="Sau", reporters=[reporter])
    sooner = AssignmentFactory(topic="Trước", reporters=[reporter], due_at=later.due_at - timedelta(hours=5))
    client.force_login(reporter)
    assert list(client.get(LIST).context["cl"].result_list) == [sooner, later]


def test_a_reporter_cannot_reassign_add_or_delete(client, reporter, other_reporter):
    assignment = AssignmentFactory(reporters=[reporter])
    client.force_login(reporter)
    response = client.get(change(assignment))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    data = {"event": assignment.event_id, "reporters": [other_reporter.pk], "due_at_0": "04/12/2026",
            "due_at_1": "17:00"}  # fmt: skip
    assert client.post(change(assignment), data).status_code == 403
    assert list(Assignment.objects.get(pk=assignment.pk).reporters.all()) == [reporter]
    assert client.get(f"{LIST}add/").status_code == 403
    assert client.post(f"{LIST}{assignment.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/articles/event/add/").status_code == 403
    assert Assignment.objects.filter(pk=assignment.pk).exists()


def test_a_reporter_sees_the_events(client, reporter):
    event = EventFactory()
    client.force_login(reporter)
    assert event.title in client.get("/admin/articles/event/").content.decode()


def test_an_editor_creates_an_assignment_and_the_reporter_is_told(
    client, moderator, reporter, django_capture_on_commit_callbacks
):
    event = EventFactory()
    client.force_login(moderator)
    data = {"event": event.pk, "topic": "", "reporters": [reporter.pk], "photographer": "", "due_at_0": "04/12/2026",
            "due_at_1": "17:00", "notes": "Chụp ảnh toàn cảnh"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{LIST}add/", data)
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.status, assignment.created_by) == (Assignment.Status.ASSIGNED, moderator)
    note = Notification.objects.get()
    assert (note.recipient, note.kind, note.assignment, note.article) == (reporter, "assigned", assignment, None)
    assert event.title in note.message and "17:00 04/12/2026" in note.message


def test_an_assignment_needs_an_event_or_a_topic(client, moderator, reporter):
    client.force_login(moderator)
    data = {"event": "", "topic": "  ", "reporters": [reporter.pk], "due_at_0": "04/12/2026", "due_at_1": "17:00"}
    response = client.post(f"{LIST}add/", data)
    assert response.status_code == 200
    assert "Hãy chọn một sự kiện hoặc ghi đề tài." in response.content.decode()
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("day", ["04/12/99999", "31/02/2026", "xx", "04/12/0001"])
def test_a_due_time_no_calendar_has_is_a_form_error(client, moderator, reporter, day):
    client.force_login(moderator)
    data = {"topic": "Đề tài", "reporters": [reporter.pk], "due_at_0": day, "due_at_1": "17:00"}
    response = client.post(f"{LIST}add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Assignment.objects.exists()


def test_an_event_cannot_end_before_it_starts(client, moderator):
    client.force_login(moderator)
    data = {"title": "Hội nghị", "starts_at_0": "04/12/2026", "starts_at_1": "08:00", "ends_at_0": "04/12/2026",
            "ends_at_1": "07:00"}  # fmt: skip
    response = client.post("/admin/articles/event/add/", data)
    assert response.status_code == 200
    assert "Sự kiện không thể kết thúc trước khi bắt đầu." in response.content.decode()
    assert not Event.objects.exists()


def test_an_editor_reassigns_the_new_reporter_is_told_and_must_accept(
    client, moderator, reporter, other_reporter, django_capture_on_commit_callbacks
):
    assignment = AssignmentFactory(reporters=[reporter])
    assignment.accept(user=reporter)
    client.force_login(moderator)
    response = client.get(change(assignment))
    local = timezone.localtime(assignment.due_at)
    data = form_data(response, reporters=[str(other_reporter.pk)], due_at=None, due_at_0=f"{local:%d/%m/%Y}",
                     due_at_1=f"{local:%H:%M:%S}")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change(assignment), data)
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert list(assignment.reporters.all()) == [other_reporter]
    assert assignment.status == Assignment.Status.ASSIGNED
    assert assignment.changes.filter(action="reassign", actor=moderator).exists()
    assert list(Notification.objects.values_list("recipient__username", "kind")) == [("reporter_b", "assigned")]
    # The one taken off it no longer sees it.
    client.force_login(reporter)
    assert client.get(change(assignment)).status_code == 302


def test_a_new_due_time_clears_the_reminders(client, moderator, reporter, clock):
    assignment = AssignmentFactory(reporters=[reporter], due_at=clock.now + timedelta(hours=1))
    Assignment.objects.filter(pk=assignment.pk).update(due_notified_at=clock.now)
    client.force_login(moderator)
    data = form_data(client.get(change(assignment)), due_at=None, due_at_0="05/12/2026", due_at_1="17:00")
    assert client.post(change(assignment), data).status_code == 302
    assignment.refresh_from_db()
    assert assignment.due_notified_at is None
    assert assignment.due_at.isoformat() == "2026-12-05T10:00:00+00:00"
