"""The discussion thread beside the change form: comments and the desk's steps merged by time, and posting to it."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles import workflow
from articles.discussion import timeline
from articles.models import ArticleComment, ArticleTransition, Notification
from tests.admin_client import change_url
from tests.factories import ArticleFactory, CategoryFactory, ModeratorFactory

pytestmark = pytest.mark.django_db


def comment_url(article):
    return f"/admin/articles/article/{article.pk}/comment/"


def thread(response):
    """The thread's HTML in a change form response."""
    html = response.content.decode()
    start = html.index('<section class="module discussion" id="discussion"')
    return html[start : html.index("</section>", start)]


def test_the_thread_merges_comments_and_steps_by_time_and_the_return_note_is_the_steps_own(client, reporter, moderator):
    article = ArticleFactory(created_by=reporter, title="Bài có thảo luận")
    workflow.transition(article, "submit", user=reporter)
    ArticleComment.objects.create(article=article, author=moderator, body="Ảnh thứ hai mờ quá.")
    workflow.transition(article, "return", user=moderator, note="Thay ảnh thứ hai.")
    ArticleComment.objects.create(article=article, author=reporter, body="Đã thay ảnh.")

    entries = timeline(article)
    assert [(e.who, e.label or "comment", e.text) for e in entries] == [
        ("reporter_a", "Gửi duyệt", ""),
        ("moderator", "comment", "Ảnh thứ hai mờ quá."),
        ("moderator", "Trả lại phóng viên", "Thay ảnh thứ hai."),
        ("reporter_a", "comment", "Đã thay ảnh."),
    ]
    assert ArticleComment.objects.count() == 2  # the note lives in the history row only

    client.force_login(reporter)
    html = thread(client.get(change_url(article)))
    positions = [html.index(text) for text in ("Gửi duyệt", "Ảnh thứ hai mờ quá.", "Thay ảnh thứ hai.", "Đã thay ảnh.")]
    assert positions == sorted(positions)
    assert "(Chờ duyệt → Bị trả lại)" in html


def test_who_and_when_are_shown_in_vietnam_time(client, reporter):
    article = ArticleFactory(created_by=reporter)
    reporter.first_name, reporter.last_name = "An", "Nguyễn Văn"
    reporter.save()
    ArticleComment.objects.create(
        article=article, author=reporter, body="Gửi anh chị.", created_at=datetime(2026, 7, 7, 7, 33, tzinfo=UTC)
    )
    client.force_login(reporter)
    html = thread(client.get(change_url(article)))
    assert '<strong class="discussion-who">An Nguyễn Văn</strong>' in html
    assert ">14:33 07/07/2026</time>" in html


def test_posting_a_comment_stores_it_and_comes_back_to_it(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    response = client.post(comment_url(article), {"body": "  Dòng một\r\nDòng hai <b>đậm</b>\x07  "})
    comment = ArticleComment.objects.get()
    assert (comment.article, comment.author, comment.body) == (article, reporter, "Dòng một\nDòng hai <b>đậm</b>")
    assert response.status_code == 302
    assert response["Location"] == f"{change_url(article)}#comment-{comment.pk}"
    page = client.get(response["Location"])
    assert "Dòng một<br>Dòng hai &lt;b&gt;đậm&lt;/b&gt;" in thread(page)  # plain text, escaped
    assert "Đã thêm bình luận của bạn vào phần thảo luận." in [str(m) for m in page.context["messages"]]


def test_a_comment_posted_from_the_page_script_comes_back_as_its_thread_entry(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    response = client.post(comment_url(article), {"body": "Nhờ anh xem giúp."}, HTTP_ACCEPT="application/json")
    assert response.status_code == 201
    data = json.loads(response.content)
    comment = ArticleComment.objects.get()
    assert data["anchor"] == f"comment-{comment.pk}"
    assert f'id="comment-{comment.pk}"' in data["html"] and "Nhờ anh xem giúp." in data["html"]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("   \r\n  ", "Hãy viết nội dung bình luận trước."),
        ("Rất dài. " * 445, "Bình luận dài tối đa 4000 ký tự (bình luận này có 4004): hãy rút gọn rồi gửi lại."),
    ],
    ids=["empty", "too-long"],
)
def test_a_refused_comment_keeps_its_text_with_a_vietnamese_error(client, reporter, body, error):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    response = client.post(comment_url(article), {"body": body}, follow=True)
    assert ArticleComment.objects.count() == 0
    assert response.redirect_chain == [(f"{change_url(article)}#discussion", 302)]
    html = thread(response)
    assert f'role="alert">{error}</p>' in html
    if body.strip():
        assert response.context["discussion"]["form"]["body"].value() == body
        assert body.strip()[:200] in html
    # Shown once: the next visit has an empty form again.
    again = client.get(change_url(article))
    assert error not in thread(again) and again.context["discussion"]["form"]["body"].value() is None

    json_response = client.post(comment_url(article), {"body": body}, HTTP_ACCEPT="application/json")
    assert json_response.status_code == 400
    assert json.loads(json_response.content) == {"error": error}
    assert ArticleComment.objects.count() == 0


