"""The whole approval chain in a real browser, with its notifications and discussion: reporter, editor, leadership.

Playwright drives Debian's chromium against pytest-django's live server, with the demo
accounts of load_demo: phongvien files to "An ninh trật tự" (a section that needs the
leadership's sign-off); bientapvien is told, edits, comments and forwards it; the article
is not public; lanhdao is told and signs it off; it is public with the editor's edit; the
history and the thread show each step; phongvien is told it is published. The mail (the
locmem backend of the test run) went to the right people at each step.
"""

import os
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from articles.models import Article, ArticleComment, Notification

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-demo-2024"
TITLE = "Triệt phá đường dây đánh bạc qua mạng tại Nghi Lộc"
LEAD = "Công an huyện Nghi Lộc triệt phá đường dây đánh bạc qua mạng với số tiền giao dịch hơn 50 tỷ đồng."
BODY = "Ngày 1/12, Công an huyện Nghi Lộc bắt giữ 5 đối tượng tổ chức đánh bạc qua mạng."
EDIT = "Vụ án đang được mở rộng điều tra."
COMMENT = "Đã biên tập lại, bổ sung câu cuối. Kính chuyển lãnh đạo duyệt."
EMAILS = {"phongvien": "phongvien@congannghean.vn", "bientapvien": "bientapvien@congannghean.vn",
          "lanhdao": "lanhdao@congannghean.vn"}  # fmt: skip


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    for username, address in EMAILS.items():
        get_user_model().objects.filter(username=username).update(email=address)
    mail.outbox.clear()


