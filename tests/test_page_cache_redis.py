"""The page cache on Redis, as production runs it (CI requires the server; elsewhere it may be absent)."""

import os
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from articles import workflow
from tests.factories import ArticleFactory, PublishedArticleFactory

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "articles.cache_backends.RedisCache",  # production's backend
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom-test",
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    cache = caches["default"]
    cache.clear()
    if cache.is_down:  # the backend reads a missing server as an empty cache; the test needs a real one
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    yield
    cache.clear()


def test_cached_page_is_served_from_redis_without_queries(client, django_assert_num_queries):
    PublishedArticleFactory(title="Tin trong Redis")
    client.get("/")
    with django_assert_num_queries(0):
        assert "Tin trong Redis" in client.get("/").content.decode()


def test_approval_and_schedule_move_the_redis_generation_on(client, moderator, monkeypatch):
    now = timezone.now()
    PublishedArticleFactory(title="Tin cũ")
    draft = ArticleFactory(title="Tin vừa duyệt")
    client.get("/")
    workflow.transition(
        draft, "approve", user=moderator, publish_at=now + timedelta(minutes=5), seen_version=draft.version
    )
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=5) - timedelta(seconds=1))
    assert "Tin vừa duyệt" not in client.get("/").content.decode()
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=5))
    assert "Tin vừa duyệt" in client.get("/").content.decode()
