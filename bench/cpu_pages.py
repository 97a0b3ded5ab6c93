"""CPU milliseconds per request of a Django site's pages, in-process with Django's test client.

Usage: cd SITE && DJANGO_SETTINGS_MODULE=... python /path/to/cpu_pages.py [--requests 300] [--warmup 50] PATH...

Runs under whichever Python and settings it is given (bench/wagtail_bench.py runs it once for Newsroom
and once in Wagtail's virtualenv). For each path: `--warmup` requests, then `--requests` requests timed
with time.process_time (this process's CPU, so other load on the machine counts far less than in req/s),
then one more under CaptureQueriesContext to count its SQL queries. Prints one JSON object:
{path: {"cpu_ms": ..., "queries": ..., "bytes": ...}}.
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.getcwd())  # the site's own packages, as manage.py would have them

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def measure(client, path, requests, warmup):
    for _ in range(warmup):
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
    start = time.process_time()
    for _ in range(requests):
        client.get(path)
    cpu_ms = (time.process_time() - start) * 1000 / requests
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return {"cpu_ms": cpu_ms, "queries": len(queries), "bytes": len(response.content)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=50)
    args = parser.parse_args()
    client = Client(HTTP_HOST="localhost")  # a host both sites allow, as wrk's 127.0.0.1 is
    print(json.dumps({path: measure(client, path, args.requests, args.warmup) for path in args.paths}))


if __name__ == "__main__":
    main()