@pytest.fixture
def session(browser):
    """session(username) -> a page logged in as that demo account, in a browser context of its own."""
    contexts, errors = [], []

    def open_as(username=None):
        context = browser.new_context(locale="vi-VN")
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append((page.url, str(exc))))
        if username:
            page.goto(f"{open_as.base}/admin/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            page.click("input[type=submit]")
            page.wait_for_selector("#user-tools")
        return page

    yield open_as
    for context in contexts:
        context.close()
    assert not errors, errors


def ckeditor_ready(page):
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
    return page.frame_locator("#cke_id_body iframe").locator("body")


def bell_count(page):
    bell = page.locator("#notification-count")
    return int(bell.inner_text()) if bell.count() else 0


def open_notification_about(page, title):
    """From the bell to the notification about `title`, and on to the article's change form."""
    page.click("#notification-bell")
    page.wait_for_selector("#notification-list")
    page.click(f"#notification-list .unread a.notification-message:has-text('{title}')")
    page.wait_for_selector("#discussion-thread")


def unread(username):
    return Notification.objects.filter(recipient__username=username, read_at=None)


def test_the_chain_with_its_notifications_and_thread(browser, demo, live_server, session):
    base = session.base = live_server.url

    # The reporter files an article to a section that needs sign-off, and submits it.
    reporter = session("phongvien")
    reporter.goto(f"{base}/admin/articles/article/add/")
    reporter.fill("#id_title", TITLE)
    reporter.fill("#id_lead", LEAD)
    reporter.click("#id_category + .select2 .select2-selection")
    reporter.fill(".select2-container--open .select2-search__field", "An ninh")
    reporter.click(".select2-container--open .select2-results__option:has-text('An ninh trật tự')")
    body = ckeditor_ready(reporter)
    body.click()
    body.press_sequentially(BODY, delay=5)
    reporter.click("input[name=_continue]")
    reporter.wait_for_selector("form.transition-submit button")
    article = Article.objects.get(title=TITLE)
    assert article.category.requires_signoff
    reporter.click("form.transition-submit button")
    reporter.wait_for_selector(".messagelist .success")
    assert Article.objects.get(pk=article.pk).status == Article.Status.SUBMITTED

    # The editor sees the bell, follows the notification, edits, comments and forwards.
    editor = session("bientapvien")
    assert bell_count(editor) == unread("bientapvien").count() >= 1  # (the demo's waiting article too)
    assert unread("bientapvien").filter(article=article, kind="submitted").exists()
    open_notification_about(editor, TITLE)
    assert editor.url.endswith(f"/admin/articles/article/{article.pk}/change/#discussion")
    assert not unread("bientapvien").filter(article=article).exists()  # opening it marked it read
    body = ckeditor_ready(editor)
    body.click()
    editor.keyboard.press("Control+End")
    body.press("Enter")
    body.press_sequentially(EDIT, delay=5)
    # The comment goes without leaving the form: the unsaved edit is still in the editor afterwards.
    editor.fill("#id_comment_body", COMMENT)
    editor.click("#discussion-send")
    editor.wait_for_selector(f"#discussion-thread .discussion-comment:has-text('{COMMENT}')")
    assert editor.input_value("#id_comment_body") == ""
    assert ArticleComment.objects.get(article=article).author.username == "bientapvien"
    assert EDIT in editor.evaluate("() => CKEDITOR.instances.id_body.editable().getText()")
    editor.click("input[name=_continue]")
    editor.wait_for_selector(".messagelist .success")
    assert EDIT in Article.objects.get(pk=article.pk).body
    editor.click("form.transition-forward button")
    editor.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.status == Article.Status.SIGNOFF

    # Not public yet: the reader's address is a 404 and the latest news does not list it.
    reader = session()
    assert reader.goto(f"{base}{article.get_absolute_url()}").status == 404
    reader.goto(f"{base}/tin-moi/")
    assert TITLE not in reader.content()

    # The leader sees the bell, follows the notification and signs it off.
    leader = session("lanhdao")
    assert bell_count(leader) == unread("lanhdao").count() == 1
    open_notification_about(leader, TITLE)
    leader.click("form.transition-sign_off button")
    leader.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.is_live

    # Public, with the editor's edit.
    reader.goto(f"{base}{article.get_absolute_url()}")
    assert reader.locator("h1.article-title").inner_text() == TITLE
    assert EDIT in reader.locator(".article-body").inner_text()
    assert COMMENT not in reader.content()

    # The history lists each step; so does the thread, with the comment where it was made.
    leader.goto(f"{base}/admin/articles/article/{article.pk}/history/")
    rows = [row.inner_text() for row in leader.locator("#transitions tr.transition-row").all()]
    assert len(rows) == 3
    assert "phongvien" in rows[2] and "Nháp" in rows[2] and "Chờ duyệt" in rows[2]
    assert "bientapvien" in rows[1] and "Chờ lãnh đạo duyệt" in rows[1]
    assert "lanhdao" in rows[0] and "Đã xuất bản" in rows[0]
    leader.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    entries = [li.inner_text() for li in leader.locator("#discussion-thread > li").all()]
    expected = [
        ("phongvien", "Gửi duyệt"),
        ("bientapvien", COMMENT),
        ("bientapvien", "Duyệt và chuyển lãnh đạo duyệt"),
        ("lanhdao", "Lãnh đạo duyệt và xuất bản"),
    ]
    assert len(entries) == len(expected)
    for text, (who, what) in zip(entries, expected, strict=True):
        assert who in text and what in text, text
    assert re.search(r"\d\d:\d\d \d\d/\d\d/\d{4}", entries[0])

    # The reporter's bell says it is published.
    reporter.goto(f"{base}/admin/")
    assert bell_count(reporter) == unread("phongvien").count() >= 1
    reporter.click("#notification-bell")
    published = reporter.locator("#notification-list .unread a.notification-message", has_text="đã được xuất bản")
    assert published.inner_text() == f"Bài “{TITLE}” đã được xuất bản (lanhdao duyệt)"

    # The mail went to the right people: submitted to the editor, forwarded to the leader, published to the author.
    sent = {(message.to[0], message.subject.split("] ", 1)[1]) for message in mail.outbox}
    assert (EMAILS["bientapvien"], f"phongvien đã gửi duyệt bài “{TITLE}”") in sent
    assert (EMAILS["lanhdao"], f"bientapvien đã duyệt bài “{TITLE}” và chuyển lãnh đạo duyệt") in sent
    assert (EMAILS["phongvien"], f"Bài “{TITLE}” đã được xuất bản (lanhdao duyệt)") in sent
    assert (EMAILS["phongvien"], f"bientapvien đã bình luận về bài “{TITLE}”") in sent
    assert not any(address == EMAILS["lanhdao"] and "gửi duyệt" in subject for address, subject in sent)
    assert len(mail.outbox) == 4
