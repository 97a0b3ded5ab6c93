"""The shipped nginx config in front of the app under gunicorn: photos keep their safety headers, big bodies never 502.

One nginx (deploy/nginx.conf, HTTPS with a test certificate) and one gunicorn for the module,
with a database that a subprocess fills through the photo pipeline and the state machine.
"""

import json
import re
import secrets
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from tests import photo_samples as samples
from tests.nginx import NGINX_SITE, NginxServer
from tests.servers import AppServer, Database, django_shell, manage, production_env, request

MB = 1024 * 1024
PHOTO_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
APP_TOO_LARGE = "Dữ liệu gửi lên quá lớn"
NGINX_TOO_LARGE = "Tệp bạn gửi vượt quá dung lượng trang cho phép trong một lần gửi."
AS_NGINX = {"X-Forwarded-Proto": "https"}  # straight to gunicorn, as nginx would ask
ROUNDS = 4  # a 502 from an unread body is a race: one clean answer proves little

SETUP = """
import json
from django.test import Client
from articles import photo_urls, photos, workflow
from articles.models import Photo
from tests import photo_samples as samples
from tests.factories import ArticleFactory, ModeratorFactory

moderator = ModeratorFactory(username="bientapvien")

def article_with_photo(publish):
    article = ArticleFactory(created_by=moderator)
    photo = Photo(article=article, caption="Toàn cảnh hội nghị", alt_text="Hội nghị")
    photos.store_photo(photo, samples.upload(samples.jpeg_bytes(1000, 600)), user=moderator)
    if publish:
        workflow.transition(article, "approve", user=moderator, seen_version=article.version)
    return article, photo

published, photo = article_with_photo(True)
draft, hidden = article_with_photo(False)
client = Client()
client.force_login(moderator)
print(json.dumps({
    "webp": photo_urls.photo_url(photo, photo.renditions["480"]["webp"]),
    "jpeg": photo_urls.photo_url(photo, photo.renditions["480"]["jpeg"]),
    "webp_file": photo.renditions["480"]["webp"],
    "hidden": photo_urls.photo_url(hidden, hidden.renditions["480"]["jpeg"]),
    "hidden_file": hidden.renditions["480"]["jpeg"],
    "draft": draft.pk,
    "session": client.cookies["sessionid"].value,
}))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nginx-site")
    db = Database(tmp)
    try:
        env = production_env(
            tmp,
            DATABASE_URL=db.url,
            PHOTO_ACCEL_REDIRECT="/_photos/",
            BEHIND_HTTPS_PROXY="true",
            SECURE_COOKIES="true",
            SECURE_SSL_REDIRECT="true",
            SECURE_HSTS_SECONDS="3600",
        )
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        data = json.loads(django_shell(env, SETUP).strip().splitlines()[-1])
        with AppServer(env) as app:
            with NginxServer(tmp, app.url, env["STATIC_ROOT"], env["MEDIA_ROOT"]) as nginx:
                yield {"app": app, "nginx": nginx, "env": env, "data": data}
    finally:
        db.drop()


def media_file(site, name):
    """A stored file by its basename (photos live in dated folders under MEDIA_ROOT)."""
    return next(Path(site["env"]["MEDIA_ROOT"]).rglob(name))


def test_a_published_photo_comes_through_nginx_with_its_bytes_and_safety_headers(site):
    nginx, data = site["nginx"], site["data"]
    for key, content_type in (("webp", "image/webp"), ("jpeg", "image/jpeg")):
        response = nginx.get(data[key])
        assert response.status == 200, nginx.log()
        assert response.header("content-type") == content_type
        assert response.header("x-content-type-options") == "nosniff"
        assert response.header("content-security-policy") == PHOTO_CSP
        assert response.header("cache-control") == "public, max-age=3600"  # the app's header is kept
        assert response.header("x-accel-redirect") is None
    assert nginx.get(data["webp"]).body == media_file(site, data["webp_file"]).read_bytes()


def test_the_app_only_names_the_file_nginx_sends(site):
    # Straight from gunicorn the answer is empty: the bytes come from nginx's internal location.
    response = site["app"].get(site["data"]["webp"], headers=AS_NGINX)
    assert response.status == 200 and response.body == b""
    assert response.header("x-accel-redirect", "").startswith("/_photos/photos/")


def test_an_unpublished_articles_photo_is_a_404(site):
    response = site["nginx"].get(site["data"]["hidden"])
    assert response.status == 404
    assert "Không tìm thấy trang" in response.text  # the app's own 404 page
    assert response.header("cache-control") != "public, max-age=3600"


def test_the_internal_photo_location_is_a_404_from_outside(site):
    stored = media_file(site, site["data"]["hidden_file"])
    relative = stored.relative_to(site["env"]["MEDIA_ROOT"]).as_posix()
    assert site["nginx"].get(f"/_photos/{relative}").status == 404
    assert site["nginx"].get(f"/media/{relative}").status == 404


def hashed_name(site, name):
    """The content-hashed name collectstatic gave `name` (whitenoise's manifest storage)."""
    manifest = json.loads((Path(site["env"]["STATIC_ROOT"]) / "staticfiles.json").read_text())
    return manifest["paths"][name]


def test_static_files_under_their_hashed_names_are_kept_a_year_and_sent_compressed(site):
    name = hashed_name(site, "css/site.css")
    assert name != "css/site.css"
    response = site["nginx"].get(f"/static/{name}")
    assert response.status == 200
    assert response.body == (Path(site["env"]["STATIC_ROOT"]) / "css" / "site.css").read_bytes()
    assert response.header("cache-control") == "public, max-age=31536000, immutable"
    assert response.header("x-content-type-options") == "nosniff"
    gzipped = site["nginx"].get(f"/static/{name}", headers={"Accept-Encoding": "gzip"})
    assert gzipped.header("content-encoding") == "gzip" and len(gzipped.body) < len(response.body)


def test_static_files_under_plain_names_are_kept_an_hour(site):
    response = site["nginx"].get("/static/css/site.css")
    assert response.status == 200
    assert response.header("cache-control") == "public, max-age=3600"


def test_pages_link_the_hashed_names(site):
    html = site["nginx"].get("/").text
    assert f"/static/{hashed_name(site, 'css/site.css')}" in html


def test_without_nginx_the_app_serves_static_files_itself(site):
    name = hashed_name(site, "css/site.css")
    response = site["app"].get(f"/static/{name}", headers={**AS_NGINX, "Accept-Encoding": "gzip"})
    assert response.status == 200 and response.header("content-encoding") == "gzip"
    assert "immutable" in response.header("cache-control")


def test_pages_are_https_only_with_hsts(site):
    nginx = site["nginx"]
    response = nginx.get("/")
    assert response.status == 200 and response.header("strict-transport-security") == "max-age=3600"
    plain = request(nginx.http_url, "/tin-moi/")
    assert plain.status == 301 and plain.header("location") == "https://127.0.0.1/tin-moi/"


def test_the_load_balancers_probe_is_exempt_from_the_https_redirect(site):
    app = site["app"]
    assert app.get("/healthz").status == 200  # plain HTTP, straight to gunicorn
    assert app.get("/tin-moi/").status == 301


def test_nginx_body_limit_sits_just_above_the_apps():
    nginx_limit = int(re.search(r"client_max_body_size (\d+)m;", NGINX_SITE.read_text()).group(1)) * MB
    assert settings.MAX_REQUEST_BYTES < nginx_limit <= settings.MAX_REQUEST_BYTES + 8 * MB
    assert nginx_limit <= 2 * settings.MAX_REQUEST_BYTES  # the middleware still drains up to it


# --- Bodies too large, as uploads and as plain POSTs ---------------------------------------------


def multipart(fields=(), files=()):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value + b"\r\n"
        )
    for name, filename, value in files:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        parts.append(head.encode() + b"Content-Type: image/jpeg\r\n\r\n" + value + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post(site, path, body, content_type, logged_in=True):
    token = secrets.token_hex(32)
    headers = {"Content-Type": content_type, "Origin": "https://127.0.0.1", "X-CSRFToken": token}
    headers["Cookie"] = f"csrftoken={token}" + (f"; sessionid={site['data']['session']}" if logged_in else "")
    return site["nginx"].get(path, method="POST", body=body, headers=headers, timeout=60)


def change_form(site):
    return f"/admin/articles/article/{site['data']['draft']}/change/"


def editor_upload(site):
    return f"/quan-tri/anh/tai-len/{site['data']['draft']}/"


def photo_upload(size):
    return multipart([("title", "Tiêu đề".encode())], [("photos-0-image", "anh.jpg", b"\xff" * size)])


def plain(size):
    return b"username=bientapvien&password=" + b"p" * size, "application/x-www-form-urlencoded"


def assert_answers(site, make_request, status, text):
    for _round in range(ROUNDS):
        response = make_request()
        assert response.status == status, f"{response.status} {response.text[:300]}\n{site['nginx'].log()[-2000:]}"
        shown = response.text
        if response.header("content-type") == "application/json":  # CKEditor's answer: the message in it
            shown = json.loads(shown)["error"]["message"]
        assert text in shown


APP_SIZE = 23 * MB  # over MAX_REQUEST_BYTES (21 MiB), under nginx's 25m
FIELD_SIZE = 6 * MB  # over DATA_UPLOAD_MAX_MEMORY_SIZE (5 MiB) in a non-file field
NGINX_SIZE = 26 * MB  # over nginx's client_max_body_size


def test_a_photo_upload_over_the_apps_limit_gets_the_apps_413_not_a_502(site):
    body, content_type = photo_upload(APP_SIZE)
    assert_answers(site, lambda: post(site, change_form(site), body, content_type), 413, APP_TOO_LARGE)


def test_an_editor_upload_over_the_apps_limit_gets_its_json_message_not_a_502(site):
    body, content_type = multipart(files=[("upload", "anh.jpg", b"\xff" * APP_SIZE)])
    assert_answers(site, lambda: post(site, editor_upload(site), body, content_type), 200, "tối đa 20 MB")


def test_a_plain_post_over_the_apps_limit_gets_the_apps_413_not_a_502(site):
    body, content_type = plain(APP_SIZE)
    assert_answers(site, lambda: post(site, "/admin/login/", body, content_type, logged_in=False), 413, APP_TOO_LARGE)


def test_oversized_form_fields_get_the_apps_413_not_a_502(site):
    body, content_type = multipart([("title", b"t" * FIELD_SIZE)], [("photos-0-image", "anh.jpg", b"\xff" * 1000)])
    assert_answers(site, lambda: post(site, change_form(site), body, content_type), 413, APP_TOO_LARGE)
    body, content_type = multipart([("note", b"n" * FIELD_SIZE)], [("upload", "anh.jpg", b"\xff" * 1000)])
    assert_answers(site, lambda: post(site, editor_upload(site), body, content_type), 413, APP_TOO_LARGE)
    body, content_type = plain(FIELD_SIZE)
    assert_answers(site, lambda: post(site, "/admin/login/", body, content_type, logged_in=False), 413, APP_TOO_LARGE)


def test_bodies_over_nginxs_limit_get_nginxs_vietnamese_413(site):
    body, content_type = photo_upload(NGINX_SIZE)
    assert_answers(site, lambda: post(site, change_form(site), body, content_type), 413, NGINX_TOO_LARGE)
    body, content_type = multipart(files=[("upload", "anh.jpg", b"\xff" * NGINX_SIZE)])
    assert_answers(site, lambda: post(site, editor_upload(site), body, content_type), 413, NGINX_TOO_LARGE)
    body, content_type = plain(NGINX_SIZE)
    assert_answers(site, lambda: post(site, "/admin/login/", body, content_type, logged_in=False), 413, NGINX_TOO_LARGE)


def test_a_normal_upload_through_nginx_still_works(site):
    # The limits refuse only what they should: a real photo from the editor is stored.
    body, content_type = multipart(files=[("upload", "anh.jpg", samples.jpeg_bytes(800, 600))])
    response = post(site, editor_upload(site), body, content_type)
    assert response.status == 200, response.text
    assert json.loads(response.text)["uploaded"] == 1
