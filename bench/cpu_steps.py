"""What each commit did to the uncached pages: Python calls and CPU milliseconds per request, commit by commit.

Usage: .venv/bin/python bench/cpu_steps.py [--rounds 2] [--requests 300] COMMIT...

Each commit is checked out (without its history) in bench/out/steps/<commit> and its pages are
asked through Django's WSGI handler in one process, the way gunicorn calls it, against the
database of bench/http_bench.py (SQLite, 100 articles, seeded by it), uncached
(PAGE_CACHE_SECONDS=0). Calls per request (cProfile, 100 requests) do not drift; CPU
milliseconds (time.process_time) do, on a shared machine, so the commits are measured in turn
`--rounds` times and the least is shown. Prints a Markdown table for README.md.
"""

import argparse
import json
import subprocess
import sys
import tempfile

from http_bench import ENV, OUT, ROOT, SEED, manage

STEPS = OUT / "steps"
PAGES = ("article", "home", "category")

# Run inside the checkout: prints {"calls": {...}, "ms": {...}} for the three pages.
MEASURE = r"""
import cProfile, io, json, os, pstats, sys, time
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
from articles.models import Article
article = Article.objects.published().order_by("-published_at").first()
paths = {"article": article.get_absolute_url(), "home": "/", "category": article.category.get_absolute_url()}
app = WSGIHandler()

def call(path):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.input": io.BytesIO(b""),
               "wsgi.url_scheme": "http", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.errors": sys.stderr}
    status = []
    b"".join(app(environ, lambda s, h: status.append(s)))
    assert status[0].startswith("200"), (path, status)

requests = int(sys.argv[1])
out = {"calls": {}, "ms": {}}
for name, path in paths.items():
    for _ in range(50):
        call(path)
    started = time.process_time()
    for _ in range(requests):
        call(path)
    out["ms"][name] = (time.process_time() - started) * 1000 / requests
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(100):
        call(path)
    profile.disable()
    out["calls"][name] = pstats.Stats(profile).total_calls // 100
print(json.dumps(out))
"""


def checkout(commit):
    """The commit's files in bench/out/steps/<commit> (git archive: no worktree to clean up), compiled messages."""
    target = STEPS / commit
    if not (target / "manage.py").exists():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", ROOT, "archive", commit], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", target], input=archive, check=True)
        for compiled in (ROOT / "locale").rglob("*.mo"):
            destination = target / compiled.relative_to(ROOT)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(compiled.read_bytes())
    return target


def measure(commit, requests):
    env = {**ENV, "PAGE_CACHE_SECONDS": "0", "CACHE_DIR": tempfile.mkdtemp(prefix="steps-cache-")}
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(requests)], cwd=checkout(commit), env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"{commit}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("commits", nargs="+")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    env = {**ENV, "BENCH_ARTICLES": "100"}
    manage("migrate", "--noinput", env=env)
    manage("shell", "-c", SEED, env=env)
    calls, ms = {}, {}
    for round_number in range(args.rounds):
        for commit in args.commits:
            result = measure(commit, args.requests)
            calls[commit] = result["calls"]
            ms[commit] = {page: min(ms.get(commit, {}).get(page, 1e9), result["ms"][page]) for page in PAGES}
            print(f"round {round_number + 1}: {commit} {result}", file=sys.stderr, flush=True)
    print("| commit | " + " | ".join(f"{p} calls" for p in PAGES) + " | " + " | ".join(f"{p} ms" for p in PAGES) + " |")
    print("|---|" + "---:|" * (2 * len(PAGES)))
    for commit in args.commits:
        cells = [f"{calls[commit][p]:,}" for p in PAGES] + [f"{ms[commit][p]:.1f}" for p in PAGES]
        print(f"| {commit} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
