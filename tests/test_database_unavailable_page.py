"""A lost database gives the 503 page wherever the error is raised: a middleware, a view or a template.

The outage itself is tested against a real PostgreSQL cut off (test_outage_database.py);
here the error is raised where each layer would raise it, to show the handler catches
it from all of them, and that the page it renders asks the database for nothing.
"""

import pytest
from django.db import InterfaceError, OperationalError
from django.template import engines
from django.template.response import TemplateResponse
from django.test import Client
from django.urls import path

from newsroom import urls as root_urls

pytestmark = pytest.mark.django_db

LOST = "server closed the connection unexpectedly"


def lost_in_view(request):
    raise OperationalError(LOST)


def closed_in_view(request):
    raise InterfaceError("connection already closed")


def lost_while_rendering(request):
    def articles():
        raise OperationalError(LOST)

    template = engines["django"].from_string("<ul>{% for a in articles %}<li>{{ a }}</li>{% endfor %}</ul>")
    return TemplateResponse(request, template, {"articles": articles})


def raised_while_handling(request):
    try:
        raise OperationalError(LOST)
    except OperationalError as exc:
        raise RuntimeError("the session could not be loaded") from exc


def unrelated(request):
    raise RuntimeError("a bug, not an outage")


class LosesTheDatabase:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/middleware/":
            raise OperationalError(LOST)
        return self.get_response(request)


urlpatterns = [
    path("view/", lost_in_view),
    path("closed/", closed_in_view),
    path("template/", lost_while_rendering),
    path("chained/", raised_while_handling),
    path("bug/", unrelated),
    path("middleware/", unrelated),
    *root_urls.urlpatterns,
]
handler500 = root_urls.handler500


@pytest.fixture
def client(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.test_database_unavailable_page.LosesTheDatabase"]
    return Client(raise_request_exception=False)


@pytest.mark.urls("tests.test_database_unavailable_page")
@pytest.mark.parametrize("where", ["/view/", "/closed/", "/template/", "/chained/", "/middleware/"])
def test_lost_database_gives_the_vietnamese_503(client, django_assert_num_queries, where):
    with django_assert_num_queries(0):  # the page, its menu included, needs no database
        response = client.get(where)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Dịch vụ tạm thời gián đoạn" in html and "thử lại sau ít phút" in html
    assert LOST not in html and "Traceback" not in html


@pytest.mark.urls("tests.test_database_unavailable_page")
def test_other_errors_stay_500(client):
    response = client.get("/bug/")
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode()


@pytest.mark.urls("tests.test_database_unavailable_page")
def test_the_menu_comes_from_the_cache_while_the_database_is_down(client, django_assert_num_queries):
    from articles.context_processors import menu_categories
    from tests.factories import CategoryFactory

    CategoryFactory(name="An ninh trật tự")
    menu_categories()  # cached, as by any page served before the outage
    with django_assert_num_queries(0):
        html = client.get("/view/").content.decode()
    assert 'href="/chuyen-muc/an-ninh-trat-tu/"' in html
