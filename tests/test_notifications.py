"""Who is told what: each step of the desk and each comment reaches the right people, in the admin and by email."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from articles import notifications, workflow
from articles.models import ArticleComment, Notification, StaffProfile
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    ChiefFactory,
    ModeratorFactory,
    ReporterFactory,
    limit_to_sections,
)

pytestmark = pytest.mark.django_db
K = Notification.Kind


@pytest.fixture
def security():
    return CategoryFactory(name="An ninh trật tự", needs_signoff=True)


@pytest.fixture
def desk_people(security):
    """Two editors of every section, one of this section only, one of another, a leader, and their limits."""
    sport = CategoryFactory(name="Thể thao")
    return {
        "editor": ModeratorFactory(username="bientap1"),
        "editor2": ModeratorFactory(username="bientap2"),
        "editor_here": limit_to_sections(ModeratorFactory(username="bientap_antt"), security),
        "editor_elsewhere": limit_to_sections(ModeratorFactory(username="bientap_thethao"), sport),
        "inactive_editor": ModeratorFactory(username="bientap_nghi", is_active=False),
        "chief": ChiefFactory(username="lanhdao1"),
        "chief_elsewhere": limit_to_sections(ChiefFactory(username="lanhdao_thethao"), sport),
    }


def told(kind=None, article=None):
    """{username: message} of the notifications stored (of `kind`)."""
    rows = Notification.objects.select_related("recipient")
    if kind:
        rows = rows.filter(kind=kind)
    if article:
        rows = rows.filter(article=article)
    return {n.recipient.username: n.message for n in rows}


def step(django_capture_on_commit_callbacks, article, name, user, **kwargs):
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        return workflow.transition(article, name, user=user, seen_version=article.version, **kwargs)


def test_a_submission_tells_the_sections_editors_only(django_capture_on_commit_callbacks, reporter, desk_people,
                                                       security):  # fmt: skip
    article = ArticleFactory(created_by=reporter, category=security, title="Triệt phá đường dây ma túy")
    step(django_capture_on_commit_callbacks, article, "submit", reporter)
    assert set(told(K.SUBMITTED)) == {"bientap1", "bientap2", "bientap_antt"}
    assert told()["bientap1"] == f"{reporter.username} đã gửi duyệt bài “Triệt phá đường dây ma túy”"
    assert sorted(m.to[0] for m in mail.outbox) == ["bientap1@example.vn", "bientap2@example.vn",
                                                    "bientap_antt@example.vn"]  # fmt: skip


def test_forwarding_tells_the_leaders_of_the_section_and_not_the_forwarding_editor(
    django_capture_on_commit_callbacks, reporter, desk_people, security
):
    article = ArticleFactory(created_by=reporter, category=security, status="submitted")
    step(django_capture_on_commit_callbacks, article, "forward", desk_people["editor"])
    assert set(told()) == {"lanhdao1"}
    assert told()["lanhdao1"].endswith("và chuyển lãnh đạo duyệt")


def test_a_return_tells_the_authors_with_the_note(django_capture_on_commit_callbacks, reporter, desk_people):
    coauthor = ReporterFactory(username="phongvien_b")
    article = ArticleFactory(
        created_by=reporter, status="submitted", authors=[AuthorFactory(pen_name="P.V. B", user=coauthor)]
    )
    step(django_capture_on_commit_callbacks, article, "return", desk_people["editor"], note="Bổ sung ảnh hiện trường.")
    rows = Notification.objects.filter(kind=K.RETURNED)
    assert {n.recipient.username for n in rows} == {"reporter_a", "phongvien_b"}
    assert {n.detail for n in rows} == {"Bổ sung ảnh hiện trường."}
    assert all("Bổ sung ảnh hiện trường." in m.body for m in mail.outbox) and len(mail.outbox) == 2


@pytest.mark.parametrize("name", ["return_to_editor", "reopen"])
def test_sent_back_to_the_editors_tells_them_with_the_note(django_capture_on_commit_callbacks, reporter,
                                                           desk_people, security, name):  # fmt: skip
    article = ArticleFactory(created_by=reporter, category=security, status="signoff")
    actor = desk_people["chief"]
    if name == "return_to_editor":
        note, kind = "Kiểm tra lại số liệu.", K.RETURNED_TO_EDITOR
        step(django_capture_on_commit_callbacks, article, name, actor, note=note)
    else:  # as the admin does after a save of an article awaiting sign-off
        note, kind = "Nội dung đã thay đổi sau khi biên tập viên duyệt.", K.REOPENED
        with django_capture_on_commit_callbacks(execute=True):
            workflow.content_changed(article, user=actor)
    assert set(told(kind)) == {"bientap1", "bientap2", "bientap_antt"}
    assert set(Notification.objects.filter(kind=kind).values_list("detail", flat=True)) == {note}


def test_publication_tells_the_authors(django_capture_on_commit_callbacks, reporter, desk_people, security):
    article = ArticleFactory(created_by=reporter, category=security, status="signoff", title="Bài đã duyệt")
    step(django_capture_on_commit_callbacks, article, "sign_off", desk_people["chief"])
    assert told() == {"reporter_a": "Bài “Bài đã duyệt” đã được xuất bản (lanhdao1 duyệt)"}
    [message] = mail.outbox
    assert message.to == ["reporter_a@example.vn"]
    assert message.subject == "[Báo Công an Nghệ An] Bài “Bài đã duyệt” đã được xuất bản (lanhdao1 duyệt)"


def test_a_scheduled_publication_says_when_in_vietnam_time(django_capture_on_commit_callbacks, reporter, moderator):
    article = ArticleFactory(created_by=reporter, status="submitted", title="Bài hẹn giờ")
    when = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    step(django_capture_on_commit_callbacks, article, "approve", moderator, publish_at=when)
    local = timezone.localtime(when)
    assert told(K.SCHEDULED)["reporter_a"] == (
        f"Bài “Bài hẹn giờ” được hẹn giờ xuất bản lúc {local:%H:%M %d/%m/%Y} (moderator duyệt)"
    )


def test_the_actor_is_never_told_about_their_own_act(django_capture_on_commit_callbacks, moderator):
    # An editor who writes and publishes their own article: the author is the actor.
    AuthorFactory(pen_name="Biên tập viên viết bài", user=moderator)
    article = ArticleFactory(created_by=moderator, status="submitted")
    step(django_capture_on_commit_callbacks, article, "approve", moderator)
    assert told() == {} and mail.outbox == []


def test_a_limited_editor_hears_about_their_sections_only(django_capture_on_commit_callbacks, reporter, desk_people):
    elsewhere = ArticleFactory(created_by=reporter, category=CategoryFactory(name="Pháp luật"))
    step(django_capture_on_commit_callbacks, elsewhere, "submit", reporter)
    assert "bientap_antt" not in told() and "bientap_thethao" not in told() and "bientap1" in told()


def test_steps_nobody_needs_to_hear_about_tell_nobody(django_capture_on_commit_callbacks, django_assert_num_queries,
                                                       reporter, moderator):  # fmt: skip
    article = ArticleFactory(created_by=reporter)
    step(django_capture_on_commit_callbacks, article, "trash", moderator)
    entry = step(django_capture_on_commit_callbacks, article, "restore", moderator)
    assert Notification.objects.count() == 0
    with django_assert_num_queries(0):  # an import publishing thousands of articles pays nothing for this
        notifications.transition_made(entry)


def test_a_comment_tells_everyone_else_on_the_thread(django_capture_on_commit_callbacks, reporter, desk_people):
    editor, chief = desk_people["editor"], desk_people["chief"]
    article = ArticleFactory(created_by=reporter, status="submitted")
    ArticleComment.objects.create(article=article, author=desk_people["editor2"], body="Đã xem đoạn đầu.")
    step(django_capture_on_commit_callbacks, article, "return", editor, note="Sửa tít.")
    outsider = ReporterFactory(username="phongvien_ngoai")
    Notification.objects.all().delete()
    mail.outbox.clear()

    comment = ArticleComment.objects.create(article=article, author=chief, body="Chú ý tên nhân vật.\nKiểm tra lại.")
    with django_capture_on_commit_callbacks(execute=True):
        transaction.on_commit(lambda: notifications.comment_posted(comment.pk))

    assert set(told(K.COMMENT)) == {"reporter_a", "bientap1", "bientap2"}  # not the leader, nor outsiders
    assert outsider.username not in told()
    assert told()["reporter_a"] == f"lanhdao1 đã bình luận về bài “{article.title}”"
    assert {m.to[0] for m in mail.outbox} == {"reporter_a@example.vn", "bientap1@example.vn", "bientap2@example.vn"}
    assert all("Chú ý tên nhân vật.\nKiểm tra lại." in m.body for m in mail.outbox)


def test_email_goes_only_to_people_with_an_address_who_want_it(django_capture_on_commit_callbacks, reporter,
                                                               desk_people):  # fmt: skip
    StaffProfile.objects.update_or_create(user=desk_people["editor"], defaults={"email_notifications": False})
    type(reporter).objects.filter(username="bientap2").update(email="")
    article = ArticleFactory(created_by=reporter, category=CategoryFactory(name="Pháp luật"))
    step(django_capture_on_commit_callbacks, article, "submit", reporter)
    assert {"bientap1", "bientap2"} <= set(told())  # both are told in the admin
    assert "bientap1@example.vn" not in [m.to[0] for m in mail.outbox]
    assert [m.to for m in mail.outbox if m.to[0].startswith("bientap2")] == []


def test_nothing_is_told_or_sent_before_the_commit_or_after_a_rollback(reporter, moderator):
    article = ArticleFactory(created_by=reporter, title="Bài chưa lưu xong")
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            workflow.transition(article, "submit", user=reporter)
            assert Notification.objects.count() == 0 and mail.outbox == []  # inside: nothing yet
            raise RuntimeError("the save failed after the step")
    assert Notification.objects.count() == 0 and mail.outbox == []


def test_each_notification_is_sent_after_the_commit(django_capture_on_commit_callbacks, reporter, moderator):
    article = ArticleFactory(created_by=reporter)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.transition(article, "submit", user=reporter)
        assert mail.outbox == [] and Notification.objects.count() == 0
    assert len(callbacks) >= 1
    assert told() == {"moderator": f"reporter_a đã gửi duyệt bài “{article.title}”"}
    assert len(mail.outbox) == 1


def test_the_mail_says_what_happened_with_the_note_and_links_the_change_form(
    django_capture_on_commit_callbacks, settings, reporter, moderator
):
    settings.NEWSROOM_SITE_URL = "https://congannghean.vn"
    article = ArticleFactory(created_by=reporter, status="submitted", title="Hội nghị sơ kết")
    step(django_capture_on_commit_callbacks, article, "return", moderator, note="Thêm số liệu quý II.")
    [message] = mail.outbox
    assert message.subject == "[Báo Công an Nghệ An] moderator đã trả lại bài “Hội nghị sơ kết” cho bạn"
    assert message.body.startswith("moderator đã trả lại bài “Hội nghị sơ kết” cho bạn.\n")
    assert "Ghi chú:\nThêm số liệu quý II." in message.body
    assert f"Mở bài viết: https://congannghean.vn/admin/articles/article/{article.pk}/change/#discussion" in (
        message.body
    )
    assert "https://congannghean.vn/admin/profile/" in message.body
    assert "&amp;" not in message.body and "&#x27;" not in message.body  # plain text, not HTML-escaped


def test_a_failure_working_out_the_recipients_is_logged_and_the_step_stands(
    django_capture_on_commit_callbacks, caplog, reporter
):
    article = ArticleFactory(created_by=reporter)
    entry = step(django_capture_on_commit_callbacks, article, "submit", reporter)
    entry.pk += 1000  # a history row that is not there any more (its article deleted meanwhile)
    notifications.transition_made(entry)
    assert "Notifications for history entry" in caplog.text
    article.refresh_from_db()
    assert article.status == "submitted"
