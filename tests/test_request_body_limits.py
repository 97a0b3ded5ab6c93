"""Request bodies: over MAX_REQUEST_BYTES a Vietnamese 413, and every refusal reads the body to its end first.

(Through a real nginx, where an unread body turns into a 502: tests/test_nginx.py.)
"""

import io
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse, HttpResponseForbidden
from django.test import RequestFactory

from articles import photo_checks
from articles.models import Photo
from newsroom.middleware import RequestBodyMiddleware
from tests import photo_samples as samples
from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
TOO_LARGE = "Dữ liệu gửi lên quá lớn"


@pytest.fixture
def small_limits(settings):
    settings.PHOTO_MAX_BYTES = 1 * MB
    settings.MAX_REQUEST_BYTES = 2 * MB
    return settings


def body_request(body, declared=None, content_type="application/octet-stream"):
    """A POST whose wsgi.input is a plain stream, so a test can see how much of it was read."""
    stream = io.BytesIO(body)
    environ = RequestFactory()._base_environ(
        REQUEST_METHOD="POST",
        PATH_INFO="/admin/login/",
        CONTENT_TYPE=content_type,
        CONTENT_LENGTH=str(len(body) if declared is None else declared),
        **{"wsgi.input": stream},
    )
    return WSGIRequest(environ), stream


def never_called(request):
    raise AssertionError("the view must not run for a refused body")


@pytest.mark.django_db
def test_a_body_over_the_limit_is_read_to_its_end_then_refused_with_a_vietnamese_413(small_limits):
    request, stream = body_request(b"x" * (2 * MB + 1))
    response = RequestBodyMiddleware(never_called)(request)
    assert response.status_code == 413
    html = response.content.decode()
    assert TOO_LARGE in html and "(2 MB)" in html and "Mỗi ảnh tối đa 1 MB." in html
    assert stream.tell() == 2 * MB + 1  # all of it read (and dropped), so the connection closes cleanly


@pytest.mark.django_db
def test_a_body_at_the_limit_reaches_the_view(small_limits):
    request, _stream = body_request(b"x" * (2 * MB))
    response = RequestBodyMiddleware(lambda request: HttpResponse(str(len(request.body))))(request)
    assert response.status_code == 200 and response.content == str(2 * MB).encode()


@pytest.mark.django_db
def test_a_body_declared_far_over_the_limit_is_refused_without_reading_it(small_limits):
    # Only a client talking to gunicorn directly can send one: nginx refuses it first.
    request, stream = body_request(b"x" * MB, declared=5 * MB)
    response = RequestBodyMiddleware(never_called)(request)
    assert response.status_code == 413 and stream.tell() == 0


def test_a_refusal_further_in_still_reads_the_body_first():
    body = b"y" * 300_000
    request, stream = body_request(body)
    response = RequestBodyMiddleware(lambda request: HttpResponseForbidden("no"))(request)
    assert response.status_code == 403 and response.content == b"no"
    assert stream.tell() == len(body)


def test_a_request_without_a_body_passes_straight_through():
    request = RequestFactory().get("/")
    answer = HttpResponse("ok")
    assert RequestBodyMiddleware(lambda request: answer)(request) is answer


@pytest.mark.django_db
def test_through_the_whole_stack_a_large_plain_post_gets_the_413_page(client, small_limits):
    response = client.post("/admin/login/", b"username=a&password=" + b"p" * (3 * MB), content_type="text/plain")
    assert response.status_code == 413 and TOO_LARGE in response.content.decode()
    assert response["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in response


@pytest.mark.django_db
def test_form_fields_over_the_memory_limit_get_the_413_page_not_a_bare_400(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000  # RequestDataTooBig, below MAX_REQUEST_BYTES
    response = client.post("/admin/login/", {"username": "a", "password": "p" * 200_000})
    assert response.status_code == 413 and TOO_LARGE in response.content.decode()


@pytest.mark.django_db
def test_an_editor_upload_with_oversized_fields_gets_the_413_page(client, reporter, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    response = client.post(
        f"/quan-tri/anh/tai-len/{article.pk}/",
        {"upload": samples.upload(samples.jpeg_bytes()), "note": "n" * 200_000},
    )
    assert response.status_code == 413 and TOO_LARGE in response.content.decode()


def load_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    clean.update(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="congannghean.vn", **env)
    code = "import newsroom.settings as s; print(s.PHOTO_MAX_BYTES, s.MAX_REQUEST_BYTES)"
    return subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, cwd=ROOT)


def test_the_request_limit_follows_the_photo_limit():
    assert load_settings().stdout.split() == [str(20 * MB), str(21 * MB)]
    assert load_settings(PHOTO_MAX_BYTES=str(10 * MB)).stdout.split() == [str(10 * MB), str(11 * MB)]


def test_a_request_limit_that_leaves_no_room_for_a_photo_is_refused():
    result = load_settings(PHOTO_MAX_BYTES=str(10 * MB), MAX_REQUEST_BYTES=str(10 * MB))
    assert result.returncode != 0 and "MAX_REQUEST_BYTES must be larger than PHOTO_MAX_BYTES" in result.stderr


@pytest.mark.django_db
def test_an_editor_upload_over_the_limit_gets_ckeditors_json_message_instead_of_the_page(
    client, reporter, small_limits
):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    response = client.post(f"/quan-tri/anh/tai-len/{article.pk}/", {"upload": samples.upload(b"x" * (3 * MB))})
    assert response.status_code == 200  # CKEditor shows the message only on a 2xx answer
    assert response.json() == {"uploaded": 0, "error": {"message": str(photo_checks.MSG_BYTES % {"limit": 1})}}
    assert not Photo.objects.exists()