def test_the_database_refuses_an_empty_or_oversized_comment(reporter):
    from django.db import IntegrityError, transaction

    article = ArticleFactory(created_by=reporter)
    for body in ("", "x" * (ArticleComment.MAX_LENGTH + 1)):
        with pytest.raises(IntegrityError), transaction.atomic():
            ArticleComment.objects.create(article=article, author=reporter, body=body)


def test_comments_are_posted_not_fetched(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    assert client.get(comment_url(article), {"body": "x"}).status_code == 405
    assert ArticleComment.objects.count() == 0


def test_a_comment_needs_the_csrf_token(reporter):
    article = ArticleFactory(created_by=reporter)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reporter)
    response = browser.post(comment_url(article), {"body": "Không có mã CSRF."})
    assert response.status_code == 403
    assert ArticleComment.objects.count() == 0


def test_a_comment_from_the_form_tells_the_others_on_the_thread(client, django_capture_on_commit_callbacks, reporter,
                                                                moderator):  # fmt: skip
    article = ArticleFactory(created_by=reporter, status="submitted")
    ArticleTransition.objects.create(article=article, action="submit", from_status="draft", to_status="submitted",
                                     actor=reporter)  # fmt: skip
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(comment_url(article), {"body": "Chú ý nguồn tin."})
    [notification] = Notification.objects.all()
    assert notification.recipient == reporter and notification.detail == "Chú ý nguồn tin."
    assert [m.to for m in mail.outbox] == [[reporter.email]]


def test_the_thread_costs_the_same_queries_for_1_and_30_entries(client, reporter):
    article = ArticleFactory(created_by=reporter, status="submitted")
    editors = [ModeratorFactory(username=f"bientap_{i}") for i in range(3)]
    ArticleComment.objects.create(article=article, author=reporter, body="Bình luận 0")
    client.force_login(reporter)
    client.get(change_url(article))
    with CaptureQueriesContext(connection) as one:
        client.get(change_url(article))
    start = datetime(2026, 7, 7, tzinfo=UTC)
    for i in range(15):
        ArticleComment.objects.create(
            article=article, author=editors[i % 3], body=f"Bình luận {i + 1}", created_at=start + timedelta(minutes=i)
        )
        ArticleTransition.objects.create(article=article, action="return", from_status="submitted",
                                         to_status="returned", actor=editors[i % 3], note=f"Ghi chú {i}")  # fmt: skip
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(change_url(article))
    assert len(response.context["discussion"]["entries"]) == 31
    assert len(thirty.captured_queries) == len(one.captured_queries)
    discussion_queries = [q for q in one.captured_queries if "articlecomment" in q["sql"]]
    assert len(discussion_queries) == 1


def test_the_add_form_has_no_thread(client, reporter):
    client.force_login(reporter)
    response = client.get("/admin/articles/article/add/")
    assert response.status_code == 200 and "discussion" not in response.context
    assert 'id="discussion"' not in response.content.decode()


def test_an_editor_of_another_section_cannot_comment(client, reporter, limited_editor):
    article = ArticleFactory(created_by=reporter, category=CategoryFactory(name="Pháp luật"))
    client.force_login(limited_editor)
    assert client.post(comment_url(article), {"body": "Tôi không phụ trách mục này."}).status_code == 404
    assert client.post("/admin/articles/article/999999/comment/", {"body": "x"}).status_code == 404
    assert client.post("/admin/articles/article/abc/comment/", {"body": "x"}).status_code == 404
    assert ArticleComment.objects.count() == 0
