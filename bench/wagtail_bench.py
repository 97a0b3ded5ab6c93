"""Newsroom's uncached pages against the same pages of a Wagtail 8 news site, in one run.

Usage: .venv/bin/python bench/wagtail_bench.py [--seconds 10] [--connections 32] [--rounds 1] [--articles 100]
       [--cpu] [--requests 300]

The Wagtail site is bench/wagtail_site (copied to bench/out/wagtail-site, migrated and seeded by its
`manage.py seed`; rebuilt whenever its source or --articles changes) and runs in its own
virtualenv, bench/out/wagtail-venv, made once. It does the work Newsroom's pages do: a front page with a
lead story, the latest titles and 4 cards per section; a section page of 20 cards; an article page with a
3-photo gallery, byline, units, tags, share links, 5 related articles and SEO/OpenGraph/JSON-LD meta; every
picture in WebP and JPEG at 480 and 960 px with `sizes`, every rendition made at seeding. Newsroom is
seeded as bench/http_bench.py does (100 articles, 5 sections, 3 photos each) and served uncached
(PAGE_CACHE_SECONDS=0). Both run under the same gunicorn with 2 sync workers on a free loopback port,
loaded with the same wrk command (30 s timeout); with --rounds N the sites alternate N times (medians shown).
With --cpu, each page's CPU time per request is also measured in-process with Django's test client
(bench/cpu_pages.py), which drifts far less than req/s on a shared machine; --rounds 0 measures only that.
"""

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

from http_bench import ENV, OUT, ROOT, SEED, manage

