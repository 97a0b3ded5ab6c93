"""Benchmark: articles imported per second from generated plain-text files, on SQLite and on PostgreSQL.

    .venv/bin/python bench/import_bench.py                 # 10,000 files, SQLite then PostgreSQL
    .venv/bin/python bench/import_bench.py --db sqlite --files 2000
    BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/bench_import \
        .venv/bin/python bench/import_bench.py --db postgres

Each run works in a temporary folder and a throw-away database (a SQLite file
there, or the PostgreSQL database named in BENCH_POSTGRES_URL, created and
dropped by the run), so it leaves nothing behind. It times `import_articles`
on the folder (first import: every article created and published) and then
again (every file unchanged).
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/bench_import"

PEN_NAMES = ["Đ. Thắng", "P.V", "Hoàng Anh", "Minh Đức", "Thu Hà", "Quang Huy", "Khánh Linh", "Văn Tùng"] + [
    f"Phóng viên {n}" for n in range(32)
]
PLACES = ["Công an tỉnh Nghệ An", "Công an tỉnh Hà Tĩnh", "Công an thành phố Vinh", "Cục X03", "Bộ Công an"]
TOPICS = ["ra quân trấn áp tội phạm", "hội nghị sơ kết", "tuyên truyền PCCC", "cấp căn cước", "tuần tra kiểm soát"]


def article_text(n, rng):
    from articles.text import VIETNAM_TZ, format_dateline

    when = datetime(2015, 1, 1, 6, 0, tzinfo=VIETNAM_TZ) + timedelta(minutes=517 * n)
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    blocks = [
        format_dateline(when),
        f"{place}: {topic} số {n}",
        f"(Congannghean.vn)-Sáng {when:%d/%m}, {place} tổ chức {topic}, thu hút đông đảo cán bộ, chiến sĩ tham dự.",
    ]
    for p in range(rng.randint(3, 8)):
        if p in (0, 3):
            caption = f"Quang cảnh {topic} {n}-{p}"
            blocks.append(f"{caption}\n{caption}")
        blocks.append(
            f"Đoạn {p + 1}: lực lượng chức năng triển khai đồng bộ các giải pháp bảo đảm an ninh, trật tự "
            f"& an toàn giao thông trên địa bàn; tỷ lệ điều tra phá án đạt > 80% (bài {n})."
        )
    blocks.append(" - ".join(rng.sample(PEN_NAMES, rng.choice([1, 1, 1, 2]))))
    return "\n\n".join(blocks) + "\n"


def generate(folder, count):
    rng = random.Random(2020)
    for n in range(count):
        (folder / f"bai-{n:05d}.txt").write_text(article_text(n, rng), encoding="utf-8")


def _admin_url(url):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def _postgres(url, sql):
    import psycopg2

    admin, _name = _admin_url(url)
    connection = psycopg2.connect(admin)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def run_one(db, count, postgres_url):
    """Benchmark one database in this process (Django is configured from the environment here)."""
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        tmp = Path(tmp)
        if db == "sqlite":
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
        else:
            name = _admin_url(postgres_url)[1]
            if not name or name in ("postgres", "test"):
                sys.exit("Give the benchmark a database of its own (it is dropped afterwards).")
            _postgres(postgres_url, f'DROP DATABASE IF EXISTS "{name}"')
            _postgres(postgres_url, f'CREATE DATABASE "{name}"')
            os.environ["DATABASE_URL"] = postgres_url
        os.environ["MEDIA_ROOT"] = str(tmp / "media")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings_test")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from io import StringIO

        from django.core.management import call_command
        from django.db import connection

        from articles.management.commands.load_demo import Command as Demo
        from articles.models import Article

        try:
            call_command("migrate", verbosity=0)
            demo = Demo(stdout=StringIO())
            demo.load_categories()
            demo.load_units()  # units to find in titles and leads
            folder = tmp / "articles"
            folder.mkdir()
            generate(folder, count)

            timings = []
            for label in ("first import", "re-import"):
                out = StringIO()
                start, cpu = time.perf_counter(), time.process_time()
                call_command("import_articles", str(folder), stdout=out, stderr=StringIO())
                seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
                timings.append((label, seconds, cpu, out.getvalue().strip()))
            assert Article.objects.published().count() == count
            vendor = connection.vendor
            connection.close()
        finally:
            if db == "postgres":
                from django.db import connections

                connections.close_all()
                _postgres(postgres_url, f'DROP DATABASE IF EXISTS "{_admin_url(postgres_url)[1]}"')
    # CPU time of this process too: on a busy machine the wall-clock rate says more about the neighbours.
    for label, seconds, cpu, summary in timings:
        rate = count / seconds
        print(f"{vendor:10} {label:13} {count} files in {seconds:6.1f} s = {rate:5.0f} articles/s, cpu {cpu:6.1f} s")
        print(f"{'':24} {summary}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    args = parser.parse_args()
    if args.db != "both":
        run_one(args.db, args.files, args.postgres_url)
        return
    for db in ("sqlite", "postgres"):
        # One process per database: Django reads its database settings once.
        command = [sys.executable, __file__, "--db", db, "--files", str(args.files)]
        subprocess.run([*command, "--postgres-url", args.postgres_url], check=True)


if __name__ == "__main__":
    main()
