"""Where an uncached public page spends its time: SQL, template rendering, building objects, the rest.

Usage: .venv/bin/python bench/profile_pages.py [--articles 100] [--requests 200] [--top 20]
Seeds the same database as bench/http_bench.py (SQLite in bench/out/ unless DATABASE_URL is
set), then renders each page `--requests` times in one process with PAGE_CACHE_SECONDS=0 under
cProfile and prints, per page, milliseconds per request split by phase, and the functions that
cost the most (own time). Deterministic enough to compare before/after a change on a busy
machine, unlike req/s; the totals include cProfile's overhead (about 1.5-2x).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import http_bench  # noqa: E402  (the seed and environment of the throughput benchmark)

# Phases by where the time is spent (cumulative time of these entry points; they do not nest).
PHASES = {
    "SQL (cursor execute + fetch)": [("django/db/backends/utils.py", "_execute"),
                                     ("django/db/models/sql/compiler.py", "results_iter")],
    "template rendering": [("django/template/base.py", "render")],
}  # fmt: skip


def seed(articles):
    env = {**http_bench.ENV, "BENCH_ARTICLES": str(articles)}
    http_bench.OUT.mkdir(exist_ok=True)
    http_bench.manage("migrate", "--noinput", env=env)
    out = http_bench.manage("shell", "-c", http_bench.SEED, env=env)
    return out.split()[-2:]


def phase_seconds(stats, phases):
    found = {}
    for (filename, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
        for phase, entries in phases.items():
            for suffix, function in entries:
                if filename.endswith(suffix) and name == function:
                    found[phase] = max(found.get(phase, 0.0), cumulative)
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--sort", default="tottime", help="pstats order: tottime (own time) or cumulative")
    parser.add_argument("--pages", default="home,article,category")
    args = parser.parse_args()
    article_url, category_url = seed(args.articles)
    os.environ.update({**http_bench.ENV, "PAGE_CACHE_SECONDS": "0"})
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    pages = {"home": "/", "article": article_url, "category": category_url}
    for name, path in pages.items():
        if name not in args.pages.split(","):
            continue
        assert client.get(path).status_code == 200, path
        # CPU time of this process: on a shared machine, far steadier than the wall clock.
        started = time.process_time()
        for _ in range(args.requests):
            client.get(path)
        plain_ms = (time.process_time() - started) * 1000 / args.requests
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.requests):
            client.get(path)
        profile.disable()
        stats = pstats.Stats(profile)
        total = stats.total_tt
        calls = stats.total_calls // args.requests
        print(f"\n## {name} ({path}): {plain_ms:.2f} ms CPU/request without the profiler, {calls:,} calls/request")
        phases = phase_seconds(stats, PHASES)
        for phase, seconds in phases.items():
            print(f"- {phase}: {100 * seconds / total:.0f} %")
        print(f"- everything else (URL, middleware, views, ORM object building): "
              f"{100 * (1 - sum(phases.values()) / total):.0f} %")  # fmt: skip
        stats.sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
