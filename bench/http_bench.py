"""HTTP throughput of the public site under gunicorn: uncached, with the default file cache, and with Redis.

Usage: .venv/bin/python bench/http_bench.py [--articles 100] [--seconds 10] [--connections 32]
Needs wrk (apt-get install wrk) and, for the Redis run, Redis at 127.0.0.1:6379.
DATABASE_URL picks the database (default: a SQLite file in bench/out/). Prints a
Markdown table of requests per second for README.md.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PORT = 8765

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "newsroom.settings",  # production settings, whatever the shell says
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{OUT / 'bench.sqlite3'}",
    "MEDIA_ROOT": str(OUT / "media"),
    "SERVE_MEDIA": "0",
    "LOG_LEVEL": "ERROR",
}

SEED = r"""
import io, random
from datetime import timedelta
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw
from articles.models import Article, ArticleAuthor, Author, Category, Photo, Unit
from articles.photos import store_photo

N = int(__import__("os").environ["BENCH_ARTICLES"])
if Article.objects.count() < N:
    cats = [Category.objects.get_or_create(name=n)[0] for n in
            ["Tin tức - Sự kiện", "An ninh trật tự", "Xây dựng lực lượng", "Pháp luật", "Gia đình - Xã hội"]]
    units = [Unit.objects.get_or_create(name=f"Công an huyện {i}")[0] for i in range(10)]
    authors = [Author.objects.get_or_create(pen_name=f"P.V {i}")[0] for i in range(10)]
    body = "".join(f"<p>Đoạn {i}: Công an tỉnh Nghệ An triển khai đồng bộ nhiều giải pháp, "
                   "nhằm giữ vững ổn định an ninh chính trị, trật tự an toàn xã hội trên địa bàn.</p>"
                   for i in range(12))
    rnd = random.Random(1)
    for i in range(Article.objects.count(), N):
        a = Article.objects.create(
            title=f"Hội nghị sơ kết phong trào thi đua số {i} của Công an tỉnh",
            lead="Sáng 7/7, tại TX Cửa Lò, Cụm thi đua số 5 tổ chức Hội nghị sơ kết phong trào thi đua 6 tháng.",
            body=body, category=cats[i % 5], status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=i))
        for order, author in enumerate(rnd.sample(authors, 2)):
            ArticleAuthor.objects.create(article=a, author=author, order=order)
        a.units.add(*rnd.sample(units, 2))
        for p in range(3):
            img = Image.new("RGB", (1600, 1067), (rnd.randrange(256), 90, 60))
            ImageDraw.Draw(img).ellipse((300, 200, 1300, 900), fill=(200, 200, rnd.randrange(256)))
            buf = io.BytesIO(); img.save(buf, "JPEG", quality=85)
            photo = Photo(article=a, caption=f"Ảnh {p} của bài {i}", position=p * 4)
            store_photo(photo, SimpleUploadedFile("a.jpg", buf.getvalue(), "image/jpeg"))
            if p == 0:
                a.cover_photo = photo
        a.save()
from articles.models import Article as A
print(A.objects.published().order_by("-published_at")[3].get_absolute_url())
print(A.objects.published().first().category.get_absolute_url())
"""


def manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True).stdout  # fmt: skip


def wrk(url, seconds, connections):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url]
    out = subprocess.run(command, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} error responses\n{out}")
    return rate


def serve(env, workers):
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{PORT}",
         "--log-level", "error"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def stop(proc):
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    OUT.mkdir(parents=True, exist_ok=True)
    env = {**ENV, "BENCH_ARTICLES": str(args.articles)}
    manage("migrate", "--noinput", env=env)
    article_url, category_url = manage("shell", "-c", SEED, env=env).split()[-2:]
    pages = {"Django floor (/healthz)": "/healthz", "Home page": "/", "Article page": article_url,
             "Category page": category_url}  # fmt: skip
    runs = {
        "uncached": {**env, "PAGE_CACHE_SECONDS": "0"},
        "cached (file cache, the default)": {**env, "PAGE_CACHE_SECONDS": "60", "CACHE_DIR": str(OUT / "cache")},
        "cached (Redis)": {**env, "PAGE_CACHE_SECONDS": "60", "REDIS_URL": "redis://127.0.0.1:6379/9"},
    }
    results = {}
    for run, run_env in runs.items():
        proc = serve(run_env, args.workers)
        try:
            for name, path in pages.items():
                url = f"http://127.0.0.1:{PORT}{path}"
                urllib.request.urlopen(url).read()  # warm up
                results[(name, run)] = wrk(url, args.seconds, args.connections)
        finally:
            stop(proc)
    load = f"wrk -t2 -c{args.connections} -d{args.seconds}s"
    print(f"\n{args.articles} articles, {args.workers} gunicorn workers, {load}, "
          f"database {env['DATABASE_URL'].split(':')[0]}\n")  # fmt: skip
    print("| page | " + " | ".join(runs) + " |")
    print("|---|" + "---:|" * len(runs))
    for name in pages:
        print(f"| {name} | " + " | ".join(f"{results[(name, run)]:,.0f} req/s" for run in runs) + " |")


if __name__ == "__main__":
    main()
