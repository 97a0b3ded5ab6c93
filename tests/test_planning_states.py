"""An assignment's steps: assigned → accepted → filed → published, each recorded, and late on a frozen clock."""

from datetime import timedelta

import pytest

from articles import workflow
from articles.models import Assignment, AssignmentError
from tests.factories import ArticleFactory, AssignmentFactory, ReporterFactory

pytestmark = pytest.mark.django_db
A = Assignment.Status


def test_a_new_assignment_is_assigned_and_open(reporter):
    assignment = AssignmentFactory(reporters=[reporter])
    assert assignment.status == A.ASSIGNED
    assert assignment.is_open
    assert list(Assignment.objects.open()) == [assignment]


def test_a_reporter_on_it_accepts_it_and_the_step_is_recorded(reporter):
    assignment = AssignmentFactory(reporters=[reporter])
    assignment.accept(user=reporter)
    assignment.refresh_from_db()
    assert assignment.status == A.ACCEPTED
    change = assignment.changes.get()
    assert (change.action, change.from_status, change.to_status, change.actor) == ("accept", A.ASSIGNED, A.ACCEPTED,
                                                                                    reporter)  # fmt: skip


def test_the_photographer_may_accept_too(reporter):
    photographer = ReporterFactory(username="nhiepanh")
    assignment = AssignmentFactory(reporters=[reporter], photographer=photographer)
    assignment.accept(user=photographer)
    assert Assignment.objects.get(pk=assignment.pk).status == A.ACCEPTED


def test_someone_not_on_it_cannot_accept_it(reporter, other_reporter):
    assignment = AssignmentFactory(reporters=[reporter])
    with pytest.raises(AssignmentError, match="Chỉ phóng viên"):
        assignment.accept(user=other_reporter)
    assert Assignment.objects.get(pk=assignment.pk).status == A.ASSIGNED
    assert not assignment.changes.exists()


def test_an_accepted_assignment_is_not_accepted_again(reporter):
    assignment = AssignmentFactory(reporters=[reporter])
    assignment.accept(user=reporter)
    with pytest.raises(AssignmentError):
        assignment.accept(user=reporter)
    assert assignment.changes.count() == 1


def test_an_open_assignment_is_late_one_second_after_its_due_time(clock, reporter):
    assignment = AssignmentFactory(reporters=[reporter], due_at=clock.now + timedelta(hours=3))
    clock.set(assignment.due_at - timedelta(seconds=1))
    assert not assignment.is_late()
    assert not Assignment.objects.late().exists()
    assert assignment.display_status() == "Đã giao"
    clock.set(assignment.due_at)
    assert not assignment.is_late()  # due at 11:00 means by 11:00
    clock.set(assignment.due_at + timedelta(seconds=1))
    assert assignment.is_late()
    assert list(Assignment.objects.late()) == [assignment]
    assert assignment.display_status() == "Quá hạn"


def test_an_accepted_assignment_is_late_too_but_a_filed_one_never(clock, reporter):
    accepted = AssignmentFactory(reporters=[reporter], due_at=clock.now + timedelta(hours=1))
    accepted.accept(user=reporter)
    filed = AssignmentFactory(reporters=[reporter], due_at=clock.now + timedelta(hours=1))
    filed.file_article(ArticleFactory(created_by=reporter), user=reporter)
    clock.set(clock.now + timedelta(days=2))
    assert list(Assignment.objects.late()) == [accepted]
    filed.refresh_from_db()
    assert not filed.is_late()
    assert filed.display_status() == "Đã nộp bài"


def test_due_soon_is_the_two_hours_before_the_due_time(clock, reporter):
    assignment = AssignmentFactory(reporters=[reporter], due_at=clock.now + timedelta(hours=2, seconds=1))
    assert not Assignment.objects.due_soon().exists()
    clock.set(clock.now + timedelta(seconds=1))
    assert list(Assignment.objects.due_soon()) == [assignment]
    clock.set(assignment.due_at + timedelta(seconds=1))
    assert not Assignment.objects.due_soon().exists()  # late now, not due soon


def test_filing_an_article_links_it_and_a_second_one_is_refused(reporter):
    assignment = AssignmentFactory(reporters=[reporter])
    article = ArticleFactory(created_by=reporter)
    assignment.file_article(article, user=reporter)
    assignment.refresh_from_db()
    assert (assignment.status, assignment.article) == (A.FILED, article)
    assert article.assignment == assignment
    with pytest.raises(AssignmentError):
        assignment.file_article(ArticleFactory(created_by=reporter), user=reporter)


def test_someone_else_cannot_file_an_article_for_it(reporter, other_reporter):
    assignment = AssignmentFactory(reporters=[reporter])
    with pytest.raises(AssignmentError):
        assignment.file_article(ArticleFactory(created_by=other_reporter), user=other_reporter)
    assert Assignment.objects.get(pk=assignment.pk).status == A.ASSIGNED


def test_the_assignment_follows_its_article_through_the_workflow(reporter, moderator):
    assignment = AssignmentFactory(reporters=[reporter])
    article = ArticleFactory(created_by=reporter)
    assignment.file_article(article, user=reporter)

    def status():
        return Assignment.objects.get(pk=assignment.pk).status

    workflow.transition(article, "submit", user=reporter)
    assert status() == A.FILED
    workflow.transition(article, "approve", user=moderator, seen_version=article.version)
    assert status() == A.PUBLISHED
    workflow.transition(article, "unpublish", user=moderator)
    assert status() == A.FILED
    workflow.transition(article, "trash", user=moderator)
    assert status() == A.ACCEPTED  # an article in the trash is no filed article
    workflow.transition(article, "restore", user=moderator)
    assert status() == A.FILED
    actions = list(assignment.changes.order_by("pk").values_list("action", "to_status"))
    assert actions == [
        ("file", A.FILED),
        ("article_approve", A.PUBLISHED),
        ("article_unpublish", A.FILED),
        ("article_trash_any", A.ACCEPTED),
        ("article_restore", A.FILED),
    ]


def test_a_refused_publication_leaves_the_assignment_filed(reporter, other_reporter):
    assignment = AssignmentFactory(reporters=[reporter])
    article = ArticleFactory(created_by=reporter, status="submitted")
    assignment.file_article(article, user=reporter)
    with pytest.raises(workflow.TransitionError):
        workflow.transition(article, "approve", user=other_reporter, seen_version=article.version)
    assert Assignment.objects.get(pk=assignment.pk).status == A.FILED


def test_an_article_without_an_assignment_moves_as_before(reporter, moderator):
    article = ArticleFactory(created_by=reporter)
    workflow.transition(article, "submit", user=reporter)
    article.refresh_from_db()
    assert article.status == "submitted"
    assert not Assignment.objects.exists()


def test_next_first_puts_the_open_ones_first_soonest_due_first(clock, reporter):
    later = AssignmentFactory(reporters=[reporter], topic="Sau", due_at=clock.now + timedelta(days=2))
    sooner = AssignmentFactory(reporters=[reporter], topic="Trước", due_at=clock.now + timedelta(hours=1))
    done = AssignmentFactory(reporters=[reporter], topic="Xong", due_at=clock.now - timedelta(days=1))
    done.file_article(ArticleFactory(created_by=reporter), user=reporter)
    late = AssignmentFactory(reporters=[reporter], topic="Trễ", due_at=clock.now - timedelta(hours=1))
    assert list(Assignment.objects.next_first()) == [late, sooner, later, done]
