"""Load a million published articles (and 1,000 waiting ones) into PostgreSQL with COPY, in minutes.

Usage: .venv/bin/python bench/million_load.py [--articles 1000000] [--reset] [--workers 2]
       [--database-url postgres://postgres@127.0.0.1:5432/newsroom_million]

Creates the database if missing and migrates it; sections, units and authors go through the
ORM (their save() makes the slugs); articles, bylines and unit links are streamed with COPY.
Every derived article column (slug, search keys, sanitised body, defaults) is what the app's
own Article.save() makes: the workers run it with the database write left out.
Measured: 1,000,000 in 22 minutes (783 articles/s, 3 workers) on the shared 2-core box,
6.1 GB; PostgreSQL's GIN index on the stored tsvector (migration 0013) is most of the COPY's cost.
"""

import argparse
import io
import multiprocessing
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import million_text as text  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsroom_million"
CHUNK = 5000
SEARCH_INDEX = "article_search_vector_gin"  # migration 0013 (on the stored tsvector)
YEARS = 15
WAITING = {"draft": 400, "submitted": 500, "signoff": 100}  # the admin queues' 1,000 articles
HOURS = [1, 1, 1, 1, 1, 2, 5, 8, 9, 9, 8, 7, 4, 4, 7, 8, 8, 7, 5, 4, 4, 3, 2, 1]  # articles by Vietnam hour


def bench_env(database_url):
    """Production settings against `database_url` (the same variables as bench/http_bench.py)."""
    return {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(ROOT / "bench" / "out" / "media"),
        "SERVE_MEDIA": "0",
        "LOG_LEVEL": "ERROR",
    }


