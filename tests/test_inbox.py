"""The bell on every admin page (one query), the notifications page and the profile page: each person's own."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Notification, StaffProfile
from tests.admin_client import change_url
from tests.factories import ArticleFactory, CategoryFactory, PublishedArticleFactory, limit_to_sections

pytestmark = pytest.mark.django_db
K = Notification.Kind
START = datetime(2026, 7, 7, 1, 0, tzinfo=UTC)


def notify(user, article, n=1, *, read=False, start=0):
    rows = [
        Notification(
            recipient=user,
            article=article,
            kind=K.SUBMITTED,
            message=f"Thông báo số {start + i}",
            created_at=START + timedelta(minutes=start + i),
            read_at=START if read else None,
        )
        for i in range(n)
    ]
    return Notification.objects.bulk_create(rows)


def bell_queries(queries):
    return [q["sql"] for q in queries if "articles_notification" in q["sql"]]


def test_the_bell_shows_the_unread_count_on_every_admin_page_for_one_query(client, moderator, reporter):
    article = ArticleFactory(created_by=reporter, status="submitted")
    notify(moderator, article, 3)
    notify(moderator, article, 2, read=True, start=10)
    notify(reporter, article, 4, start=20)  # someone else's
    client.force_login(moderator)
    pages = [
        "/admin/",
        "/admin/articles/article/",
        change_url(article),
        f"/admin/articles/article/{article.pk}/history/",
        "/admin/articles/category/",
        "/admin/articles/article/add/",
        "/admin/profile/",
        "/admin/password_change/",
    ]
    for url in pages:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<span class="notification-count" id="notification-count">3</span>' in html, url
        assert 'title="3 thông báo chưa đọc"' in html, url
        assert len(bell_queries(ctx.captured_queries)) == 1, (url, bell_queries(ctx.captured_queries))


def test_no_unread_no_count(client, moderator):
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert 'id="notification-bell"' in html and 'id="notification-count"' not in html


def test_public_pages_and_the_login_page_run_no_notification_query(client, moderator):
    article = PublishedArticleFactory()
    notify(moderator, article, 2)
    with CaptureQueriesContext(connection) as login_page:
        assert client.get("/admin/login/").status_code == 200
    client.force_login(moderator)  # staff reading the public site
    with CaptureQueriesContext(connection) as public:
        for url in ("/", "/tin-moi/", article.get_absolute_url()):
            response = client.get(url)
            assert response.status_code == 200 and 'id="notification-bell"' not in response.content.decode()
    sql = " ".join(q["sql"] for q in [*login_page.captured_queries, *public.captured_queries])
    assert "articles_notification" not in sql and "articles_articlecomment" not in sql


def test_the_notifications_page_lists_mine_newest_first_with_the_unread_marked(client, moderator, reporter):
    article = ArticleFactory(created_by=reporter)
    notify(moderator, article, 2, read=True)
    notify(moderator, article, 1, start=5)
    notify(reporter, article, 1, start=9)
    client.force_login(moderator)
    response = client.get("/admin/notifications/")
    page = response.context["page"]
    assert [n.message for n in page] == ["Thông báo số 5", "Thông báo số 1", "Thông báo số 0"]
    html = response.content.decode()
    assert "Thông báo số 9" not in html
    assert html.count('class="notification-item unread"') == 1
    assert html.index("Thông báo số 5") < html.index('class="notification-item"')
    assert "1 thông báo chưa đọc" in html and 'id="mark-all-read"' in html
    first = Notification.objects.get(recipient=moderator, message="Thông báo số 5")
    assert f'href="/admin/notifications/{first.pk}/"' in html
    assert ">08:05 07/07/2026</time>" in html  # Vietnam time


def test_the_notifications_page_is_paginated_with_the_same_queries_for_1_and_30(client, moderator, reporter):
    article = ArticleFactory(created_by=reporter)
    notify(moderator, article, 1)
    client.force_login(moderator)
    with CaptureQueriesContext(connection) as one:
        client.get("/admin/notifications/")
    notify(moderator, article, 29, start=1)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get("/admin/notifications/")
    assert len(response.context["page"].object_list) == 30
    assert len(thirty.captured_queries) == len(one.captured_queries)
    notify(moderator, article, 1, start=30)
    second = client.get("/admin/notifications/", {"page": 2})
    assert [n.message for n in second.context["page"]] == ["Thông báo số 0"]
    assert (
        "Trang 2 / 2" in second.content.decode()
        or "Trang 2 trên 2" in second.content.decode()
        or (second.context["page"].number == 2)
    )
    assert client.get("/admin/notifications/", {"page": "x"}).status_code == 200  # a bad page: the first


def test_following_a_notification_marks_it_read_and_opens_the_thread(client, moderator, reporter):
    article = ArticleFactory(created_by=reporter, status="submitted")
    [mine] = notify(moderator, article)
    client.force_login(moderator)
    response = client.get(f"/admin/notifications/{mine.pk}/")
    assert response.status_code == 302 and response["Location"] == f"{change_url(article)}#discussion"
    mine.refresh_from_db()
    assert mine.read_at is not None
    read_at = mine.read_at
    client.get(f"/admin/notifications/{mine.pk}/")
    mine.refresh_from_db()
    assert mine.read_at == read_at  # the first reading is the one kept
    assert 'id="notification-count"' not in client.get("/admin/").content.decode()


def test_nobody_opens_or_marks_anybody_elses_notification(client, moderator, reporter):
    article = ArticleFactory(created_by=reporter)
    [theirs] = notify(reporter, article)
    client.force_login(moderator)
    assert client.get(f"/admin/notifications/{theirs.pk}/").status_code == 404
    assert client.get("/admin/notifications/999999/").status_code == 404
    client.post("/admin/notifications/read-all/")
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_marks_only_mine_and_needs_a_post(client, moderator, reporter):
    article = ArticleFactory(created_by=reporter)
    notify(moderator, article, 3)
    notify(reporter, article, 2)
    client.force_login(moderator)
    assert client.get("/admin/notifications/read-all/").status_code == 405
    assert Notification.objects.filter(recipient=moderator, read_at=None).count() == 3
    response = client.post("/admin/notifications/read-all/", follow=True)
    assert response.redirect_chain == [("/admin/notifications/", 302)]
    assert "Đã đánh dấu tất cả thông báo là đã đọc." in [str(m) for m in response.context["messages"]]
    assert Notification.objects.filter(recipient=moderator, read_at=None).count() == 0
    assert Notification.objects.filter(recipient=reporter, read_at=None).count() == 2


@pytest.mark.parametrize(
    "url", ["/admin/notifications/", "/admin/notifications/1/", "/admin/profile/", "/admin/notifications/read-all/"]
)
def test_the_inbox_needs_a_staff_login(client, url):
    response = client.post(url) if url.endswith("read-all/") else client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_profile_shows_the_sections_and_turns_email_off_and_on(client, limited_editor):
    client.force_login(limited_editor)
    response = client.get("/admin/profile/")
    html = response.content.decode()
    assert '<td id="profile-sections">Thể thao' in html
    assert '<td id="profile-roles">Biên tập viên</td>' in html
    assert "bientap_thethao@example.vn" in html
    assert "checked" in re.search(r'<input type="checkbox" name="email_notifications"[^>]*>', html).group(0)
    other = CategoryFactory(name="Pháp luật")
    response = client.post("/admin/profile/", {"sections": [other.pk]}, follow=True)  # email unchecked
    assert "Đã lưu hồ sơ của bạn." in [str(m) for m in response.context["messages"]]
    profile = StaffProfile.objects.get(user=limited_editor)
    assert profile.email_notifications is False
    assert [s.name for s in profile.sections.all()] == ["Thể thao"]  # sections are the administrator's
    client.post("/admin/profile/", {"email_notifications": "on"})
    profile.refresh_from_db()
    assert profile.email_notifications is True


def test_a_profile_is_made_the_first_time_email_is_turned_off(client, moderator):
    client.force_login(moderator)
    html = client.get("/admin/profile/").content.decode()
    assert '<td id="profile-sections">Tất cả chuyên mục' in html
    assert not StaffProfile.objects.filter(user=moderator).exists()
    client.post("/admin/profile/", {})
    assert StaffProfile.objects.get(user=moderator).email_notifications is False


def test_a_reporter_has_a_profile_page_too(client, reporter):
    limit_to_sections(reporter)  # an empty profile
    client.force_login(reporter)
    html = client.get("/admin/profile/").content.decode()
    assert '<td id="profile-roles">Phóng viên</td>' in html and "Hồ sơ của tôi" in html
    assert 'id="profile-sections"' not in html  # section limits are the editors' and leaders' only
