"""/healthz is the cheap liveness probe; /healthz?deep=1 and /readyz check the database and the cache for real."""

import json

import pytest
from django.core.cache import caches

from tests.servers import closed_port

pytestmark = pytest.mark.django_db


def test_liveness_touches_neither_database_nor_cache(client, django_assert_num_queries, settings, tmp_path):
    settings.CACHES = {"default": {"BACKEND": "articles.cache_backends.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{closed_port()}/0"}}  # fmt: skip
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert not caches["default"].is_down  # never tried


@pytest.mark.parametrize("path", ["/healthz?deep=1", "/readyz"])
def test_readiness_checks_database_and_cache(client, django_assert_num_queries, path):
    with django_assert_num_queries(1):
        response = client.get(path)
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/healthz?deep=1", "/readyz"])
def test_readiness_names_an_unreachable_redis(client, settings, path):
    settings.CACHES = {"default": {"BACKEND": "articles.cache_backends.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{closed_port()}/0"}}  # fmt: skip
    response = client.get(path)
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "unavailable", "database": "ok", "cache": "down", "down": ["cache"],
    }  # fmt: skip


def test_readiness_names_a_cache_directory_that_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.CACHES = {"default": {"BACKEND": "articles.cache_backends.FileBasedCache",
                                   "LOCATION": str(blocker / "cache")}}  # fmt: skip
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["down"] == ["cache"]
