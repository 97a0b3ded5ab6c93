"""Redis down (stopped, never there, cut off or frozen): the site and the admin keep working without it.

Each test runs the app under gunicorn with REDIS_URL pointing at a real server that
the test takes away; pages are then rendered uncached, editors' saves and transitions
succeed, the readiness check names the cache, and when Redis is back no page cached
before the outage is served as current.
"""

import json
import time

import pytest

from tests import server_content as content
from tests.http_client import HttpSession
from tests.servers import AppServer, Database, HungServer, RedisServer, TcpProxy, closed_port, production_env, wait_for

RETRY = 0.5  # CACHE_RETRY_SECONDS for these servers: recovery within a second


@pytest.fixture
def database(tmp_path):
    db = Database(tmp_path)
    yield db
    db.drop()


def start(tmp_path, database, redis_url, **env):
    env = production_env(
        tmp_path, **{"DATABASE_URL": database.url, "REDIS_URL": redis_url, "CACHE_RETRY_SECONDS": RETRY, **env}
    )
    data = content.create_site(env)
    return AppServer(env, workers=2).start(), env, data


def assert_public_site_works(app, data):
    home = app.get("/")
    assert home.status == 200
    assert data["cached"]["title"] in home.text and data["other"]["title"] in home.text
    article = app.get(data["other"]["url"])
    assert article.status == 200 and data["other"]["title"] in article.text
    section = app.get(data["section"])
    assert section.status == 200 and data["cached"]["title"] in section.text
    missing = app.get("/khong-co-trang-nay/")
    assert missing.status == 404 and "Không tìm thấy trang" in missing.text
    robots = app.get("/robots.txt")
    assert robots.status == 200 and "Sitemap:" in robots.text
    feed = app.get("/rss/")
    assert feed.status == 200 and data["other"]["title"] in feed.text


def readiness(app):
    response = app.get("/healthz?deep=1")
    return response.status, json.loads(response.text)


def every_worker_reconnected(app):
    """Each worker that found the cache away (and logged it once) has logged its return."""
    log = app.log()
    return log.count("reachable again") == log.count(" unreachable (") > 0


def assert_editors_work(app, env, data):
    moderator = HttpSession(app.url)
    moderator.login("bientap", content.PASSWORD)
    added = moderator.submit(
        "/admin/articles/article/add/",
        form_id="article_form",
        changes={
            "title": "Bài viết mới khi Redis ngừng",
            "lead": "Phần mở đầu.",
            "body": "<p>Nội dung bài viết.</p>",
            "category": str(data["category_id"]),
        },
    )
    assert added.status == 302, added.text[:3000]
    assert content.query(env, "Article.objects.filter(title='Bài viết mới khi Redis ngừng').count()") == "1"

    change = f"/admin/articles/article/{data['other']['id']}/change/"
    saved = moderator.submit(change, form_id="article_form", changes={"title": "Hội thi điều lệnh đã sửa"})
    assert saved.status == 302, saved.text[:3000]
    assert content.query(env, f"Article.objects.get(pk={data['other']['id']}).title") == "Hội thi điều lệnh đã sửa"

    waiting = data["waiting"]["id"]
    token = moderator.csrf_token(f"/admin/articles/article/{waiting}/change/")
    returned = moderator.post(
        f"/admin/articles/article/{waiting}/transition/return/", {"csrfmiddlewaretoken": token, "note": "Bổ sung ảnh."}
    )
    assert returned.status == 302 and returned.header("location") == f"/admin/articles/article/{waiting}/change/"
    assert content.status_of(env, waiting) == "returned"
    return moderator


