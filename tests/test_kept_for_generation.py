"""What public pages keep per content generation: read once per request, held in the process, gone with a bump."""

import pytest
from django.core.cache import caches

from articles import cache as page_cache
from articles.cache import GENERATION_KEY, bump, generation, kept_for_generation, request_scope
from articles.context_processors import MENU_CACHE_KEY
from tests.factories import CategoryFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_reads(monkeypatch):
    """The keys read from the shared cache, in order."""
    backend = caches["default"]
    reads = []
    get, get_many = backend.get, backend.get_many

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return get(key, *args, **kwargs)

    def counting_get_many(keys, *args, **kwargs):
        reads.extend(keys)
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get", counting_get)
    monkeypatch.setattr(backend, "get_many", counting_get_many)
    return reads


def test_a_page_reads_the_generation_once_however_many_blocks_it_keeps(client, cache_reads):
    CategoryFactory(name="An ninh trật tự")
    PublishedArticleFactory.create_batch(3)
    client.get("/")  # sections, the front page's choice and most read are kept now
    cache_reads.clear()
    response = client.get("/")
    assert response.status_code == 200
    # The generation once; each kept block from this process's copy; the section menu, kept on
    # its own key so that the 503 page can show it while the database is down.
    assert cache_reads == [GENERATION_KEY, MENU_CACHE_KEY]


def test_a_change_in_the_request_is_seen_by_the_rest_of_it():
    scope = request_scope()
    try:
        before = generation()
        after = bump()
        assert after != before and generation() == after
    finally:
        page_cache._request_generation.reset(scope)


def test_outside_a_request_every_ask_reads_the_shared_generation(cache_reads):
    first = generation()
    caches["default"].set(GENERATION_KEY, ("another-worker", None), None)  # a bump by another process
    assert generation() == "another-worker" != first


def test_held_values_are_computed_once_per_generation_and_left_behind_by_a_bump():
    computed = []

    def compute():
        computed.append(1)
        return ["kept"]

    assert kept_for_generation("probe", compute) == ["kept"]
    assert kept_for_generation("probe", compute) == ["kept"]
    assert len(computed) == 1
    caches["default"].set(GENERATION_KEY, ("another-worker", None), None)  # another process published
    assert kept_for_generation("probe", compute) == ["kept"]
    assert len(computed) == 2


def test_a_held_value_lives_no_longer_than_its_seconds(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(page_cache.time, "time", lambda: now[0])
    values = iter(["first", "second"])
    assert kept_for_generation("short", lambda: next(values), seconds=60) == "first"
    now[0] += 59
    assert kept_for_generation("short", lambda: next(values), seconds=60) == "first"
    now[0] += 2
    assert kept_for_generation("short", lambda: next(values), seconds=60) == "second"


def test_another_process_reads_the_value_with_the_deadline_it_was_kept_with(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(page_cache.time, "time", lambda: now[0])
    assert kept_for_generation("shared", lambda: "made here", seconds=60) == "made here"
    page_cache._held.clear()  # another worker: nothing held, the shared cache has it
    now[0] += 30
    assert kept_for_generation("shared", lambda: "made again", seconds=60) == "made here"
    page_cache._held.clear()
    now[0] += 31  # past the deadline it was made with, though the cache entry may still be there
    assert kept_for_generation("shared", lambda: "made again", seconds=60) == "made again"


def test_staff_get_a_fresh_value_and_keep_nothing():
    assert kept_for_generation("fresh", lambda: "one", keep=False) == "one"
    assert kept_for_generation("fresh", lambda: "two", keep=False) == "two"
    assert kept_for_generation("fresh", lambda: "three") == "three"
