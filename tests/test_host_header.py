"""The page cache answers only for our own host names: a foreign Host gets the 400 page, never a cached page."""

import pytest

from tests.factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_page_cached_for_our_host_is_not_served_for_another(client):
    PublishedArticleFactory(title="Tin chỉ cho báo nhà")
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400  # refused before anything is cached
    assert "Tin chỉ cho báo nhà" in client.get("/", HTTP_HOST="127.0.0.1").content.decode()
    assert "Tin chỉ cho báo nhà" in client.get("/", HTTP_HOST="127.0.0.1").content.decode()  # a cache hit

    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Yêu cầu không hợp lệ" in html
    assert "Tin chỉ cho báo nhà" not in html
