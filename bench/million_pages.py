"""Time every public page and the article admin against the million-article database, and EXPLAIN their queries.

Usage: .venv/bin/python bench/million_pages.py [--repeat 20] [--pages home,article] [--analyze]
       [--page-seconds 60] [--target-ms 50] [--admin-target-ms 500] [--database-url ...]
       [--out bench/out/million-<date>.md]

The app runs in this process (bench/settings_bench.py: production settings, no page cache,
a local-memory cache for what the app caches on purpose) and django.test.Client asks each
page once to warm up, then --repeat times, single client, then three times each right after a
publication (the content generation moved on: what is kept per generation is found again, as
the first reader after each publication finds it). Every SELECT a page runs is put
through EXPLAIN ANALYZE: a sequential scan of the article, byline or unit-link table that reads
more than SEQ_SCAN_ROWS rows (one under a LIMIT stops after a few thousand: it is listed with
the rows it read), or a count(*) that reads as many (not capped by a LIMIT subquery nor narrowed
by an index, as the admin's queue counts are), is what makes a page grow with the archive.
"""

import argparse
import gc
import json
import math
import os
import re
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from million_load import DEFAULT_URL, bench_env, setup_django  # noqa: E402

BIG_TABLES = {"articles_article", "articles_article_units", "articles_articleauthor"}
SEQ_SCAN_ROWS = 50_000  # a sequential scan reading more rows than this is flagged
_CAPPED = re.compile(r"LIMIT \d+\)", re.I)  # a LIMIT closing a subquery: the count stops there


