"""The shipped front cache (deploy/nginx.conf's micro-cache) in real nginx, in front of real gunicorn.

Readers get cached pages; staff never do and never leave one; a change reaches readers
within PUBLIC_MAX_AGE seconds (the documented delay: 2 s here, 10 s by default); photos
of unpublished articles are never served from it. A second nginx in front of a tiny
stub upstream shows what the config stores and how many requests reach the app.
"""

import gzip
import itertools
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests import server_content as content
from tests.nginx import NginxServer
from tests.servers import AppServer, Database, django_shell, production_env

DELAY = 2  # PUBLIC_MAX_AGE for these tests

SETUP = """
import gzip
import itertools
import json
from django.test import Client
from articles import photo_urls, photos, workflow
from articles.models import Article, Photo
from tests import photo_samples as samples

moderator = __import__("django.contrib.auth", fromlist=["x"]).get_user_model().objects.get(username="bientap")
article = Article.objects.get(pk=ARTICLE)
photo = Photo(article=article, caption="Toàn cảnh", alt_text="Toàn cảnh")
photos.store_photo(photo, samples.upload(samples.jpeg_bytes(900, 600)), user=moderator)
client = Client()
client.force_login(moderator)
print(json.dumps({
    "photo": photo_urls.photo_url(photo, photo.renditions["480"]["jpeg"]),
    "session": client.cookies["sessionid"].value,
}))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("front-cache")
    db = Database(tmp)
    try:
        env = production_env(
            tmp, DATABASE_URL=db.url, PHOTO_ACCEL_REDIRECT="/_photos/", BEHIND_HTTPS_PROXY="true",
            PUBLIC_MAX_AGE=str(DELAY),
        )  # fmt: skip
        data = content.create_site(env)
        data.update(json.loads(django_shell(env, SETUP.replace("ARTICLE", str(data["other"]["id"]))).splitlines()[-1]))
        with AppServer(env) as app:
            with NginxServer(tmp, app.url, tmp / "static", env["MEDIA_ROOT"]) as nginx:
                yield {"nginx": nginx, "env": env, "data": data}
    finally:
        db.drop()


def cache_status(response):
    return response.header("x-cache-status")


def test_an_anonymous_page_is_a_hit_the_second_time_with_the_same_page(site):
    nginx, section = site["nginx"], site["data"]["section"]
    first = nginx.get(section)
    second = nginx.get(section)
    assert first.status == 200 and cache_status(first) in ("MISS", "EXPIRED")
    assert second.status == 200 and cache_status(second) == "HIT"
    assert second.body == first.body
    assert second.header("cache-control") == f"public, max-age={DELAY}"


def test_pages_go_out_gzip_compressed_from_the_front_cache(site):
    nginx, section = site["nginx"], site["data"]["section"]
    plain = nginx.get(section)
    compressed = nginx.get(section, headers={"Accept-Encoding": "gzip"})
    assert compressed.status == 200 and compressed.header("content-encoding") == "gzip"
    assert gzip.decompress(compressed.body) == plain.body and len(compressed.body) < len(plain.body) / 2


def test_a_reader_holding_the_page_gets_304_and_no_body(site):
    nginx, section = site["nginx"], site["data"]["section"]
    etag = nginx.get(section).header("etag")
    assert etag
    response = nginx.get(section, headers={"If-None-Match": etag})
    assert response.status == 304 and response.body == b""


def test_an_editor_always_gets_a_fresh_page_and_never_leaves_one(site):
    nginx, env, data = site["nginx"], site["env"], site["data"]
    editor = {"Cookie": f"csrftoken=abc; sessionid={data['session']}"}
    url = data["cached"]["url"] + "?bien-tap=1"  # a page no reader has asked for yet

    as_editor = nginx.get(url, headers=editor)
    assert as_editor.status == 200 and cache_status(as_editor) == "BYPASS"
    assert "public" not in (as_editor.header("cache-control") or "")
    assert cache_status(nginx.get(url)) == "MISS"  # the editor's page was not stored

    assert cache_status(nginx.get(url)) == "HIT"
    content.retitle_quietly(env, data["cached"]["id"], "Tiêu đề vừa sửa trong cơ sở dữ liệu")
    try:
        fresh = nginx.get(url, headers=editor)
        assert cache_status(fresh) == "BYPASS"
        assert "Tiêu đề vừa sửa trong cơ sở dữ liệu" in fresh.text
    finally:
        content.retitle_quietly(env, data["cached"]["id"], data["cached"]["title"])


def test_a_csrf_cookie_alone_also_bypasses_the_front_cache(site):
    response = site["nginx"].get(site["data"]["section"], headers={"Cookie": "csrftoken=abc"})
    assert response.status == 200 and cache_status(response) == "BYPASS"


def test_admin_pages_are_never_cached(site):
    nginx = site["nginx"]
    for _ in range(2):
        response = nginx.get("/admin/login/")
        assert response.status == 200
        assert cache_status(response) in (None, "BYPASS")


def test_an_unpublished_article_is_gone_for_readers_within_the_documented_delay(site):
    nginx, env, data = site["nginx"], site["env"], site["data"]
    url = data["cached"]["url"]
    nginx.get(url)
    assert cache_status(nginx.get(url)) == "HIT"

    content.transition(env, data["cached"]["id"], "unpublish")
    unpublished = time.monotonic()
    while nginx.get(url).status != 404:
        assert time.monotonic() - unpublished < DELAY + 2, "still public after the documented delay"
        time.sleep(0.1)
    assert [nginx.get(url).status for _ in range(5)] == [404] * 5  # and it stays gone: a 404 is never stored


def test_the_photo_of_an_unpublished_article_is_never_served_from_the_front_cache(site):
    nginx, env, data = site["nginx"], site["env"], site["data"]
    first, second = nginx.get(data["photo"]), nginx.get(data["photo"])
    assert first.status == second.status == 200 and second.body == first.body
    assert cache_status(second) in (None, "BYPASS")

    content.transition(env, data["other"]["id"], "unpublish")

    assert nginx.get(data["photo"]).status == 404  # at once, not after a delay


# --- the config's rules, shown against a stub upstream that counts what reaches it ----------------


class Upstream(BaseHTTPRequestHandler):
    hits = {}
    times = {}
    lock = threading.Lock()

    def do_GET(self):
        with self.lock:
            self.hits[self.path] = self.hits.get(self.path, 0) + 1
            self.times.setdefault(self.path, []).append(time.monotonic())
        if self.path.startswith("/slow"):
            time.sleep(0.5)
        body = f"trang {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if not self.path.startswith("/no-cache-control"):
            self.send_header("Cache-Control", "public, max-age=1")
        if self.path.startswith("/cookie"):
            self.send_header("Set-Cookie", "sessionid=moi; HttpOnly")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def stub(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("front-cache-stub")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with NginxServer(tmp, f"http://127.0.0.1:{server.server_port}", tmp, tmp) as nginx:
            yield nginx
    finally:
        server.shutdown()


def test_a_response_with_a_set_cookie_is_never_cached(stub):
    for _ in range(3):
        assert stub.get("/cookie").status == 200
    assert Upstream.hits["/cookie"] == 3


def test_a_response_the_app_did_not_mark_public_is_never_cached(stub):
    for _ in range(3):
        stub.get("/no-cache-control")
    assert Upstream.hits["/no-cache-control"] == 3


def test_a_hot_page_that_expires_under_a_burst_reaches_the_app_once_per_expiry(stub):
    stub.get("/slow")
    assert Upstream.hits["/slow"] == 1
    # Past its max-age=1. nginx keeps time in whole seconds and calls an entry stale once its
    # second of validity is over: stored at 12:00:00.1 it is fresh until 12:00:02, so the burst
    # waits two seconds (after 1.2 s it could still be fresh, and no refresh would come).
    time.sleep(2.1)

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: stub.get("/slow"), range(40)))

    assert {a.status for a in answers} == {200}
    assert all(a.text == "trang /slow" for a in answers)
    time.sleep(0.8)  # the background refresh finishes
    refreshes = Upstream.times["/slow"][1:]
    # Without the lock, twenty requests at once would each have gone to the app. With it, one
    # refresh per expiry (max-age=1, each refresh taking 0.5 s): never two close together.
    assert refreshes
    assert all(later - earlier > 0.9 for earlier, later in itertools.pairwise(refreshes)), refreshes
