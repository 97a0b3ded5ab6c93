"""A failed CSRF check and a permission denial answer Vietnamese 403 pages that reveal nothing."""

import pytest
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from tests.admin_client import change_url, form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

EXPIRED = "Biểu mẫu đã hết hạn"
HINT = "Hãy tải lại trang rồi thử lại."
# What Django's own CSRF page says, and the reasons it would show.
DJANGO_TEXT = ["Forbidden", "CSRF", "verification failed", "Request aborted", "cookie not set", "token", "Referer"]


def assert_vietnamese_csrf_page(response):
    html = response.content.decode()
    assert response.status_code == 403
    assert EXPIRED in html and HINT in html
    assert 'class="site-header"' in html  # the site's own layout, like the 404 page
    for text in DJANGO_TEXT:
        assert text not in html, text


def test_admin_login_without_a_csrf_cookie_gets_the_vietnamese_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "bientapvien", "password": "matkhau-12345"})
    assert_vietnamese_csrf_page(response)


def test_admin_login_with_a_wrong_token_gets_the_vietnamese_page():
    client = Client(enforce_csrf_checks=True)
    request = RequestFactory().get("/")
    get_token(request)
    client.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
    response = client.post(
        "/admin/login/", {"username": "bientapvien", "password": "matkhau-12345", "csrfmiddlewaretoken": "x" * 64}
    )
    assert_vietnamese_csrf_page(response)


def test_a_change_form_posted_without_its_token_gets_the_vietnamese_page_and_saves_nothing(reporter):
    article = ArticleFactory(created_by=reporter, title="Tiêu đề gốc")
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    form = client.get(change_url(article))
    data = form_data(form, title="Tiêu đề giả mạo")
    data.pop("csrfmiddlewaretoken", None)
    response = client.post(change_url(article), data)
    assert_vietnamese_csrf_page(response)
    article.refresh_from_db()
    assert article.title == "Tiêu đề gốc"


def test_the_same_change_form_with_its_token_saves(reporter):
    # The check above fails for the token, not for the form: with the cookie's token it goes through.
    article = ArticleFactory(created_by=reporter, title="Tiêu đề gốc")
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    form = client.get(change_url(article))
    data = form_data(form, title="Tiêu đề đã sửa")
    data["csrfmiddlewaretoken"] = form.context["csrf_token"]
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã sửa"


def test_an_admin_page_a_reporter_may_not_open_is_a_vietnamese_403(client, reporter):
    client.force_login(reporter)
    response = client.get("/admin/auth/user/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Không có quyền truy cập" in html and "Bạn không có quyền mở trang này." in html
    assert 'href="/admin/"' in html  # back to the admin for staff
    assert "403 Forbidden" not in html and "<h1>Forbidden" not in html
