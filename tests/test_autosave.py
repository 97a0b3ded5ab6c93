"""The autosave endpoint: the writer's private copy, stored for who may edit now, and nothing else touched."""

import json

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from articles.admin.autosave import MAX_BYTES
from articles.models import Article, ArticleAutosave, ArticleRevision
from tests.factories import ArticleFactory, PublishedArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

BODY = "<p>Sáng 7/7, Công an huyện Diễn Châu tổ chức lễ ra quân.</p>"
SESSION_URL = "/admin/articles/article/session/"


def autosave_url(article=None):
    if article is None:
        return "/admin/articles/article/add/autosave/"
    return f"/admin/articles/article/{article.pk}/autosave/"


def post(client, url, user, *, raw=None, **payload):
    data = {
        "user": user.pk if user else None,
        "fields": {"title": "Tiêu đề đang viết", "lead": "Sapo đang viết", "event_place": "Diễn Châu"},
        "body": BODY,
        "version": 1,
        **payload,
    }
    return client.post(url, raw if raw is not None else json.dumps(data), content_type="application/json")


@pytest.fixture
def draft(reporter):
    return ArticleFactory(created_by=reporter, title="Bản đã lưu", body="<p>Đã lưu.</p>")


def as_user(client, user):
    client.force_login(user)
    return client


def test_reporter_autosaves_own_draft_without_touching_the_article(client, reporter, draft):
    before = Article.objects.get(pk=draft.pk)
    response = post(as_user(client, reporter), autosave_url(draft), reporter)

    assert response.status_code == 200
    autosave = ArticleAutosave.objects.get()
    assert (autosave.user, autosave.article, autosave.version) == (reporter, draft, 1)
    assert autosave.fields == {"title": "Tiêu đề đang viết", "lead": "Sapo đang viết", "event_place": "Diễn Châu"}
    assert autosave.body == BODY
    assert response.json()["label"] == ArticleAutosave.time_label(autosave.saved_at)
    after = Article.objects.get(pk=draft.pk)
    assert (after.title, after.body, after.version, after.status, after.updated_at) == (
        before.title,
        before.body,
        before.version,
        before.status,
        before.updated_at,
    )
    assert not ArticleRevision.objects.filter(article=draft).exists()


def test_a_second_autosave_overwrites_the_first(client, reporter, draft):
    as_user(client, reporter)
    post(client, autosave_url(draft), reporter, body="<p>Một.</p>")
    first = ArticleAutosave.objects.get().saved_at
    post(client, autosave_url(draft), reporter, body="<p>Hai.</p>", fields={"title": "Tiêu đề hai"})

    autosave = ArticleAutosave.objects.get()
    assert autosave.body == "<p>Hai.</p>" and autosave.fields == {"title": "Tiêu đề hai"}
    assert autosave.saved_at >= first


def test_new_article_has_one_slot_per_user(client, reporter, other_reporter):
    as_user(client, reporter)
    post(client, autosave_url(), reporter, version=None, body="<p>Một.</p>")
    post(client, autosave_url(), reporter, version=None, body="<p>Hai.</p>")
    as_user(client, other_reporter)
    post(client, autosave_url(), other_reporter, version=None, body="<p>Của người khác.</p>")

    mine = ArticleAutosave.objects.get(user=reporter)
    assert mine.article is None and mine.body == "<p>Hai.</p>"
    assert ArticleAutosave.objects.get(user=other_reporter).body == "<p>Của người khác.</p>"
    assert not Article.objects.exists()


def test_only_other_fields_than_the_text_ones_are_dropped(client, reporter, draft):
    post(as_user(client, reporter), autosave_url(draft), reporter, fields={"title": "T", "status": "published"})
    assert ArticleAutosave.objects.get().fields == {"title": "T"}
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT


@pytest.mark.parametrize(
    ("who", "state", "status"),
    [
        ("other_reporter", "draft", 404),  # not theirs: they do not even learn it exists
        ("reporter", "submitted", 403),  # waiting for review: the reporter may not edit it
        ("reporter", "published", 403),
        ("moderator", "trashed", 403),
        ("anonymous", "draft", 401),
    ],
)
def test_who_may_not_edit_the_article_now_cannot_autosave_it(client, request, reporter, who, state, status):
    article = ArticleFactory(created_by=reporter, status=state)
    user = None if who == "anonymous" else request.getfixturevalue(who)
    if user:
        client.force_login(user)
    response = post(client, autosave_url(article), user)
    assert response.status_code == status
    assert response.json()["error"]  # a sentence for the status line, not a page
    assert not ArticleAutosave.objects.exists()


def test_a_staff_member_who_may_not_write_cannot_autosave_a_new_article(client):
    clerk = UserFactory(username="van_thu")  # staff, no role
    response = post(as_user(client, clerk), autosave_url(), clerk, version=None)
    assert response.status_code == 403
    assert response.json()["error"] == "Bạn không có quyền viết bài."
    assert not ArticleAutosave.objects.exists()


