"""Conditional requests and the stampede guard of the page cache.

Public pages carry an ETag derived from the content generation (and the body's digest),
answer a matching If-None-Match with 304 and no body, and a hot page past its time is
rebuilt by one request while the others get the copy they would have had a moment ago.
"""

import time

import pytest
from django.core.cache import cache

from articles import cache as page_cache
from articles import workflow
from tests.factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PUBLIC_MAX_AGE = 10


def stored_key(path):
    return page_cache._key(type("R", (), {"get_full_path": lambda self: path})())


def test_a_public_page_carries_an_etag_of_its_generation_and_a_short_public_max_age(client, cached):
    PublishedArticleFactory(title="Tin có thẻ")
    response = client.get("/")
    etag = response["ETag"]
    assert etag.startswith(f'"{page_cache.generation()}.') and etag.endswith('"')
    assert response["Cache-Control"] == "public, max-age=10"
    assert client.get("/")["ETag"] == etag  # the cached copy keeps its validator


def test_a_matching_if_none_match_gets_304_with_no_body_and_no_query(client, cached, django_assert_num_queries):
    PublishedArticleFactory(title="Tin có thẻ")
    etag = client.get("/")["ETag"]
    with django_assert_num_queries(0):
        response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag and response["Cache-Control"] == "public, max-age=10"


def test_the_weak_form_nginx_gzip_makes_of_the_etag_still_matches(client, cached):
    PublishedArticleFactory()
    etag = client.get("/")["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304


def test_after_a_change_the_old_etag_gets_the_new_page(client, cached, moderator):
    first = PublishedArticleFactory(title="Tin sẽ gỡ")
    etag = client.get("/")["ETag"]
    workflow.transition(first, "unpublish", user=moderator, seen_version=first.version)
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Tin sẽ gỡ" not in response.content.decode()


def test_without_the_page_cache_pages_still_answer_304(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    PublishedArticleFactory(title="Tin không lưu")
    response = client.get("/")
    assert "public" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    again = client.get("/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_staff_get_no_shared_validator(client, cached, moderator):
    PublishedArticleFactory()
    client.force_login(moderator)
    response = client.get("/")
    assert response.status_code == 200
    assert not response.has_header("ETag")
    assert "public" not in response.get("Cache-Control", "")


def test_a_readers_404_is_as_public_as_a_page_so_the_front_cache_replaces_an_unpublished_page(client, cached):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert not response.has_header("ETag")
    assert response["Cache-Control"] == "public, max-age=10"


def test_a_404_for_staff_or_under_admin_is_not_public(client, cached, moderator):
    assert "public" not in client.get("/admin/khong-co/").get("Cache-Control", "")
    client.force_login(moderator)
    assert "public" not in client.get("/khong-co-trang-nay/").get("Cache-Control", "")


class Clock:
    def __init__(self, monkeypatch):
        self.offset = 0.0
        real = time.time
        monkeypatch.setattr(page_cache.time, "time", lambda: real() + self.offset)


def test_a_page_past_its_time_is_served_from_the_previous_copy_while_another_request_rebuilds_it(
    client, cached, monkeypatch, django_assert_num_queries
):
    PublishedArticleFactory(title="Tin nóng")
    client.get("/")  # stored
    PublishedArticleFactory(title="Tin mới hơn")  # no transition: the generation stays, only time can refresh
    clock = Clock(monkeypatch)
    clock.offset = 301  # past PAGE_CACHE_SECONDS, within the grace
    assert cache.add(stored_key("/") + ":rebuild", 1, 10)  # another worker is rendering it

    with django_assert_num_queries(0):
        response = client.get("/")

    assert response.status_code == 200
    assert "Tin nóng" in response.content.decode() and "Tin mới hơn" not in response.content.decode()


def test_the_request_that_finds_no_rebuild_going_on_rebuilds_and_releases_the_lock(client, cached, monkeypatch):
    PublishedArticleFactory(title="Tin nóng")
    client.get("/")
    PublishedArticleFactory(title="Tin mới hơn")
    Clock(monkeypatch).offset = 301

    assert "Tin mới hơn" in client.get("/").content.decode()

    assert cache.get(stored_key("/") + ":rebuild") is None
    assert "Tin mới hơn" in client.get("/").content.decode()  # and the rebuilt copy is the one stored


def test_a_rebuild_that_finds_the_article_gone_drops_the_previous_copy(client, cached, monkeypatch):
    article = PublishedArticleFactory(title="Tin sẽ mất")
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    type(article).objects.filter(pk=article.pk).update(title="Tin sẽ mất", published_at=None, status="draft")
    Clock(monkeypatch).offset = 301

    assert client.get(url).status_code == 404
    assert cache.get(stored_key(url)) is None
    assert cache.add(stored_key(url) + ":rebuild", 1, 10)  # even with a rebuild going on, no old copy is left
    assert client.get(url).status_code == 404


def test_a_page_of_an_earlier_generation_is_never_served_even_while_a_rebuild_holds_the_lock(client, cached, moderator):
    article = PublishedArticleFactory(title="Tin bị gỡ")
    client.get("/")
    assert cache.add(stored_key("/") + ":rebuild", 1, 10)

    workflow.transition(article, "unpublish", user=moderator, seen_version=article.version)

    assert "Tin bị gỡ" not in client.get("/").content.decode()