SOURCE = ROOT / "bench" / "wagtail_site"
SITE = OUT / "wagtail-site"
CPU_TOOL = ROOT / "bench" / "cpu_pages.py"
CPU_WARMUP = 50  # requests per page before the timed ones
VENV = OUT / "wagtail-venv"
VENV_PYTHON = VENV / "bin" / "python"
WAGTAIL_VERSION = "8.0.1"
GUNICORN_VERSION = re.search(r"^gunicorn==(\S+)", (ROOT / "requirements.txt").read_text(), re.M).group(1)
WAGTAIL_ENV = {
    **{k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE")},
    "DJANGO_SETTINGS_MODULE": "wagsite.settings",
}
# The pages compared, each as (row label, Wagtail's page, Newsroom's page).
KINDS = {
    "article": "article: ArticlePage / article page",
    "home": "front page: HomePage / home page",
    "section": "section: SectionPage / category page",
    "floor": "floor: /healthz on both",
}


def run(command, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode:
        raise SystemExit(f"failed: {' '.join(map(str, command))}\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done.stdout


def ensure_venv():
    """A virtualenv with Wagtail and Newsroom's gunicorn, made once (never the project's own .venv)."""
    versions = (WAGTAIL_VERSION, GUNICORN_VERSION)
    check = f"import wagtail, gunicorn; assert (wagtail.__version__, gunicorn.__version__) == {versions}"
    if VENV_PYTHON.exists() and subprocess.run([VENV_PYTHON, "-c", check], capture_output=True).returncode == 0:
        return
    print(f"Installing wagtail=={WAGTAIL_VERSION} gunicorn=={GUNICORN_VERSION} into {VENV}", flush=True)
    run(["python3", "-m", "venv", VENV])
    run([VENV_PYTHON, "-m", "pip", "install", "-q", f"wagtail=={WAGTAIL_VERSION}", f"gunicorn=={GUNICORN_VERSION}"])


def source_digest(articles):
    digest = hashlib.sha256(str(articles).encode())
    for path in sorted(SOURCE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(SOURCE)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build_wagtail_site(articles):
    """Copies, migrates and seeds the site unless an identical one is there; returns the seed's URLs."""
    stamp, digest = SITE / ".source-sha256", source_digest(articles)
    if not stamp.exists() or stamp.read_text() != digest:
        print(f"Building the Wagtail site in {SITE} (seeding {articles} articles takes a minute)", flush=True)
        shutil.rmtree(SITE, ignore_errors=True)
        shutil.copytree(SOURCE, SITE, ignore=shutil.ignore_patterns("__pycache__"))
        run([VENV_PYTHON, "manage.py", "makemigrations", "news"], cwd=SITE, env=WAGTAIL_ENV)
        run([VENV_PYTHON, "manage.py", "migrate", "--noinput"], cwd=SITE, env=WAGTAIL_ENV)
    out = run([VENV_PYTHON, "manage.py", "seed", "--articles", str(articles)], cwd=SITE, env=WAGTAIL_ENV)
    stamp.write_text(digest)
    return json.loads(out.splitlines()[-1])


def wrk(url, seconds, connections):
    """Requests per second; a 30 s timeout (wrk's 2 s default drops the slow pages' answers on a busy machine)."""
    out = run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", url])
    if non2xx := re.search(r"Non-2xx or 3xx responses: \d+", out):
        raise SystemExit(f"{url}: {non2xx.group(0)}\n{out}")
    if errors := re.search(r"Socket errors: .*", out):
        print(f"    wrk {url}: {errors.group(0)}", flush=True)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(python, app, cwd, env, probe, workers):
    """Starts gunicorn in its own process group; returns (process, base URL) once `probe` answers 200."""
    port = free_port()
    command = [python, "-m", "gunicorn", app, "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "error"]
    proc = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True)
    base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"gunicorn {app} exited with {proc.returncode}")
            try:
                urllib.request.urlopen(base + probe, timeout=2).read()
                return proc, base
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn {app} did not answer {probe}")
    except BaseException:  # Ctrl-C while it starts included
        stop(proc)
        raise


def stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def check(url, expected):
    """One GET: 200 and every expected string in the body; returns (bytes, <picture> elements)."""
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"{url}: HTTP {response.status}")
    text = body.decode()
    missing = [s for s in expected if s not in text]
    if missing:
        raise SystemExit(f"{url}: missing {missing!r}")
    return len(body), text.count("<picture")


def measure(site, server, pages, args, rates, sizes):
    """Serves one site, checks, warms up (1 s of wrk) and measures each of its pages."""
    proc, base = serve(*server, probe=pages["floor"][0], workers=args.workers)
    try:
        for kind, (path, expected) in pages.items():
            url = base + path
            sizes[site, kind] = check(url, expected)
            wrk(url, 1, args.connections)  # warm-up: both workers, template loaders, caches
            rates.setdefault((site, kind), []).append(wrk(url, args.seconds, args.connections))
            print(f"  {site} {kind} ({path}): {rates[site, kind][-1]:,.0f} req/s", flush=True)
    finally:
        stop(proc)


def cpu_ms(python, cwd, env, pages, requests):
    """{kind: {"cpu_ms", "queries", "bytes"}} from bench/cpu_pages.py run in the site's own Python."""
    paths = [path for path, _expected in pages.values()]
    command = [python, CPU_TOOL, "--requests", str(requests), "--warmup", str(CPU_WARMUP), *paths]
    out = json.loads(run(command, cwd=cwd, env=env).splitlines()[-1])
    return {kind: out[path] for kind, (path, _expected) in pages.items()}


def print_rates(rates, sizes, args):
    median = {key: statistics.median(values) for key, values in rates.items()}
    print("| page (Wagtail / Newsroom) | Wagtail req/s | Newsroom req/s | Newsroom ÷ Wagtail "
          "| HTML bytes (W / N) | pictures (W / N) |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|")
    for kind, label in KINDS.items():
        w, n = median["Wagtail", kind], median["Newsroom", kind]
        (wb, wp), (nb, np) = sizes["Wagtail", kind], sizes["Newsroom", kind]
        print(f"| {label} | {w:,.0f} | {n:,.0f} | {n / w:.2f}× | {wb:,} / {nb:,} | {wp} / {np} |")
    if args.rounds > 1:
        for r in range(args.rounds):
            ratios = ", ".join(f"{k} {rates['Newsroom', k][r] / rates['Wagtail', k][r]:.2f}×" for k in KINDS)
            print(f"Round {r + 1} (Newsroom ÷ Wagtail): {ratios}")
    print()


def print_cpu(cpu, requests):
    print(f"CPU per request in-process (Django test client, {requests} requests after {CPU_WARMUP} of warm-up, "
          "time.process_time):\n")  # fmt: skip
    print("| page (Wagtail / Newsroom) | Wagtail CPU ms | Newsroom CPU ms | Wagtail ÷ Newsroom "
          "| SQL queries (W / N) | HTML bytes (W / N) |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|")
    for kind, label in KINDS.items():
        w, n = cpu["Wagtail"][kind], cpu["Newsroom"][kind]
        print(f"| {label} | {w['cpu_ms']:.2f} | {n['cpu_ms']:.2f} | {w['cpu_ms'] / n['cpu_ms']:.2f}× "
              f"| {w['queries']} / {n['queries']} | {w['bytes']:,} / {n['bytes']:,} |")  # fmt: skip
    print()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=1, help="wrk rounds per site; 0 with --cpu: CPU only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--articles", type=int, default=100, help="articles to seed in each site")
    parser.add_argument("--cpu", action="store_true", help="also measure CPU ms per request in-process")
    parser.add_argument("--requests", type=int, default=300, help="timed requests per page with --cpu")
    args = parser.parse_args()
    if args.rounds and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    # A SIGTERM unwinds like Ctrl-C, so the finally blocks stop the gunicorns.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    OUT.mkdir(parents=True, exist_ok=True)

    ensure_venv()
    seed = build_wagtail_site(args.articles)
    env = {**ENV, "BENCH_ARTICLES": str(args.articles)}
    manage("migrate", "--noinput", env=env)
    article_url, category_url = manage("shell", "-c", SEED, env=env).split()[-2:]
    newsroom_env = {**env, "PAGE_CACHE_SECONDS": "0", "CACHE_DIR": str(OUT / "cache")}

    body, title = "Đoạn 11: Công an tỉnh Nghệ An", seed["title"]
    card = "Hội nghị sơ kết phong trào thi đua số"
    wagtail_pages = {
        "article": (seed["article"], [title, body, "image/webp", "Ảnh 2 của bài 3", "Tin liên quan", "ld+json"]),
        "home": (seed["home"], [card, "format-webp", "Tin mới nhất"]),
        "section": (seed["section"], [card, "format-webp"]),
        "floor": ("/healthz", ["ok"]),
    }
    newsroom_pages = {
        "article": (article_url, [title, body, "image/webp", "Ảnh 2 của bài 3", "Tin liên quan", "ld+json"]),
        "home": ("/", [card, "image/webp"]),
        "section": (category_url, [card, "image/webp"]),
        "floor": ("/healthz", ["ok"]),
    }
    servers = {
        "Wagtail": ((VENV_PYTHON, "wagsite.wsgi", SITE, WAGTAIL_ENV), wagtail_pages),
        "Newsroom": ((sys.executable, "newsroom.wsgi", ROOT, newsroom_env), newsroom_pages),
    }
    rates, sizes = {}, {}
    for r in range(args.rounds):
        for site, (server, pages) in servers.items():
            print(f"Round {r + 1}/{args.rounds}: {site}", flush=True)
            measure(site, server, pages, args, rates, sizes)
    cpu = {}
    if args.cpu:
        for site, ((python, _app, cwd, site_env), pages) in servers.items():
            print(f"CPU: {site}", flush=True)
            cpu[site] = cpu_ms(python, cwd, site_env, pages, args.requests)

    wagtail_python = run([VENV_PYTHON, "-c", "import platform; print(platform.python_version())"]).strip()
    print(f"\nWagtail {WAGTAIL_VERSION} (Python {wagtail_python}, SQLite, LocMemCache) against Newsroom uncached "
          f"(PAGE_CACHE_SECONDS=0, database {env['DATABASE_URL'].split(':')[0]}, Python "
          f"{platform.python_version()}), {args.articles} articles each")  # fmt: skip
    if args.rounds:
        print(f"{args.workers} gunicorn {GUNICORN_VERSION} sync workers each, wrk -t2 -c{args.connections} "
              f"-d{args.seconds}s --timeout 30s, {args.rounds} round(s), median shown\n")  # fmt: skip
        print_rates(rates, sizes, args)
    if args.cpu:
        print_cpu(cpu, args.requests)


if __name__ == "__main__":
    main()