def discover():
    """[(name, url, is_admin)]: every kind of page, with real slugs and page numbers from the data."""
    from django.db.models import Count, Max, Min

    from articles.models import Article, ArticleAuthor, Author, Category, Unit
    from articles.pagination import MAX_PAGES
    from articles.sitemaps import PAGE_LIMIT, SITEMAPS
    from articles.text import to_vietnam
    from articles.views import PAGE_SIZE

    published = Article.objects.published()
    section = Category.objects.filter(parent=None).annotate(n=Count("children")).order_by("-n", "order").first()
    in_section = published.filter(category__in=[section.pk, *section.children.values_list("pk", flat=True)])
    # The deepest page a list offers: its last, or the paginator's cap (pages past it are 404).
    section_pages = min(MAX_PAGES, max(1, math.ceil(in_section.count() / PAGE_SIZE)))
    latest_pages = min(MAX_PAGES, max(1, math.ceil(published.count() / PAGE_SIZE)))
    bounds = published.aggregate(first=Min("published_at"), last=Max("published_at"))
    middle = to_vietnam(bounds["first"] + (bounds["last"] - bounds["first"]) / 2)
    units = Unit.objects.exclude(kind=Unit.Kind.CLUSTER).annotate(n=Count("articles")).filter(n__gt=0)
    big_unit, small_unit = units.order_by("-n").first(), units.order_by("n").first()
    # A unit of the middle (a department: 1-2 % of the archive), whose deepest pages walk far.
    by_size = list(units.order_by("n").values_list("pk", "n"))
    mid_pk, mid_n = by_size[len(by_size) * 3 // 4]
    mid_unit = Unit.objects.get(pk=mid_pk)
    mid_pages = min(MAX_PAGES, max(1, math.ceil(mid_n / PAGE_SIZE)))
    cluster = Unit.objects.filter(kind=Unit.Kind.CLUSTER).first()
    top_author = ArticleAuthor.objects.values("author").annotate(n=Count("id")).order_by("-n").first()
    author = Author.objects.get(pk=top_author["author"])
    author_pages = min(MAX_PAGES, max(1, math.ceil(top_author["n"] / PAGE_SIZE)))
    article = published.order_by("-published_at", "-pk")[50]
    waiting = Article.objects.filter(status=Article.Status.SUBMITTED).order_by("-pk").first()
    article_sitemap_pages = max(1, math.ceil(published.count() / PAGE_LIMIT))

    pages = [
        ("home", "/"),
        ("section", section.get_absolute_url()),
        ("section-last", f"{section.get_absolute_url()}?page={section_pages}"),
        ("latest", "/tin-moi/"),
        ("latest-deep", f"/tin-moi/?page={latest_pages}"),
        ("archive-year", f"/{middle:%Y}/"),
        ("archive-month", f"/{middle:%Y/%m}/"),
        ("archive-day", f"/{middle:%Y/%m/%d}/"),
        ("unit-big", big_unit.get_absolute_url()),
        ("unit-small", small_unit.get_absolute_url()),
        ("unit-mid", mid_unit.get_absolute_url()),
        ("unit-mid-deep", f"{mid_unit.get_absolute_url()}?page={mid_pages}"),
        *([("unit-cluster", cluster.get_absolute_url())] if cluster else []),
        ("author", author.get_absolute_url()),
        ("author-last", f"{author.get_absolute_url()}?page={author_pages}"),
        ("article", article.get_absolute_url()),
        ("search-common", "/tim-kiem/?q=c%C3%B4ng+an"),
        ("search-rare", "/tim-kiem/?q=P%C3%B9+M%C3%A1t"),
        ("search-phrase", "/tim-kiem/?q=ma+t%C3%BAy"),
        ("search-none", "/tim-kiem/?q=xyzzyqwerty"),
        ("rss", "/rss/"),
        ("atom", "/atom/"),
        ("rss-section", f"/rss/chuyen-muc/{section.slug}/"),
        ("atom-section", f"/atom/chuyen-muc/{section.slug}/"),
        ("rss-unit", f"/rss/don-vi/{big_unit.slug}/"),
        ("atom-unit", f"/atom/don-vi/{big_unit.slug}/"),
        ("sitemap", "/sitemap.xml"),
        *[(f"sitemap-{name}", f"/sitemap-{name}.xml") for name in SITEMAPS],
        ("sitemap-bai-viet-last", f"/sitemap-bai-viet.xml?p={article_sitemap_pages}"),
        ("sitemap-news", "/sitemap-news.xml"),
        ("robots", "/robots.txt"),
    ]
    admin = "/admin/articles/article/"
    admin_pages = [
        ("admin-list", admin),
        ("admin-status", f"{admin}?status=published"),
        ("admin-category", f"{admin}?category__id__exact={section.pk}"),
        ("admin-search", f"{admin}?q=cong+an"),
        ("admin-queue", f"{admin}?queue=review"),
        ("admin-change", f"{admin}{waiting.pk if waiting else article.pk}/change/"),
    ]
    return [(name, url, False) for name, url in pages] + [(name, url, True) for name, url in admin_pages]


def superuser_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="million-bench", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(raise_request_exception=False)  # a failing page is reported with its status
    client.force_login(user)
    return client


def explain(sql, params):
    """(sequential scans of the big tables as (table, rows read), rows all scans of them read).

    EXPLAIN ANALYZE runs the query once more, so the rows a scan really read are known: a
    sequential scan under a LIMIT that stops after a few thousand rows costs what an index
    range does; one that reads more than SEQ_SCAN_ROWS is what makes a page grow with the archive.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        raw = cursor.fetchone()[0]
    stack, seq_scans, rows_read = [(json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]], [], 0
    while stack:
        node = stack.pop()
        if node.get("Relation Name") in BIG_TABLES:
            loops = node.get("Actual Loops", 1) or 1
            read = (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * loops
            rows_read += read
            if node.get("Node Type") == "Seq Scan":
                seq_scans.append((node["Relation Name"], read))
        stack.extend(node.get("Plans", []))
    return seq_scans, rows_read


def text_plan(query, analyze):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {'(ANALYZE, BUFFERS) ' if analyze else ''}{query['sql']}", query["params"])
        return [row[0] for row in cursor.fetchall()]


def as_sql(query):
    from django.db import connection

    with connection.cursor() as cursor:
        return cursor.mogrify(query["sql"], query["params"]).decode()


def is_full_count(sql, rows_read):
    """A count of a big table neither capped by a LIMIT subquery nor narrowed to a few rows by an index."""
    touches_big = any(f'"{table}"' in sql for table in BIG_TABLES)
    counts = touches_big and re.search(r"COUNT\(", sql, re.I) and not _CAPPED.search(sql)
    return bool(counts) and rows_read > SEQ_SCAN_ROWS


class Recorder:
    """Every statement a request runs, with its parameters and time (an execute wrapper, so DEBUG stays off)."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append({"sql": sql, "params": params, "ms": (time.perf_counter() - started) * 1000})


def measure(client, url, repeat, budget_seconds):
    from django.db import DatabaseError, connection

    recorder = Recorder()
    started = time.perf_counter()
    try:
        with connection.execute_wrapper(recorder):
            status = client.get(url).status_code  # the warm-up
    except DatabaseError as exc:  # --statement-timeout
        status = f"error: {str(exc).splitlines()[0]}"
    times = [(time.perf_counter() - started) * 1000]
    if status == 200 and times[0] < budget_seconds * 1000:
        times = []  # the warm-up counts only when a page is too slow to repeat
        begun = time.perf_counter()
        while len(times) < repeat and time.perf_counter() - begun < budget_seconds:
            warm = Recorder() if not times else None  # the queries of the first warm request are the page's
            started = time.perf_counter()
            if warm is not None:
                with connection.execute_wrapper(warm):
                    client.get(url)
                recorder = warm
            else:
                client.get(url)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    # What the first reader after a publication pays: everything kept per content generation
    # (the home page's choice, a unit's newest ids, related lists) is found again.
    after_publication = []
    if status == 200:
        from articles.cache import bump

        for _ in range(3):
            bump()
            started = time.perf_counter()
            client.get(url)
            after_publication.append((time.perf_counter() - started) * 1000)
    selects = [q for q in recorder.queries if q["sql"].lstrip().upper().startswith("SELECT")]
    seq_scans, full_counts = [], 0
    for query in selects:
        try:
            scans, rows_read = explain(query["sql"], query["params"])
        except DatabaseError:
            scans, rows_read = [("(EXPLAIN timed out)", SEQ_SCAN_ROWS + 1)], SEQ_SCAN_ROWS + 1
        seq_scans += scans
        full_counts += is_full_count(query["sql"], rows_read)
    return {
        "status": status,
        "runs": len(times),
        "p50": statistics.median(times),
        "p95": times[max(0, math.ceil(0.95 * len(times)) - 1)],
        "after_publication": statistics.median(after_publication) if after_publication else None,
        "queries": len(recorder.queries),
        "sql_ms": sum(q["ms"] for q in recorder.queries),
        "seq_scans": seq_scans,
        "full_counts": full_counts,
        "slowest": max(selects, key=lambda q: q["ms"], default=None),
    }


def report(results, args, article_count):
    from django.db import DatabaseError, connection

    lines = [
        f"# Million-article pages, {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"{article_count:,} published articles; PostgreSQL {connection.pg_version // 10000}; "
        f"1 warm-up + {args.repeat} requests each, single client, no page cache; "
        f"target {args.target_ms} ms (admin {args.admin_target_ms} ms).",
        "",
        "| page | p50 ms | p95 ms | after a publication ms | runs | queries | SQL ms | seq scans | full counts | |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    over = []
    for name, url, is_admin, result in results:
        target = args.admin_target_ms if is_admin else args.target_ms
        flags = [] if result["p95"] <= target else [f"p95 over {target} ms"]
        if any(read > SEQ_SCAN_ROWS for _table, read in result["seq_scans"]):
            flags.append(f"a sequential scan reads over {SEQ_SCAN_ROWS:,} rows")
        if result["status"] != 200:
            flags.insert(0, str(result["status"]))
        flag = "; ".join(flags)
        if result["p95"] > target:
            over.append((name, url, result))
        first = f"{result['after_publication']:.1f}" if result["after_publication"] is not None else "–"
        scans = ", ".join(f"{table} ({read:,} rows)" for table, read in sorted(set(result["seq_scans"]))) or "–"
        lines.append(
            f"| {name} | {result['p50']:.1f} | {result['p95']:.1f} | {first} | {result['runs']} | {result['queries']} "
            f"| {result['sql_ms']:.0f} | {scans} "
            f"| {result['full_counts'] or '–'} | {flag} |"
        )
    for name, url, result in over:
        slowest = result["slowest"]
        if slowest is None:
            continue
        lines += ["", f"## {name} `{url}`: slowest query {slowest['ms']:.0f} ms", "", "```sql"]
        lines += [as_sql(slowest)[:2000], "```", "", "```"]
        try:
            lines += text_plan(slowest, args.analyze)[:30] + ["```"]
        except DatabaseError as exc:
            lines += [f"EXPLAIN failed: {exc}", "```"]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument(
        "--analyze", action="store_true", help="an over-target page's slowest query with EXPLAIN (ANALYZE, BUFFERS)"
    )
    parser.add_argument("--page-seconds", type=float, default=60, help="stop repeating a page after this long")
    parser.add_argument("--statement-timeout", type=float, default=120, help="seconds any one query may take")
    parser.add_argument("--target-ms", type=float, default=50)
    parser.add_argument("--admin-target-ms", type=float, default=500)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / f"million-{datetime.now():%Y-%m-%d}.md"))
    args = parser.parse_args()

    os.environ["PAGE_CACHE_SECONDS"] = "0"
    setup_django(args.database_url, settings="settings_bench")
    from django.db.backends.signals import connection_created

    def limit_statements(sender, connection, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [int(args.statement_timeout * 1000)])

    connection_created.connect(limit_statements, weak=False)
    from django.test import Client

    from articles.models import Article

    assert bench_env(args.database_url)["DEBUG"] == "0"
    pages = discover()
    wanted = {name for name in args.pages.split(",") if name}
    unknown = wanted - {name for name, _url, _admin in pages}
    if unknown:
        raise SystemExit(f"unknown pages: {', '.join(sorted(unknown))}; known: {', '.join(p[0] for p in pages)}")
    public, admin = Client(raise_request_exception=False), superuser_client()
    # What deploy/gunicorn.conf.py does once a worker has loaded the app: the loaded objects
    # leave the collector's full passes (else a 40-60 ms pause every few hundred requests).
    gc.collect()
    gc.freeze()
    results = []
    for name, url, is_admin in pages:
        if wanted and name not in wanted:
            continue
        result = measure(admin if is_admin else public, url, args.repeat, args.page_seconds)
        print(f"{name:24} {result['p50']:8.1f} ms  {result['queries']:3} queries  {url}", file=sys.stderr, flush=True)
        results.append((name, url, is_admin, result))
    text = report(results, args, Article.objects.published().count())
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
