"""Most read on Redis, as production runs it: counters shared by every worker, drained atomically."""

import os
import time

import pytest
from django.core.cache import caches

from articles import reads
from articles.models import ArticleReadCount
from tests.factories import PublishedArticleFactory

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def redis_cache(settings, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "articles.cache_backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom-test",
        }
    }
    cache = caches["default"]
    cache.clear()
    if cache.is_down:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    monkeypatch.setattr(reads, "_memory", reads.MemoryCounter())
    monkeypatch.setattr(reads, "_last_fold", time.monotonic())
    yield
    cache.clear()


def test_views_are_counted_in_redis_not_in_memory_nor_the_database(client, django_assert_num_queries):
    article = PublishedArticleFactory()
    with django_assert_num_queries(0):
        for n in range(3):
            client.post(f"/doc/{article.pk}/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"198.51.100.{n}")
        client.post(f"/doc/{article.pk}/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.0")  # a repeat
    assert not reads._memory._pending
    counter = reads.RedisCounter(caches["default"])
    assert sum(int(v) for v in counter.client().hgetall(counter.pending_key).values()) == 3


def test_a_second_worker_sees_the_same_counters_and_folds_them_once(client):
    article = PublishedArticleFactory()
    for n in range(2):
        client.post(f"/doc/{article.pk}/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"198.51.100.{n}")
    # Another process: its own memory, the same Redis.
    reads._memory = reads.MemoryCounter()
    assert reads.fold() == 2
    assert reads.fold() == 0  # drained: nothing is counted twice
    assert ArticleReadCount.objects.get(article=article).count == 2


def test_redis_going_away_keeps_counting_in_memory(client, monkeypatch):
    article = PublishedArticleFactory()
    monkeypatch.setattr(caches["default"], "_down", True)
    monkeypatch.setattr(caches["default"], "_ensure_prober", lambda: None)
    client.post(f"/doc/{article.pk}/", HTTP_USER_AGENT=BROWSER)
    assert sum(reads._memory._pending.values()) == 1