def test_site_and_admin_work_with_redis_on_a_closed_port(tmp_path, database):
    app, env, data = start(tmp_path, database, f"redis://127.0.0.1:{closed_port()}/0")
    try:
        assert_public_site_works(app, data)
        assert_public_site_works(app, data)
        assert_editors_work(app, env, data)
        assert readiness(app) == (503, {"status": "unavailable", "database": "ok", "cache": "down", "down": ["cache"]})
        assert app.get("/readyz").status == 503
        assert app.get("/healthz").status == 200  # liveness: the process answers
    finally:
        app.stop()
    # Dozens of requests, but the failure is logged once per process, not once per request.
    assert 1 <= app.log().count("unreachable") <= 2, app.log()
    assert "Traceback" not in app.log()


def test_redis_stopped_mid_test_then_back(tmp_path, database):
    redis = RedisServer(tmp_path).start()
    app, env, data = start(tmp_path, database, redis.url)
    try:
        assert app.get(data["cached"]["url"]).status == 200
        assert readiness(app)[0] == 200
        redis.stop()

        assert_public_site_works(app, data)
        moderator = assert_editors_work(app, env, data)
        unpublish = f"/admin/articles/article/{data['cached']['id']}/transition/unpublish/"
        token = moderator.csrf_token(f"/admin/articles/article/{data['cached']['id']}/change/")
        assert moderator.post(unpublish, {"csrfmiddlewaretoken": token}).status == 302
        assert app.get(data["cached"]["url"]).status == 404
        assert readiness(app)[1]["down"] == ["cache"]

        redis.start()  # an empty Redis on the same port
        wait_for(lambda: every_worker_reconnected(app), timeout=15, what="the workers to reconnect")
        assert readiness(app)[0] == 200
        assert app.get(data["cached"]["url"]).status == 404
        # Pages are cached again: a change made behind the cache's back is not seen.
        assert data["other"]["title"] not in app.get("/").text
        assert "Hội thi điều lệnh đã sửa" in app.get("/").text
        content.retitle_quietly(env, data["other"]["id"], "Tiêu đề đổi thầm")
        assert "Tiêu đề đổi thầm" not in app.get("/").text
    finally:
        app.stop()
        redis.stop()


def test_no_page_cached_before_an_outage_is_served_after_it(tmp_path, database):
    """Redis cut off (its data kept): the unpublish during the outage could not reach it, yet it wins."""
    redis = RedisServer(tmp_path).start()
    proxy = TcpProxy("127.0.0.1", redis.port).start()
    app, env, data = start(tmp_path, database, f"redis://127.0.0.1:{proxy.port}/0")
    article = data["cached"]
    try:
        moderator = HttpSession(app.url)
        moderator.login("bientap", content.PASSWORD)
        token = moderator.csrf_token(f"/admin/articles/article/{article['id']}/change/")
        assert app.get(article["url"]).status == 200
        content.retitle_quietly(env, article["id"], "Tiêu đề chưa ai thấy")
        assert "Tiêu đề chưa ai thấy" not in app.get(article["url"]).text  # served from Redis

        proxy.cut()
        assert moderator.post(f"/admin/articles/article/{article['id']}/transition/unpublish/",
                              {"csrfmiddlewaretoken": token}).status == 302  # fmt: skip
        assert [app.get(article["url"]).status for _ in range(10)] == [404] * 10

        proxy.restore()
        wait_for(lambda: every_worker_reconnected(app), timeout=15, what="the workers to reconnect")
        assert [app.get(article["url"]).status for _ in range(50)] == [404] * 50
    finally:
        app.stop()
        proxy.cut()
        redis.stop()


def test_a_frozen_redis_costs_one_timeout_not_one_per_request(tmp_path, database):
    with HungServer() as hung:
        app, _env, data = start(tmp_path, database, hung.url, REDIS_TIMEOUT="0.3", CACHE_RETRY_SECONDS="30")
        try:
            started = time.monotonic()
            statuses = [app.get("/").status for _ in range(20)]
            elapsed = time.monotonic() - started
        finally:
            app.stop()
    assert statuses == [200] * 20
    # Without timeouts a read waits 5 s; without the breaker every request waits on each of its cache calls.
    assert elapsed < 6, f"20 requests took {elapsed:.1f} s"