def test_an_unknown_article_is_a_404_not_an_error(client, moderator):
    as_user(client, moderator)
    for object_id in ("999999", "abc", "99999999999999999999999"):
        assert post(client, f"/admin/articles/article/{object_id}/autosave/", moderator).status_code == 404
    assert not ArticleAutosave.objects.exists()


def test_an_autosave_meant_for_someone_else_is_refused(client, reporter, moderator, draft):
    # The tab was opened by the reporter; meanwhile a moderator logged in on this browser.
    response = post(as_user(client, moderator), autosave_url(draft), reporter)
    assert response.status_code == 401
    assert "tài khoản khác" in response.json()["error"]
    assert not ArticleAutosave.objects.exists()


def test_body_is_sanitised_on_the_way_in(client, reporter, draft):
    html = '<p onclick="steal()">Chữ <a href="javascript:alert(1)">liên kết</a></p><script>alert(1)</script>'
    post(as_user(client, reporter), autosave_url(draft), reporter, body=html)
    stored = ArticleAutosave.objects.get().body
    assert "script" not in stored and "onclick" not in stored and "javascript:" not in stored
    assert stored.startswith("<p>Chữ <a")


def test_an_oversize_autosave_is_refused_with_a_message(client, reporter, draft):
    response = post(as_user(client, reporter), autosave_url(draft), reporter, body="<p>" + "x" * MAX_BYTES + "</p>")
    assert response.status_code == 413
    assert response.json()["error"].startswith("Bản lưu tự động quá lớn (tối đa 1,0")
    assert not ArticleAutosave.objects.exists()


@pytest.mark.parametrize(
    "raw",
    [
        "không phải JSON",
        "[1, 2]",
        '{"user": %(user)s, "fields": "tiêu đề"}',
        '{"user": %(user)s, "fields": {"title": 5}}',
        '{"user": %(user)s, "body": ["<p>"]}',
        '{"user": %(user)s, "version": -1}',
        '{"user": %(user)s, "version": true}',
        b"\xff\xfe",
    ],
)
def test_an_unreadable_autosave_is_a_400_with_a_message(client, reporter, draft, raw):
    if isinstance(raw, str):
        raw = raw.replace("%(user)s", str(reporter.pk))
    response = post(as_user(client, reporter), autosave_url(draft), reporter, raw=raw)
    assert response.status_code == 400
    assert response.json() == {"error": "Không đọc được bản lưu tự động."}
    assert not ArticleAutosave.objects.exists()


def test_only_post_and_delete_are_allowed(client, reporter, draft):
    assert as_user(client, reporter).get(autosave_url(draft)).status_code == 405


def test_the_csrf_token_is_required(reporter, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    assert post(client, autosave_url(draft), reporter).status_code == 403
    assert not ArticleAutosave.objects.exists()


def test_delete_discards_only_the_users_own_autosave(client, reporter, moderator, draft):
    ArticleAutosave.objects.store(reporter, draft, fields={}, body="<p>Của phóng viên.</p>")
    ArticleAutosave.objects.store(moderator, draft, fields={}, body="<p>Của biên tập viên.</p>")
    response = as_user(client, reporter).delete(autosave_url(draft))
    assert response.status_code == 200
    assert list(ArticleAutosave.objects.values_list("user__username", flat=True)) == ["moderator"]


def test_the_session_check_says_who_is_logged_in_and_401_when_no_one(client, reporter):
    response = client.get(SESSION_URL)
    assert response.status_code == 401
    assert response.json() == {"error": "Phiên đăng nhập đã hết. Hãy đăng nhập lại để lưu."}
    as_user(client, reporter)
    assert client.get(SESSION_URL).json() == {"user": reporter.pk}
    assert "no-cache" in client.get(SESSION_URL)["Cache-Control"]
    Session.objects.all().delete()  # expired, or logged out in another tab
    assert client.get(SESSION_URL).status_code == 401


def test_autosave_runs_a_fixed_number_of_queries(client, reporter, draft, django_assert_num_queries):
    as_user(client, reporter)
    post(client, autosave_url(draft), reporter)  # the row exists: later autosaves overwrite it
    # Session, user, the article (the reporter's narrowing), their permissions (2), one UPDATE.
    with django_assert_num_queries(6):
        assert post(client, autosave_url(draft), reporter).status_code == 200
    # The new-article slot: no article to find.
    post(client, autosave_url(), reporter, version=None)
    with django_assert_num_queries(5):
        assert post(client, autosave_url(), reporter, version=None).status_code == 200


def test_the_session_check_runs_two_queries(client, reporter, django_assert_num_queries):
    as_user(client, reporter)
    with django_assert_num_queries(2):
        client.get(SESSION_URL)


def test_a_moderator_autosaves_a_published_article_and_readers_never_see_it(client, moderator):
    article = PublishedArticleFactory(body="<p>Bản đã duyệt.</p>")
    post(as_user(client, moderator), autosave_url(article), moderator, body="<p>Bản nháp riêng tư.</p>")
    assert ArticleAutosave.objects.get().body == "<p>Bản nháp riêng tư.</p>"
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Bản đã duyệt." in page and "Bản nháp riêng tư." not in page
    assert Article.objects.get(pk=article.pk).body == "<p>Bản đã duyệt.</p>"
