"""Assignment notifications: due in two hours and late, from `manage.py notify_due_assignments`, once each."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from articles.models import Assignment, Notification
from tests.factories import ArticleFactory, AssignmentFactory, ReporterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail_in_request(settings):
    settings.EMAIL_IN_BACKGROUND = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def run():
    out = StringIO()
    call_command("notify_due_assignments", stdout=out)
    return out.getvalue()


def told():
    return sorted(Notification.objects.values_list("recipient__username", "kind"))


def test_a_reminder_goes_two_hours_before_the_due_time_once(clock, reporter, moderator):
    photographer = ReporterFactory(username="nhiepanh")
    assignment = AssignmentFactory(reporters=[reporter], photographer=photographer, created_by=moderator,
                                   due_at=clock.now + timedelta(hours=2, minutes=1))  # fmt: skip
    run()
    assert told() == []
    clock.set(clock.now + timedelta(minutes=1))
    assert "đã nhắc 1" in run()
    assert told() == [("nhiepanh", "due_soon"), ("reporter_a", "due_soon")]
    note = Notification.objects.filter(recipient=reporter).get()
    assert note.assignment == assignment and note.article is None
    assert assignment.subject in note.message and "đến hạn nộp lúc" in note.message
    assert sorted(m.to[0] for m in mail.outbox) == ["nhiepanh@example.vn", "reporter_a@example.vn"]
    assert f"/admin/articles/assignment/{assignment.pk}/change/" in mail.outbox[0].body
    clock.set(clock.now + timedelta(minutes=30))
    assert "đã nhắc 0" in run()
    assert len(told()) == 2


def test_a_late_assignment_is_reported_once_to_its_people_and_the_editor(clock, reporter, moderator):
    AssignmentFactory(reporters=[reporter], created_by=moderator, due_at=clock.now - timedelta(seconds=1))
    assert "đã báo 1" in run()
    assert told() == [("moderator", "late"), ("reporter_a", "late")]
    assert "đã quá hạn" in Notification.objects.filter(recipient=reporter).get().message
    assert "đã báo 0" in run()
    assert len(told()) == 2


def test_filed_and_published_assignments_are_never_reminded(clock, reporter):
    filed = AssignmentFactory(reporters=[reporter], due_at=clock.now + timedelta(hours=1))
    filed.file_article(ArticleFactory(created_by=reporter), user=reporter)
    clock.set(clock.now + timedelta(days=1))
    run()
    assert told() == []


def test_a_new_due_time_is_reminded_again(clock, reporter, moderator):
    assignment = AssignmentFactory(reporters=[reporter], due_at=clock.now + timedelta(hours=1))
    run()
    assignment.reassigned(user=moderator, newcomers=set(), due_changed=True)
    Assignment.objects.filter(pk=assignment.pk).update(due_at=clock.now + timedelta(hours=1, minutes=30))
    run()
    assert told() == [("reporter_a", "due_soon"), ("reporter_a", "due_soon")]


def test_an_inactive_reporter_is_not_told(clock, reporter):
    gone = ReporterFactory(username="da_nghi", is_active=False)
    AssignmentFactory(reporters=[reporter, gone], due_at=clock.now + timedelta(hours=1))
    run()
    assert told() == [("reporter_a", "due_soon")]


def test_the_inbox_lists_assignment_notifications_beside_article_ones_and_opens_them(client, clock, reporter):
    assignment = AssignmentFactory(reporters=[reporter], due_at=clock.now + timedelta(hours=1))
    article = ArticleFactory(created_by=reporter)
    Notification.objects.create(recipient=reporter, article=article, kind="returned", message="Bài bị trả lại")
    run()
    client.force_login(reporter)
    response = client.get("/admin/notifications/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bài bị trả lại" in html and "đến hạn nộp lúc" in html
    assert '<span class="notification-count" id="notification-count">2</span>' in html
    note = Notification.objects.get(kind="due_soon")
    response = client.get(f"/admin/notifications/{note.pk}/")
    assert response["Location"] == f"/admin/articles/assignment/{assignment.pk}/change/"
    assert Notification.objects.get(pk=note.pk).is_read
    other = Notification.objects.get(kind="returned")
    assert client.get(f"/admin/notifications/{other.pk}/")["Location"].endswith(f"/{article.pk}/change/#discussion")


def test_a_notification_is_about_an_article_or_an_assignment(reporter):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(recipient=reporter, kind="late", message="Không về việc gì")
