"""PostgreSQL down: a Vietnamese 503 with Retry-After, and pages already cached are still served.

The app under gunicorn reaches a real PostgreSQL through a TcpProxy that the test cuts
(connection refused, open connections reset), with the cache on Redis and on files.
Nothing in a cache hit touches the database, the 503 page itself needs no query, and
the readiness check names the database. After restore() everything answers again.
"""

import json
import time

import pytest

from tests import server_content as content
from tests.http_client import HttpSession
from tests.servers import AppServer, Database, HungServer, RedisServer, TcpProxy, production_env, wait_for

UNAVAILABLE = "Dịch vụ tạm thời gián đoạn"


@pytest.fixture(params=["redis", "files"])
def site(request, tmp_path):
    db = Database(tmp_path, "postgres")
    proxy = TcpProxy("127.0.0.1", 5432).start()
    redis = RedisServer(tmp_path).start() if request.param == "redis" else None
    env = production_env(tmp_path, DATABASE_URL=db.url_via("127.0.0.1", proxy.port), DB_CONNECT_TIMEOUT=2)
    if redis:
        env["REDIS_URL"] = redis.url
    app = None
    try:
        data = content.create_site(env)
        app = AppServer(env, workers=2).start()
        yield app, proxy, data
    finally:
        if app:
            app.stop()
        proxy.cut()
        if redis:
            redis.stop()
        db.drop()


def test_database_cut_gives_503_and_cached_pages_stay(site):
    app, proxy, data = site
    moderator = HttpSession(app.url)
    moderator.login("bientap", content.PASSWORD)
    assert app.get(data["cached"]["url"]).status == 200  # now in the page cache
    assert app.get("/khong-co/").status == 404  # and the section menu in the data cache

    proxy.cut()

    for _ in range(4):  # every worker, its pooled connection reset or a new one refused
        cached = app.get(data["cached"]["url"])
        assert cached.status == 200 and data["cached"]["title"] in cached.text
        uncached = app.get(data["other"]["url"])
        assert uncached.status == 503
        assert UNAVAILABLE in uncached.text and data["other"]["title"] not in uncached.text
        assert "Traceback" not in uncached.text and "OperationalError" not in uncached.text
        assert uncached.header("retry-after") == "30"
        assert 'href="/chuyen-muc/an-ninh-trat-tu/"' in uncached.text  # the menu, from the cache
    assert app.get("/").status == 503
    assert app.get(data["section"]).status == 503
    assert moderator.get("/admin/articles/article/").status == 503
    assert moderator.get(f"/admin/articles/article/{data['other']['id']}/change/").status == 503
    ready = app.get("/readyz")
    assert ready.status == 503
    assert json.loads(ready.text) == {"status": "unavailable", "database": "down", "cache": "ok", "down": ["database"]}
    assert app.get("/healthz").status == 200

    proxy.restore()

    wait_for(lambda: all(app.get("/readyz").status == 200 for _ in range(4)), timeout=15, what="the database")
    for _ in range(4):
        assert app.get(data["other"]["url"]).status == 200
        assert app.get("/").status == 200
        assert moderator.get("/admin/articles/article/").status == 200
    log = app.log()
    # A line per process per minute, not a traceback per request.
    assert 1 <= log.count("Database unavailable") <= 2, log


def test_a_frozen_database_gives_503_after_the_connect_timeout(tmp_path):
    with HungServer() as hung:
        env = production_env(tmp_path, DATABASE_URL=f"postgres://postgres@127.0.0.1:{hung.port}/newsroom",
                             DB_CONNECT_TIMEOUT=1)  # fmt: skip
        with AppServer(env, workers=1) as app:
            started = time.monotonic()
            response = app.get("/", timeout=20)
            elapsed = time.monotonic() - started
            admin = app.get("/admin/login/?next=/admin/", headers={"Cookie": "sessionid=" + "a" * 32}, timeout=20)
    assert response.status == 503 and UNAVAILABLE in response.text
    assert elapsed < 5, f"the page took {elapsed:.1f} s"  # not gunicorn's 30 s worker timeout
    assert admin.status == 503
