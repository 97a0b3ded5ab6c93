"""The default cache (files in CACHE_DIR, no REDIS_URL) is one cache for every gunicorn worker.

With a cache per process, an unpublished article stayed public on the other workers
until their copy expired; here four workers, as the README deploys them, see an
editorial change made by another process at once, and share who is editing what.
"""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests import server_content as content
from tests.http_client import HttpSession
from tests.servers import AppServer, Database, production_env

WORKERS = 4


@pytest.fixture
def site(tmp_path):
    db = Database(tmp_path)
    env = production_env(tmp_path, DATABASE_URL=db.url)
    try:
        data = content.create_site(env)
        with AppServer(env, workers=WORKERS) as app:
            yield app, env, data
    finally:
        db.drop()


def burst(app, path, count):
    """`count` requests, eight at a time so that every worker takes some of them."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda _: app.get(path), range(count)))


def test_unpublished_article_is_gone_from_every_worker_at_once(site):
    app, env, data = site
    article = data["cached"]
    warm = burst(app, article["url"], 40)
    assert {r.status for r in warm} == {200}
    assert all(article["title"] in r.text for r in warm)

    content.transition(env, article["id"], "unpublish")

    assert [r.status for r in burst(app, article["url"], 200)] == [404] * 200


def test_approved_article_is_on_the_home_page_of_every_worker_at_once(site):
    app, env, data = site
    waiting = data["waiting"]
    warm = burst(app, "/", 40)
    assert {r.status for r in warm} == {200}
    assert not any(waiting["title"] in r.text for r in warm)

    content.transition(env, waiting["id"], "approve")

    pages = burst(app, "/", 200)
    assert {r.status for r in pages} == {200}
    assert sum(waiting["title"] in r.text for r in pages) == 200


def test_every_worker_knows_who_is_editing(site):
    app, _env, data = site
    article_id = data["waiting"]["id"]
    moderator, reporter = HttpSession(app.url), HttpSession(app.url)
    moderator.login("bientap", content.PASSWORD)
    reporter.login("phongvien", content.PASSWORD)
    assert moderator.get(f"/admin/articles/article/{article_id}/change/").status == 200  # leaves a mark

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: reporter.get(f"/admin/articles/article/{article_id}/presence/"), range(40)))

    assert {r.status for r in answers} == {200}
    assert [json.loads(r.text) for r in answers] == [{"others": ["Biên Tập"]}] * 40
