"""The front cache against the floor and nginx's own static speed, measured side by side in one run.

Usage: .venv/bin/python bench/front_bench.py [--articles 100] [--seconds 10] [--connections 32]
Needs wrk and nginx (apt-get install wrk nginx). Seeds the database of bench/http_bench.py,
runs gunicorn (2 sync workers, deploy/gunicorn.conf.py) and nginx with the shipped
deploy/nginx.conf in front of it (tests/nginx.py: a private prefix and ports, HTTPS with a
test certificate), then measures with wrk:
  - the Django floor: /healthz straight from gunicorn (a fixed string);
  - the home and an article page from the app's page cache, straight from gunicorn;
  - the same pages through nginx's front cache (every request a HIT after the first);
  - a static 60 KB page served by the same nginx from disk (what nginx itself can do).
"""

import argparse
import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import http_bench  # noqa: E402

from tests.nginx import NginxServer  # noqa: E402
from tests.servers import AppServer  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    http_bench.OUT.mkdir(parents=True, exist_ok=True)
    env = {**http_bench.ENV, "BENCH_ARTICLES": str(args.articles)}
    http_bench.manage("migrate", "--noinput", env=env)
    article_url, _category = http_bench.manage("shell", "-c", http_bench.SEED, env=env).split()[-2:]
    tmp = Path(tempfile.mkdtemp(prefix="front-bench-"))
    static = tmp / "static"
    env = {**env, "PAGE_CACHE_SECONDS": "60", "CACHE_DIR": str(tmp / "cache"), "STATIC_ROOT": str(static),
           "BEHIND_HTTPS_PROXY": "true", "PHOTO_ACCEL_REDIRECT": "/_photos/", "SECURE_COOKIES": "false"}  # fmt: skip
    http_bench.manage("collectstatic", "--noinput", env=env)
    results = {}
    with AppServer(env) as app:
        (static / "home-copy.html").write_bytes(urllib.request.urlopen(f"{app.url}/").read()[:60_000].ljust(60_000))
        with NginxServer(tmp, app.url, static, env["MEDIA_ROOT"]) as nginx:
            rows = {
                "Django floor (/healthz, gunicorn)": f"{app.url}/healthz",
                "Home page, app page cache (gunicorn)": f"{app.url}/",
                "Article page, app page cache (gunicorn)": f"{app.url}{article_url}",
                "Home page, nginx front cache": f"{nginx.url}/",
                "Article page, nginx front cache": f"{nginx.url}{article_url}",
                "Static 60 KB page, nginx": f"{nginx.url}/static/home-copy.html",
            }
            for name, url in rows.items():
                server = nginx if url.startswith(nginx.url) else app
                server.get(url.removeprefix(server.url))  # warm up: the first request fills the caches
                results[name] = http_bench.wrk(url, args.seconds, args.connections)
    floor = results["Django floor (/healthz, gunicorn)"]
    static_rate = results["Static 60 KB page, nginx"]
    print(f"\n{args.articles} articles, 2 gunicorn workers, nginx 1 worker, wrk -t2 -c{args.connections} "
          f"-d{args.seconds}s, database {env['DATABASE_URL'].split(':')[0]}\n")  # fmt: skip
    print("| what | req/s | of the floor | of nginx static |")
    print("|---|---:|---:|---:|")
    for name, rate in results.items():
        print(f"| {name} | {rate:,.0f} | {rate / floor:.0%} | {rate / static_rate:.0%} |")


if __name__ == "__main__":
    main()
