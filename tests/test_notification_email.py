"""Notification mail through Django's SMTP backend, against real servers: delivered, or failing and the save untouched.

In the test process: a small SMTP server (tests/smtp.py) receives the mail the settings send
it, and a closed port or a refused login shows that a dead mail server leaves the step,
its notification and the page answer as they are, with one line in the log. Under gunicorn,
configured from the environment as the README deploys it: the mail goes from a background
thread, and a mail server that never answers does not hold the editor's click.
"""

import logging
import time

import pytest

from articles.models import Article, Notification
from tests import server_content as content
from tests.admin_client import transition_url
from tests.factories import ArticleFactory, CategoryFactory
from tests.http_client import HttpSession
from tests.servers import AppServer, Database, HungServer, closed_port, production_env, wait_for
from tests.smtp import SmtpSink

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-hop-thu-rat-bi-mat"


@pytest.fixture
def smtp_settings(settings):
    def point_at(port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_HOST_USER = "toasoan@congannghean.vn"
        settings.EMAIL_HOST_PASSWORD = PASSWORD
        settings.EMAIL_TIMEOUT = 5
        settings.DEFAULT_FROM_EMAIL = "Báo Công an Nghệ An <toasoan@congannghean.vn>"
        settings.NEWSROOM_SITE_URL = "https://congannghean.vn"

    return point_at


def press(client, django_capture_on_commit_callbacks, article, name, **data):
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(transition_url(article, name), {"seen_version": article.version, **data})


def test_mail_reaches_a_real_smtp_server(client, django_capture_on_commit_callbacks, smtp_settings, reporter,
                                         moderator):  # fmt: skip
    article = ArticleFactory(created_by=reporter, status="submitted", title="Cảnh báo giả danh công an")
    client.force_login(moderator)
    with SmtpSink() as sink:
        smtp_settings(sink.port)
        note = "Bổ sung số điện thoại đường dây nóng."
        press(client, django_capture_on_commit_callbacks, article, "return", note=note)
        [received] = sink.wait_for(1)
    assert sink.logins == [("toasoan@congannghean.vn", PASSWORD)]
    assert (received.mail_from, received.rcpt_to) == ("toasoan@congannghean.vn", [reporter.email])
    message = received.message
    # (Python folds a long encoded header after "Subject:", and its parser keeps that space.)
    expected = "[Báo Công an Nghệ An] moderator đã trả lại bài “Cảnh báo giả danh công an” cho bạn"
    assert message["Subject"].strip() == expected
    assert message["To"] == reporter.email
    assert message["From"] == "Báo Công an Nghệ An <toasoan@congannghean.vn>"
    body = message.get_content().replace("\r\n", "\n")  # SMTP carries CRLF line ends
    assert "Ghi chú:\nBổ sung số điện thoại đường dây nóng." in body
    assert f"https://congannghean.vn/admin/articles/article/{article.pk}/change/#discussion" in body


def test_with_the_mail_server_down_the_step_stands_and_the_failure_is_logged_once(
    client, django_capture_on_commit_callbacks, smtp_settings, caplog, reporter, moderator
):
    security = CategoryFactory(name="An ninh trật tự", needs_signoff=True)
    article = ArticleFactory(created_by=reporter, category=security)
    smtp_settings(closed_port())
    client.force_login(reporter)
    caplog.set_level(logging.WARNING)

    response = press(client, django_capture_on_commit_callbacks, article, "submit")

    assert response.status_code == 302 and response["Location"] == f"/admin/articles/article/{article.pk}/change/"
    assert Article.objects.get(pk=article.pk).status == "submitted"
    assert [n.recipient for n in Notification.objects.all()] == [moderator]
    failures = [r for r in caplog.records if r.name == "articles.mail"]
    assert len(failures) == 1
    assert failures[0].levelno == logging.ERROR
    assert failures[0].getMessage().startswith("Notification mail not sent to 1 of 1 recipient(s) (article ")
    assert "ConnectionRefusedError" in failures[0].getMessage()
    assert PASSWORD not in caplog.text
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Traceback" not in page.content.decode()


def test_a_refused_login_is_logged_without_the_password(client, django_capture_on_commit_callbacks, smtp_settings,
                                                        caplog, reporter, moderator):  # fmt: skip
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    with SmtpSink(refuse_login=True) as sink:
        smtp_settings(sink.port)
        response = press(client, django_capture_on_commit_callbacks, article, "submit")
    assert response.status_code == 302 and Notification.objects.filter(recipient=moderator).exists()
    assert sink.logins == [("toasoan@congannghean.vn", PASSWORD)] and sink.received == []
    [failure] = [r for r in caplog.records if r.name == "articles.mail"]
    assert "SMTPAuthenticationError" in failure.getMessage() and "1 of 1 recipient(s)" in failure.getMessage()
    assert PASSWORD not in caplog.text


# --- under gunicorn, configured from the environment ------------------------------------------


@pytest.fixture
def newsroom(tmp_path):
    """The app as deployed, on a database of its own; returns a function starting it with email settings."""
    db = Database(tmp_path)
    servers = []

    def start(**email):
        env = production_env(tmp_path, DATABASE_URL=db.url, EMAIL_HOST="127.0.0.1", EMAIL_TIMEOUT=3,
                             DEFAULT_FROM_EMAIL="toasoan@congannghean.vn", **email)  # fmt: skip
        data = content.create_site(env)
        app = AppServer(env, workers=1).start()
        servers.append(app)
        return app, env, data

    try:
        yield start
    finally:
        for app in servers:
            app.stop()
        db.drop()


def approve_waiting(app, data):
    """The editor opens the waiting article and approves it, as the change form's button does; (response, seconds)."""
    editor = HttpSession(app.url)
    editor.login("bientap", content.PASSWORD)
    page = editor.get(f"/admin/articles/article/{data['waiting']['id']}/change/")
    token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    version = page.text.split('name="seen_version" value="')[1].split('"')[0]
    started = time.monotonic()
    response = editor.post(
        f"/admin/articles/article/{data['waiting']['id']}/transition/approve/",
        {"csrfmiddlewaretoken": token, "seen_version": version},
    )
    return response, time.monotonic() - started


@pytest.mark.django_db(transaction=True)
def test_gunicorn_sends_the_mail_from_the_environments_smtp_server(newsroom):
    with SmtpSink() as sink:
        app, env, data = newsroom(EMAIL_PORT=sink.port)
        response, _seconds = approve_waiting(app, data)
        assert response.status == 302
        [received] = sink.wait_for(1)
    assert received.rcpt_to == ["phongvien@example.vn"] and received.mail_from == "toasoan@congannghean.vn"
    assert received.message["Subject"].strip() == (
        f"[Báo Công an Nghệ An] Bài “{data['waiting']['title']}” đã được xuất bản (Biên Tập duyệt)"
    )
    assert content.query(env, f"Article.objects.get(pk={data['waiting']['id']}).status") == "published"


@pytest.mark.django_db(transaction=True)
def test_gunicorn_with_a_frozen_mail_server_answers_at_once_and_logs_the_failure(newsroom):
    with HungServer() as hung:
        app, env, data = newsroom(EMAIL_PORT=hung.port)
        response, seconds = approve_waiting(app, data)
        assert response.status == 302
        assert seconds < 2, f"the approval waited {seconds:.1f} s for the mail server"
        told = content.query(env, "list(__import__('articles.models').models.Notification.objects.values_list("
                                  "'recipient__username', 'kind'))")  # fmt: skip
        assert told == "[('phongvien', 'published')]"
        wait_for(lambda: "Notification mail not sent" in app.log(), timeout=15, what="the mail failure in the log")
    log = app.log()
    assert log.count("Notification mail not sent to 1 of 1 recipient(s)") == 1
    assert "Traceback" not in log
