"""The cache backends answer as a miss when their server is away, cheaply, and say so once.

Real failures only: Redis on a closed port, a port that never answers, a Redis cut
off by a TcpProxy and restored, a cache directory that cannot exist.
"""

import logging
import threading
import time

import pytest
from django.core.cache import caches
from django.db import connections

from articles import cache as page_cache
from tests.servers import HungServer, RedisServer, TcpProxy, closed_port, wait_for


def redis_cache(settings, url, **extra):
    settings.CACHES = {"default": {"BACKEND": "articles.cache_backends.RedisCache", "LOCATION": url, **extra}}
    return caches["default"]


def test_unreachable_redis_reads_as_an_empty_cache(settings):
    cache = redis_cache(settings, f"redis://127.0.0.1:{closed_port()}/0")
    assert cache.get("k", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set("k", 1) is None
    assert cache.add("k", 1) is False
    assert cache.delete("k") is False
    assert cache.has_key("k") is False
    with pytest.raises(ValueError):
        cache.incr("k")
    assert cache.is_down


def test_failure_is_logged_once_not_per_call(settings, caplog):
    cache = redis_cache(settings, f"redis://127.0.0.1:{closed_port()}/0")
    with caplog.at_level(logging.WARNING, logger="articles.cache_backends"):
        for _ in range(50):
            cache.get_many(["a", "b"])
            cache.set("a", 1)
    assert len(caplog.records) == 1
    assert "unreachable" in caplog.records[0].getMessage()


def test_a_frozen_redis_costs_one_timeout_then_nothing(settings):
    with HungServer() as hung:
        cache = redis_cache(settings, hung.url, OPTIONS={"socket_connect_timeout": 0.2, "socket_timeout": 0.2})
        started = time.monotonic()
        assert cache.get("k") is None
        first = time.monotonic() - started
        started = time.monotonic()
        for _ in range(200):
            cache.get_many(["a", "b"])
        rest = time.monotonic() - started
    assert first < 2
    assert rest < 0.2, f"200 calls with the breaker open took {rest:.2f} s"


def test_back_from_an_outage_the_page_generation_moves_on(settings, tmp_path, db):
    with RedisServer(tmp_path) as redis, TcpProxy("127.0.0.1", redis.port) as proxy:
        cache = redis_cache(settings, f"redis://127.0.0.1:{proxy.port}/0", RETRY_SECONDS=0.2)
        page_cache.bump()
        before = cache.get(page_cache.GENERATION_KEY)
        cache.set("page", "stored before the outage", None)
        proxy.cut()
        assert cache.get("page") is None
        assert page_cache.bump() is not None  # lost: Redis is away
        proxy.restore()
        wait_for(lambda: not cache.is_down, timeout=10, what="the breaker to close")
        # The data survived the outage, but the generation it was current under did not.
        assert cache.get("page") == "stored before the outage"
        assert cache.get(page_cache.GENERATION_KEY)[0] != before[0]


@pytest.mark.django_db(transaction=True)
def test_concurrent_bumps_never_share_a_generation():
    tokens = []

    def bump_many():
        try:
            tokens.extend(page_cache.bump() for _ in range(100))
        finally:
            connections.close_all()  # this thread's own connection, or the test database cannot be dropped

    threads = [threading.Thread(target=bump_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(tokens)) == 400
    assert caches["default"].get(page_cache.GENERATION_KEY)[0] in tokens


def test_a_cache_directory_that_cannot_exist_reads_as_an_empty_cache(settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.CACHES = {"default": {"BACKEND": "articles.cache_backends.FileBasedCache",
                                   "LOCATION": str(blocker / "cache")}}  # fmt: skip
    cache = caches["default"]
    assert cache.set("k", 1) is None
    assert cache.get("k") is None
    assert cache.is_down


def test_file_cache_is_the_default_and_shared_on_disk(settings, tmp_path):
    from articles.cache_backends import FileBasedCache

    cache = caches["default"]
    assert isinstance(cache, FileBasedCache)
    cache.set("shared", "one copy for every worker")
    settings.CACHES = {"default": {**settings.CACHES["default"]}}  # another process's instance, same folder
    assert caches["default"] is not cache
    assert caches["default"].get("shared") == "one copy for every worker"


def test_a_retired_backend_stops_probing_for_good(settings):
    # What tests/conftest.py does with a test's own caches: their probers must not outlive them.
    cache = redis_cache(settings, f"redis://127.0.0.1:{closed_port()}/0", RETRY_SECONDS=0.05)
    assert cache.get("k") is None and cache.is_down
    prober = cache._prober
    assert prober.is_alive()
    cache.retire()
    prober.join(timeout=2)
    assert not prober.is_alive()
    cache.get("k")  # still down: a call answers as a miss and starts no new prober
    assert cache._prober is prober and cache.is_down
