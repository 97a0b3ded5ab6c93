"""The admin's "Recent actions" (Django's LogEntry): each transition and save a moderator makes, in Vietnamese."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.revisions import record
from tests.admin_client import change_url, form_data, transition_url
from tests.factories import ArticleFactory, CategoryFactory, PublishedArticleFactory

S = Article.Status
pytestmark = pytest.mark.django_db


def press(client, article, name, **data):
    article.refresh_from_db()
    return client.post(transition_url(article, name), {"seen_version": article.version, **data})


def messages_for(article):
    return [e.get_change_message() for e in LogEntry.objects.filter(object_id=str(article.pk)).order_by("pk")]


def test_approving_writes_a_recent_action_the_moderator_sees_on_the_admin_home(client, moderator):
    article = ArticleFactory(status=S.SUBMITTED, title="Bắt đối tượng trộm cắp xe máy")
    client.force_login(moderator)
    press(client, article, "approve")
    [entry] = LogEntry.objects.all()
    assert (entry.user, entry.action_flag, entry.object_repr) == (moderator, CHANGE, article.title)
    assert entry.get_change_message() == "Duyệt và xuất bản: Chờ duyệt → Đã xuất bản."
    sidebar = client.get("/admin/").content.decode()
    assert "Hoạt động gần đây" in sidebar and "Bắt đối tượng trộm cắp xe máy" in sidebar
    history = client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert "Duyệt và xuất bản: Chờ duyệt → Đã xuất bản." in history


def test_scheduling_names_the_publication_time_in_vietnam_time(client, moderator):
    article = ArticleFactory(status=S.SUBMITTED)
    at = timezone.localtime() + timedelta(days=1)
    client.force_login(moderator)
    press(client, article, "approve", publish_at=at.strftime("%Y-%m-%dT%H:%M"))
    [message] = messages_for(article)
    assert message.startswith("Duyệt và xuất bản: Chờ duyệt → Đã xuất bản.")
    assert message.endswith(f"Hẹn giờ xuất bản lúc {at:%H:%M %d/%m/%Y}.")


def test_returning_keeps_the_note_in_the_recent_action(client, moderator):
    article = ArticleFactory(status=S.SUBMITTED)
    client.force_login(moderator)
    press(client, article, "return", note="Thiếu tên đơn vị.")
    assert messages_for(article) == ["Trả lại phóng viên: Chờ duyệt → Bị trả lại. Ghi chú: Thiếu tên đơn vị."]


def test_forward_and_sign_off_are_each_logged_for_who_took_them(client, moderator, chief):
    article = ArticleFactory(status=S.SUBMITTED, category=CategoryFactory(name="An ninh", needs_signoff=True))
    client.force_login(moderator)
    press(client, article, "forward")
    client.force_login(chief)
    press(client, article, "sign_off")
    entries = list(LogEntry.objects.order_by("pk"))
    assert [e.user for e in entries] == [moderator, chief]
    assert entries[0].get_change_message().startswith("Duyệt và chuyển lãnh đạo duyệt: Chờ duyệt → ")
    assert entries[1].get_change_message().endswith("→ Đã xuất bản.")


def test_a_bulk_unpublish_logs_each_article(client, moderator):
    articles = PublishedArticleFactory.create_batch(2)
    client.force_login(moderator)
    client.post(
        "/admin/articles/article/",
        {"action": "transition_unpublish", "_selected_action": [a.pk for a in articles]},
    )
    for article in articles:
        assert messages_for(article) == ["Gỡ bài: Đã xuất bản → Đã gỡ."]


def test_an_ordinary_save_is_a_recent_action_with_django_s_vietnamese_message(client, moderator):
    article = ArticleFactory(status=S.SUBMITTED)
    record(article, user=moderator)
    client.force_login(moderator)
    response = client.get(change_url(article))
    saved = client.post(change_url(article), form_data(response, title="Tiêu đề đã biên tập"))
    assert saved.status_code == 302
    [message] = messages_for(article)
    assert message.startswith("Đã thay đổi") and "Tiêu đề" in message


def test_a_refused_transition_writes_no_recent_action(client, reporter):
    article = PublishedArticleFactory(created_by=reporter)
    client.force_login(reporter)
    press(client, article, "unpublish")
    assert not LogEntry.objects.exists()


def approve_some(client, n):
    for article in ArticleFactory.create_batch(n, status=S.SUBMITTED):
        press(client, article, "approve")


def test_the_admin_home_s_recent_actions_cost_the_same_queries_for_2_and_6_actions(
    client, moderator, django_assert_num_queries
):
    client.force_login(moderator)
    approve_some(client, 2)
    client.get("/admin/")  # warm the per-process caches (content types, the section menu)
    with CaptureQueriesContext(connection) as two:
        assert client.get("/admin/").status_code == 200
    expected = len(two.captured_queries)  # read now: the next requests empty the log it slices
    approve_some(client, 4)
    with django_assert_num_queries(expected):
        html = client.get("/admin/").content.decode()
    actions = html.split('<ul class="actionlist">', 1)[1].split("</ul>", 1)[0]
    assert actions.count("<li") == 6


def test_an_edit_awaiting_sign_off_logs_the_save_and_the_step_back_to_the_editors(client, moderator):
    article = ArticleFactory(status=S.SUBMITTED, category=CategoryFactory(name="An ninh", needs_signoff=True))
    record(article, user=moderator)
    client.force_login(moderator)
    press(client, article, "forward")
    client.post(change_url(article), form_data(client.get(change_url(article)), title="Sửa sau khi duyệt"))
    # The step back is written while the save is (its related objects), Django's line for the save after it.
    forwarded, reopened, saved = messages_for(article)
    assert forwarded.startswith("Duyệt và chuyển lãnh đạo duyệt:")
    assert reopened.startswith("Sửa sau khi đã duyệt: trở lại chờ biên tập viên: Chờ lãnh đạo duyệt → Chờ duyệt.")
    assert saved.startswith("Đã thay đổi")


def test_restoring_a_version_is_a_recent_action(client, moderator):
    article = ArticleFactory(title="Phiên bản một")
    old = record(article, user=moderator)
    Article.objects.filter(pk=article.pk).update(title="Phiên bản hai")
    client.force_login(moderator)
    client.post(f"/admin/articles/article/{article.pk}/revisions/{old.pk}/restore/")
    assert messages_for(article) == [f"Đã khôi phục phiên bản {old.version}."]