def ensure_database(database_url):
    base, name = database_url.rsplit("/", 1)
    conn = psycopg2.connect(f"{base}/postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
    conn.close()


def setup_django(database_url, settings="newsroom.settings"):
    os.environ.update(bench_env(database_url), DJANGO_SETTINGS_MODULE=settings)
    import django

    django.setup()


def load_reference_data():
    """Sections with sub-sections, ~120 units, ~300 authors, through the ORM (idempotent)."""
    from articles.models import Author, Category, Unit, UnitMembership
    from articles.text import slugify_vi

    order = 0
    for name, signoff, children, _share in text.SECTIONS:
        parent, _ = Category.objects.get_or_create(name=name, defaults={"order": order, "needs_signoff": signoff})
        for child in children:
            order += 1
            Category.objects.get_or_create(name=child, defaults={"order": order, "parent": parent})
        order += 1

    def unit(name, kind, parent=None):
        return Unit.objects.get_or_create(name=name, defaults={"kind": kind, "parent": parent})[0]

    ministry = unit(text.MINISTRY, Unit.Kind.MINISTRY)
    for name in text.DEPARTMENTS:
        unit(name, Unit.Kind.DEPARTMENT, ministry)
    provinces = [unit(name, Unit.Kind.PROVINCIAL, ministry) for name in text.PROVINCES]
    home = Unit.objects.get(name=text.HOME_PROVINCE)
    for name in text.OFFICES:
        unit(f"{name} {text.HOME_PROVINCE}", Unit.Kind.DEPARTMENT, home)
    districts = [unit(name, Unit.Kind.DISTRICT, home) for name, _place in text.DISTRICTS]
    for i, commune in enumerate(text.COMMUNES):
        unit(f"{text.COMMUNE_PREFIXES[i % 3]} {commune}", Unit.Kind.OTHER, districts[i % len(districts)])
    cluster = unit(text.CLUSTER, Unit.Kind.CLUSTER, ministry)
    for member in provinces[:6]:
        UnitMembership.objects.get_or_create(cluster=cluster, member=member, start_year=2020)

    slugs = set(Author.objects.values_list("slug", flat=True))
    units = list(Unit.objects.exclude(kind=Unit.Kind.CLUSTER).order_by("pk"))
    for i, (pen_name, full_name) in enumerate(text.pen_names(330)):
        if Author.objects.filter(pen_name=pen_name).exists() or slugify_vi(pen_name, 140) in slugs:
            continue  # "Đ. Thắng" and "D. Thắng" would share a slug
        slugs.add(Author.objects.create(pen_name=pen_name, full_name=full_name, unit=units[i % len(units)]).slug)


class Plan:
    """What the workers need to know about the reference rows (plain data, sent to each worker once)."""

    def __init__(self, total, seed):
        from articles.models import Author, Category, Unit

        self.total, self.seed = total, seed
        self.now = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
        self.start = self.now - timedelta(days=365 * YEARS)
        sections = {c.name: c for c in Category.objects.all()}
        # (category id, top section name) with weights: half a section's articles in its sub-sections.
        self.categories, weights = [], []
        for name, _signoff, children, share in text.SECTIONS:
            self.categories.append((sections[name].pk, name))
            weights.append(share * (0.5 if children else 1))
            for child in children:
                self.categories.append((sections[child].pk, name))
                weights.append(share * 0.5 / len(children))
        self.category_weights = cumulative(weights)
        places = dict(text.DISTRICTS)
        # A few huge units (the province, the city, traffic police), the districts, then many small ones.
        self.units, weights = [], []
        for unit in Unit.objects.exclude(kind=Unit.Kind.CLUSTER).order_by("pk"):
            if unit.name == text.HOME_PROVINCE:
                weight = 300
            elif unit.name in ("Công an thành phố Vinh", f"Phòng Cảnh sát giao thông {text.HOME_PROVINCE}"):
                weight = 80
            elif unit.kind in (Unit.Kind.DISTRICT, Unit.Kind.PROVINCIAL):
                weight = 12
            elif unit.kind in (Unit.Kind.DEPARTMENT, Unit.Kind.MINISTRY):
                weight = 6
            else:
                weight = 0.5
            self.units.append((unit.pk, unit.name, place_of(unit.name, places)))
            weights.append(weight)
        self.unit_weights = cumulative(weights)
        self.authors = list(Author.objects.order_by("pk").values_list("pk", flat=True))
        self.author_weights = cumulative([1 / (rank + 1) ** 0.8 for rank in range(len(self.authors))])
        self.signoff_categories = [c.pk for c in Category.objects.filter(needs_signoff=True)]

    def chunks(self):
        waiting = sum(WAITING.values())
        return [(start, min(CHUNK, self.total - start)) for start in range(0, self.total, CHUNK)] + [
            (self.total, waiting)
        ]


def place_of(unit_name, places):
    """Where a unit's news happens: "Diễn Châu", "xã Nghi Phú", "tỉnh Hà Tĩnh"; the province for the offices."""
    if unit_name in places:
        return places[unit_name]
    if unit_name.startswith("Công an "):
        return unit_name.removeprefix("Công an ")
    return "Nghệ An"


def cumulative(weights):
    out, total = [], 0
    for weight in weights:
        total += weight
        out.append(total)
    return out


def distinct(rng, population, cum_weights, count):
    chosen = []
    while len(chosen) < count:
        pick = rng.choices(population, cum_weights=cum_weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


# --- in the workers -----------------------------------------------------------------------------

PLAN = CONNECTION = None
VERIFY_EVERY = 50  # one article in so many also goes through the whole Article.save(), and must match
SESSION_SQL = (
    # Session settings only: no wait for the WAL flush, a bigger GIN pending list, cheap TOAST compression.
    "SET synchronous_commit = off; SET gin_pending_list_limit = '64MB'; SET default_toast_compression = 'lz4'"
)


def init_worker(plan, database_url):
    """Each worker runs Article.save() for real, minus the INSERT (Model.save is a no-op here), and COPYs."""
    global PLAN, CONNECTION
    from django.db import models

    PLAN = plan
    PLAN.pool = text.demo_sentences()
    models.Model.save = lambda self, *args, **kwargs: None
    CONNECTION = psycopg2.connect(database_url)
    with CONNECTION.cursor() as cursor:
        cursor.execute(SESSION_SQL)
    CONNECTION.commit()


def copy_value(value):
    if value is None:
        return r"\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    value = str(value)
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


def article_fields():
    from articles.models import Article

    return list(Article._meta.concrete_fields)


@lru_cache(maxsize=100_000)
def sentence_words(sentence):
    from articles.text import search_words

    return search_words(sentence).strip()


def full_row(article, fields, connection):
    """The row the app writes: Article.save()'s derivations, then each field's own conversion (the sanitiser)."""
    article.save()
    return [copy_value(f.get_db_prep_save(getattr(article, f.attname), connection)) for f in fields]


def fast_row(article, pieces, fields, connection):
    """full_row() without its costly parts, from remembered pieces; make_chunk checks it against full_row().

    search_words() of text joined by spaces is the pieces' search words joined, and the
    generated body is clean HTML, so the sanitiser leaves it as it is.
    """
    from articles.text import search_words, slugify_vi, strip_control_chars

    article.title = strip_control_chars(article.title).strip()
    article.slug = slugify_vi(article.title, article._meta.get_field("slug").max_length) or "bai-viet"
    article.search_title = search_words(article.title)
    article.search_lead = search_words(article.lead)
    words = [article.search_title.strip(), article.search_lead.strip(), *map(sentence_words, pieces)]
    words = " ".join(w for w in words if w)
    article.search_text = f" {words} " if words else ""
    prep = [
        article.body if f.name == "body" else f.get_db_prep_save(getattr(article, f.attname), connection)
        for f in fields
    ]
    return [copy_value(value) for value in prep]


def make_chunk(job):
    """Generate and COPY one chunk (articles, bylines, unit links) in one transaction; ids follow time."""
    from django.db import connection

    from articles.models import Article, ArticleAuthor
    from articles.text import VIETNAM_TZ

    first, count = job
    plan = PLAN
    rng = random.Random(f"{plan.seed}:{first}")
    waiting = first >= plan.total
    if waiting:
        moments = [plan.now - timedelta(days=30) * rng.random() for _ in range(count)]
        statuses = [status for status, n in WAITING.items() for _ in range(n)]
        rng.shuffle(statuses)
    else:
        step = (plan.now - plan.start) / plan.total
        moments = [plan.start + step * (first + rng.random() * count) for _ in range(count)]
    # Most news is filed in working hours, Vietnam time; ids follow publication order.
    times = sorted(
        moment.astimezone(VIETNAM_TZ).replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
        for moment, hour in zip(moments, rng.choices(range(24), weights=HOURS, k=count), strict=True)
    )
    times = [min(moment, plan.now.astimezone(VIETNAM_TZ)) for moment in times]
    fields = article_fields()
    articles, bylines, links = io.StringIO(), io.StringIO(), io.StringIO()
    for offset, moment in enumerate(times):
        pk = first + offset + 1
        local = moment.replace(microsecond=0)
        category_id, section = rng.choices(plan.categories, cum_weights=plan.category_weights)[0]
        units = distinct(rng, plan.units, plan.unit_weights, rng.choice((2, 2, 3)))
        authors = distinct(rng, plan.authors, plan.author_weights, rng.choice((1, 1, 2)))
        _unit_id, unit_name, place = units[0]
        published_at = local.astimezone(UTC)
        status = statuses[offset] if waiting else Article.Status.PUBLISHED
        if status == "signoff":
            category_id = rng.choice(plan.signoff_categories)
        created_at = published_at - timedelta(minutes=rng.randint(20, 3000))
        body, pieces = text.body(rng, plan.pool, unit_name, place)
        values = dict(
            id=pk,
            title=text.title(rng, section, unit_name, place),
            lead=text.lead(rng, local, unit_name, place),
            body=body,
            category_id=category_id,
            status=status,
            published_at=None if waiting else published_at,
            submitted_at=None if status == "draft" else created_at + timedelta(minutes=rng.randint(5, 15)),
            is_featured=not waiting and rng.randrange(1000) == 0,
            event_date=local.date() if rng.random() < 0.3 else None,
            event_place=place if rng.random() < 0.3 else "",
            created_at=created_at,
            updated_at=(created_at if waiting else published_at) + timedelta(minutes=rng.randint(0, 90)),
        )
        row = fast_row(Article(**values), pieces, fields, connection)
        if pk % VERIFY_EVERY == 0 and row != (full := full_row(Article(**values), fields, connection)):
            wrong = [f.name for f, fast, app in zip(fields, row, full, strict=True) if fast != app]
            raise RuntimeError(f"article {pk}: {wrong} differ from what Article.save() makes")
        articles.write("\t".join(row) + "\n")
        for order, author_id in enumerate(authors):
            bylines.write(f"{pk * 2 + order}\t{pk}\t{author_id}\t{order}\n")
        for i, (unit_id, _name, _place) in enumerate(units):
            links.write(f"{pk * 3 + i}\t{pk}\t{unit_id}\n")
    quote = connection.ops.quote_name
    tables = [
        (Article._meta.db_table, [f.column for f in fields], articles),
        (ArticleAuthor._meta.db_table, ["id", "article_id", "author_id", "order"], bylines),
        (Article.units.through._meta.db_table, ["id", "article_id", "unit_id"], links),
    ]
    with CONNECTION.cursor() as cursor:
        for table, columns, stream in tables:
            stream.seek(0)
            cursor.copy_expert(f"COPY {table} ({', '.join(map(quote, columns))}) FROM STDIN", stream)
    CONNECTION.commit()
    return count, local


# --- in the main process ------------------------------------------------------------------------


def copy_all(database_url, plan, workers, max_minutes):
    """COPY every chunk, newest first, so a load stopped by --max-minutes still ends today."""
    from articles.models import Article, ArticleAuthor

    done, oldest, started = 0, None, time.monotonic()
    context = multiprocessing.get_context("fork")
    pool = context.Pool(workers, initializer=init_worker, initargs=(plan, database_url))
    try:
        for count, last in pool.imap(make_chunk, reversed(plan.chunks())):
            done += count
            oldest = min(oldest or last, last)
            elapsed = time.monotonic() - started
            if done % 20_000 < count:
                print(f"  {done:>9,} articles, {done / elapsed:,.0f}/s, back to {oldest:%d/%m/%Y}", flush=True)
            if max_minutes and elapsed > max_minutes * 60:
                print(f"stopping after {max_minutes} minutes (--max-minutes)", flush=True)
                break
        print(f"  {done:,} articles in {time.monotonic() - started:,.0f} s", flush=True)
    finally:
        pool.terminate()  # a chunk cut short rolls back: its transaction never commits
        pool.join()
    conn = psycopg2.connect(database_url)
    conn.autocommit = True
    with conn.cursor() as cursor:
        for model in (Article, ArticleAuthor, Article.units.through):
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        print("merging the GIN pending list, VACUUM ANALYZE ...", flush=True)
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT count(*), min(published_at) FROM articles_article WHERE status = 'published'")
        published, since = cursor.fetchone()
    conn.close()
    print(f"{published:,} published articles since {since:%d/%m/%Y}")


def check_sample(count=50):
    """Rows as loaded against Article.save() run again on them: the derived columns must not move."""
    from django.db import transaction

    from articles.models import Article

    fields = ["slug", "title", "search_text", "search_title", "search_lead", "body"]
    first, last = (Article.objects.order_by(order).values_list("pk", flat=True)[0] for order in ("pk", "-pk"))
    rng = random.Random(1)
    for _ in range(count):
        article = Article.objects.filter(pk__gte=rng.randint(first, last)).order_by("pk").first()
        before = {name: getattr(article, name) for name in fields}
        with transaction.atomic():
            article.save()  # a real save, rolled back: it must write the very values loaded
            article.refresh_from_db()
            transaction.set_rollback(True)
        after = {name: getattr(article, name) for name in fields}
        if before != after:
            raise SystemExit(f"article {article.pk}: derived columns differ from Article.save(): {before} {after}")
    print(f"checked {count} random articles against Article.save(): identical")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reset", action="store_true", help="empty the article tables first")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", default="million")
    parser.add_argument("--max-minutes", type=float, default=0, help="stop loading (newest first) after this long")
    args = parser.parse_args()

    started = time.monotonic()
    ensure_database(args.database_url)
    env = {**os.environ, **bench_env(args.database_url)}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    setup_django(args.database_url)
    from django.db import connection

    from articles.models import Article

    if args.reset:
        with connection.cursor() as cursor:
            # CASCADE empties every table pointing at articles (bylines, units, photos, history).
            cursor.execute("TRUNCATE articles_article RESTART IDENTITY CASCADE")
    elif Article.objects.exists():
        raise SystemExit("The database already has articles; --reset empties them first.")
    load_reference_data()
    plan = Plan(args.articles, args.seed)
    connection.close()  # the workers are forked: no connection may be shared
    print(f"loading {args.articles:,} published + {sum(WAITING.values()):,} waiting articles ...", flush=True)
    copy_all(args.database_url, plan, args.workers, args.max_minutes)
    check_sample()
    print(f"done in {time.monotonic() - started:,.0f} s")


if __name__ == "__main__":
    main()
