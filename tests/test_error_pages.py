"""Error pages speak Vietnamese and never show a stack trace."""

import pytest
from django.test import Client
from django.urls import path

from newsroom import urls as root_urls

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("secret internals: SELECT password FROM auth_user")


urlpatterns = [path("boom/", boom), *root_urls.urlpatterns]
handler500 = root_urls.handler500


@pytest.mark.urls("tests.test_error_pages")
def test_server_error_is_a_vietnamese_page_without_internals():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Lỗi máy chủ" in html
    assert "secret internals" not in html and "Traceback" not in html


def test_bad_request_page_is_vietnamese(rf):
    from articles.errors import bad_request

    response = bad_request(rf.get("/"))
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
