"""Login throttling: five wrong passwords lock one username from one address, and only that pair."""

import os
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from newsroom import login_throttle
from tests.admin_client import admin_login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent

PASSWORD = "matkhau-12345"  # tests.factories.UserFactory's
HOME = "203.0.113.5"
ELSEWHERE = "198.51.100.7"
LOCKED_TEXT = "Tài khoản này đã bị tạm khóa đăng nhập từ kết nối của bạn vì nhập sai mật khẩu 5 lần liên tiếp."


@pytest.fixture
def editor(db):
    return UserFactory(username="bientapvien", is_staff=True)


def fail(client, username="bientapvien", times=1, **extra):
    extra.setdefault("REMOTE_ADDR", HOME)
    for _attempt in range(times):
        response = client.post(
            "/admin/login/", {"username": username, "password": "doan-bua", "next": "/admin/"}, **extra
        )
    return response


def signed_in(client):
    return client.get("/admin/").status_code == 200


def test_four_failures_show_the_login_form_and_the_fifth_locks(client, editor):
    response = fail(client, times=4)
    assert response.status_code == 200 and 'id="login-form"' in response.content.decode()
    response = fail(client)
    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()


def test_lockout_page_is_vietnamese_in_the_admin_look(client, editor):
    response = fail(client, times=5)
    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "900"  # LOGIN_COOLOFF_MINUTES defaults to 15
    assert '<body class=" login"' in html and 'id="site-name"' in html  # the admin's login layout
    assert "Tạm khóa đăng nhập" in html
    assert "Hãy thử lại sau 15 phút. Nếu bạn quên mật khẩu, hãy nhờ quản trị viên đặt lại." in html
    assert "Account locked" not in html and "Axes" not in html


def test_the_right_password_is_refused_while_locked(client, editor):
    fail(client, times=5)
    assert not admin_login(client, "bientapvien", PASSWORD, REMOTE_ADDR=HOME)
    assert not signed_in(client)


def test_the_same_user_from_another_address_still_signs_in(client, editor):
    fail(client, times=5)
    assert admin_login(client, "bientapvien", PASSWORD, REMOTE_ADDR=ELSEWHERE)
    assert signed_in(client)


def test_other_users_from_the_same_address_still_sign_in(client, editor):
    UserFactory(username="phongvien", is_staff=True)
    fail(client, times=5)
    assert admin_login(client, "phongvien", PASSWORD, REMOTE_ADDR=HOME)


def test_a_successful_sign_in_forgets_earlier_failures(client, editor):
    fail(client, times=4)
    assert admin_login(client, "bientapvien", PASSWORD, REMOTE_ADDR=HOME)
    client.logout()
    assert fail(client, times=4).status_code == 200


def test_the_pair_may_try_again_once_the_cool_off_has_passed(client, editor):
    fail(client, times=5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert admin_login(client, "bientapvien", PASSWORD, REMOTE_ADDR=HOME)


@override_settings(AXES_COOLOFF_TIME=None)
def test_without_a_cool_off_the_page_says_to_ask_an_administrator(client, editor):
    response = fail(client, times=5)
    assert response.status_code == 429 and not response.has_header("Retry-After")
    assert "Hãy nhờ quản trị viên mở khóa tài khoản của bạn." in response.content.decode()


def test_client_sent_forwarding_headers_do_not_escape_a_lockout(client, editor):
    # Not behind our proxy: X-Real-IP and X-Forwarded-For are the client's words, not an address.
    for n in range(5):
        fail(client, HTTP_X_REAL_IP=f"192.0.2.{n}", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert not admin_login(client, "bientapvien", PASSWORD, REMOTE_ADDR=HOME, HTTP_X_REAL_IP="192.0.2.99")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [HOME]


@override_settings(BEHIND_HTTPS_PROXY=True)
def test_behind_the_proxy_the_address_is_the_one_nginx_saw(client, editor):
    # Every request comes from nginx (127.0.0.1); nginx puts the client's address in X-Real-IP.
    fail(client, times=5, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=HOME)
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [HOME]
    assert not admin_login(client, "bientapvien", PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=HOME)
    assert admin_login(client, "bientapvien", PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=ELSEWHERE)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": HOME}, HOME),
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": f"192.0.2.1, {HOME}"}, HOME),  # the entry nginx added
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "not-an-address"}, "127.0.0.1"),
        ({"REMOTE_ADDR": "127.0.0.1"}, "127.0.0.1"),
    ],
)
def test_client_ip_behind_the_proxy(rf, settings, meta, expected):
    settings.BEHIND_HTTPS_PROXY = True
    request = rf.get("/", **meta)
    request.META.pop("REMOTE_ADDR", None)
    request.META.update(meta)
    assert login_throttle.client_ip(request) == expected


def test_an_admin_unlocks_a_user_by_deleting_the_attempt(client, editor):
    fail(client, times=5)
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    admin_client = type(client)()
    admin_client.force_login(admin)
    listing = admin_client.get("/admin/axes/accessattempt/")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "Lượt đăng nhập sai" in html and "Số lần đăng nhập sai" in html and "Đang bị khóa" in html
    attempt = AccessAttempt.objects.get()
    response = admin_client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302 and not AccessAttempt.objects.exists()
    assert admin_login(client, "bientapvien", PASSWORD, REMOTE_ADDR=HOME)


def test_the_axes_reset_command_unlocks_everyone(client, editor):
    fail(client, times=5)
    call_command("axes_reset", verbosity=0)
    assert admin_login(client, "bientapvien", PASSWORD, REMOTE_ADDR=HOME)


def test_the_admin_home_lists_login_throttling_in_vietnamese(client):
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    html = client.get("/admin/").content.decode()
    assert "Bảo vệ đăng nhập" in html and "Nhật ký đăng nhập" in html


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "5 0:15:00"),
        ({"LOGIN_FAILURE_LIMIT": "10", "LOGIN_COOLOFF_MINUTES": "60"}, "10 1:00:00"),
        ({"LOGIN_COOLOFF_MINUTES": "0"}, "5 None"),  # locked until an admin unlocks
    ],
)
def test_limit_and_cool_off_come_from_the_environment(env, expected):
    result = load_settings(**env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"LOGIN_FAILURE_LIMIT": "0"}, "LOGIN_FAILURE_LIMIT must be at least 1"),
        ({"LOGIN_COOLOFF_MINUTES": "15m"}, "LOGIN_COOLOFF_MINUTES must be an integer"),
    ],
)
def test_limit_and_cool_off_refuse_bad_values(env, message):
    result = load_settings(**env)
    assert result.returncode != 0 and message in result.stderr


def load_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    clean.update(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="congannghean.vn", **env)
    code = "import newsroom.settings as s; print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME)"
    return subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, cwd=ROOT)
