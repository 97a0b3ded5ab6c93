"""scripts/demo end to end: at the PORT asked, DEBUG off, the Vietnamese 404, static files, DEMO_PASSWORD logs in."""

import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.servers import free_port, port_open, wait_for

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "mat-khau-thu-demo-2026"


@pytest.fixture
def demo_server(tmp_path):
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "PORT": str(port),
        "DEMO_PASSWORD": PASSWORD,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "CACHE_DIR": str(tmp_path / "cache"),
    }
    log = open(tmp_path / "demo.log", "w")
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "demo")], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        wait_for(lambda: port_open("127.0.0.1", port) or process.poll() is not None, timeout=240, what="the demo")
        assert process.poll() is None, (tmp_path / "demo.log").read_text()
        yield f"http://127.0.0.1:{port}", tmp_path / "demo.log"
    finally:
        # runserver's autoreloader runs the server in a child: stop the whole session this test started.
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
        log.close()


def get(opener, url, data=None):
    try:
        with opener.open(url, data=data, timeout=20) as response:
            return response.status, response.geturl(), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, url, exc.read().decode()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_demo_serves_at_port_with_debug_off_and_the_demo_password(demo_server):
    base, log = demo_server
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    status, _url, html = get(opener, base + "/khong-co-trang-nay/")
    assert status == 404
    assert "Không tìm thấy trang" in html and "Technical" not in html and "URLconf" not in html
    assert get(opener, base + "/static/admin/css/base.css")[0] == 200  # runserver --insecure
    assert f"Serving {base}" in log.read_text()
    # Plain http: the session cookie must not be Secure-only, or nobody could sign in.
    status, _url, form = get(opener, base + "/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "bientapvien", "password": PASSWORD, "next": "/admin/"}
    ).encode()
    request = urllib.request.Request(base + "/admin/login/", data=data, headers={"Referer": base + "/admin/login/"})
    status, url, page = get(opener, request)
    assert status == 200 and url == base + "/admin/", page[:500]
    assert "bientapvien" in page.lower()
