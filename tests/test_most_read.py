"""Most read (Đọc nhiều): the beacon counts readers without the database, folds into rows, the block ranks them."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import cache as page_cache
from articles import reads, workflow
from articles.models import ArticleReadCount
from tests.factories import ArticleFactory, PublishedArticleFactory, make_hidden_articles

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"


@pytest.fixture(autouse=True)
def fresh_counters(monkeypatch):
    """Each test starts with no pending count, and folding only when the test asks for it."""
    monkeypatch.setattr(reads, "_memory", reads.MemoryCounter())
    monkeypatch.setattr(reads, "_last_fold", time.monotonic())


def beacon(client, article, agent=BROWSER, address="203.0.113.7", method="post"):
    return getattr(client, method)(f"/doc/{article.pk}/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address)


def read(client, article, times, first_address=0):
    """`times` different readers (addresses) open `article`."""
    for n in range(times):
        assert beacon(client, article, address=f"198.51.100.{first_address + n}").status_code == 204


def views(article):
    return sum(ArticleReadCount.objects.filter(article=article).values_list("count", flat=True))


def titles(articles):
    return [a.title for a in articles]


def test_beacon_answers_204_without_cookie_cache_or_database(client, django_assert_num_queries):
    article = PublishedArticleFactory()
    with django_assert_num_queries(0):
        response = beacon(client, article)
        get = beacon(client, article, method="get", address="192.0.2.1")
    assert response.status_code == get.status_code == 204
    assert not response.cookies and not get.cookies
    assert "no-store" in response["Cache-Control"]
    assert sum(reads._memory._pending.values()) == 2


def test_beacon_refuses_other_methods(client):
    article = PublishedArticleFactory()
    assert client.put(f"/doc/{article.pk}/").status_code == 405
    assert client.get("/doc/abc/").status_code == 404


def test_bots_and_missing_user_agents_are_not_counted(client):
    article = PublishedArticleFactory()
    for agent in ["Googlebot/2.1 (+http://www.google.com/bot.html)", "facebookexternalhit/1.1", "curl/8.5.0", ""]:
        assert beacon(client, article, agent=agent).status_code == 204
    assert reads.fold() == 0


def test_a_reader_opening_the_article_again_soon_counts_once(client, monkeypatch):
    article = PublishedArticleFactory()
    beacon(client, article)
    beacon(client, article)
    beacon(client, article, address="203.0.113.8")  # another reader
    assert reads.fold() == 2
    later = time.monotonic() + reads.DEDUP_SECONDS + 1
    monkeypatch.setattr(reads.time, "monotonic", lambda: later)
    beacon(client, article)  # the same reader, past the window (the beacon also folds: the interval passed)
    reads.fold()
    assert views(article) == 3


def test_counts_are_folded_into_hourly_rows_only_for_published_articles(client):
    live = PublishedArticleFactory()
    hidden = make_hidden_articles()
    read(client, live, 3)
    for article in hidden.values():
        read(client, article, 2)
    client.post("/doc/999999999/", HTTP_USER_AGENT=BROWSER)
    assert reads.fold() == 3
    row = ArticleReadCount.objects.get()
    assert (row.article_id, row.count) == (live.pk, 3)
    assert row.hour == reads.hour_of(timezone.now())
    read(client, live, 2, first_address=50)
    reads.fold()
    assert ArticleReadCount.objects.get().count == 5  # the same hour's row grows


def test_beacon_folds_by_itself_once_the_interval_has_passed(client, monkeypatch):
    article = PublishedArticleFactory()
    read(client, article, 2)
    assert views(article) == 0  # not written per view
    monkeypatch.setattr(reads, "_last_fold", time.monotonic() - reads.FOLD_SECONDS)
    read(client, article, 1, first_address=9)
    assert views(article) == 3


def test_huge_ids_are_ignored(client):
    assert client.post(f"/doc/{2**70}/", HTTP_USER_AGENT=BROWSER).status_code == 204
    assert reads.fold() == 0


def test_most_read_ranks_the_last_24_hours_and_7_days(client):
    now = timezone.now()
    today, this_week, old = (PublishedArticleFactory(title=t) for t in ("Hôm nay", "Tuần này", "Tháng trước"))
    ArticleReadCount.objects.create(article=today, hour=reads.hour_of(now), count=5)
    ArticleReadCount.objects.create(article=this_week, hour=reads.hour_of(now - timedelta(days=3)), count=50)
    ArticleReadCount.objects.create(article=this_week, hour=reads.hour_of(now - timedelta(hours=2)), count=1)
    ArticleReadCount.objects.create(article=old, hour=reads.hour_of(now - timedelta(days=9)), count=500)
    day, week = (reads.most_read(length) for _name, _label, length in reads.PERIODS)
    assert titles(day) == ["Hôm nay", "Tuần này"]
    assert titles(week) == ["Tuần này", "Hôm nay"]


def test_a_day_boundary_one_hour_either_side():
    now = timezone.now()
    article = PublishedArticleFactory(title="Ranh giới")
    ArticleReadCount.objects.create(article=article, hour=reads.hour_of(now) - timedelta(hours=23), count=1)
    assert titles(reads.most_read(timedelta(hours=24), now=now)) == ["Ranh giới"]
    assert reads.most_read(timedelta(hours=24), now=now + timedelta(hours=1)) == []


def test_block_never_shows_an_unpublished_article_and_is_cached(client, moderator, django_assert_num_queries):
    article = PublishedArticleFactory(title="Bài đọc nhiều")
    read(client, article, 3)
    block = reads.most_read_block()
    assert [titles(articles) for _name, _label, articles in block] == [["Bài đọc nhiều"], ["Bài đọc nhiều"]]
    with django_assert_num_queries(0):
        reads.most_read_block()  # kept for BLOCK_SECONDS within the generation
    workflow.transition(article, "unpublish", user=moderator)
    page_cache.bump()  # what the transition does on commit
    assert [articles for _name, _label, articles in reads.most_read_block()] == [[], []]


def test_home_and_article_pages_show_the_block_in_vietnamese(client):
    popular = PublishedArticleFactory(title="Tin được đọc nhiều nhất")
    other = PublishedArticleFactory(title="Tin khác")
    read(client, popular, 2)
    cache.clear()
    for url in ["/", other.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert 'class="most-read"' in html
        assert "Đọc nhiều" in html and "24 giờ" in html and "7 ngày" in html
        block = html[html.index('class="most-read"') :]
        assert "Tin được đọc nhiều nhất" in block


def test_article_page_carries_the_beacon_and_the_preview_does_not(client, reporter):
    article = PublishedArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'data-read-url="/doc/{article.pk}/"' in html
    assert "js/reads.js" in html
    draft = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    preview = client.get(f"/xem-truoc/{draft.pk}/").content.decode()
    assert "data-read-url" not in preview and 'class="most-read"' not in preview


def test_beacon_script_has_no_inline_code_and_sends_no_cookies():
    from pathlib import Path

    from django.conf import settings

    script = (Path(settings.BASE_DIR) / "static" / "js" / "reads.js").read_text()
    assert 'credentials: "omit"' in script
    assert "data-read-url" in script


@pytest.mark.parametrize("rows", [2, 6])
def test_home_page_query_count_does_not_grow_with_most_read_rows(client, rows, django_assert_num_queries):
    for n in range(rows):
        article = PublishedArticleFactory(title=f"Bài được đọc {n}")
        ArticleReadCount.objects.create(article=article, hour=reads.hour_of(timezone.now()), count=n + 1)
    cache.clear()
    # sections, newest, lead story, top per section (ids, then their sections), the rows, menu,
    # next scheduled time, most read 24 h and 7 days
    with django_assert_num_queries(10):
        html = client.get("/").content.decode()
    block = html[html.index('class="most-read"') :]
    assert block.count("<li>") == 2 * min(rows, reads.BLOCK_SIZE)
    most = block.index(f"Bài được đọc {rows - 1}")
    assert most < block.index(f"Bài được đọc {rows - 2}")  # most read first


def test_database_failure_while_folding_keeps_the_counts(client, monkeypatch):
    from django.db import DatabaseError

    article = PublishedArticleFactory()
    read(client, article, 2)

    def fail(rows):
        raise DatabaseError("down")

    store = reads._store
    monkeypatch.setattr(reads, "_store", fail)
    assert reads.fold() == 0
    monkeypatch.setattr(reads, "_store", store)
    assert reads.fold() == 2
    assert views(article) == 2


def test_a_flood_of_made_up_ids_is_bounded_and_folds_in_small_queries(client, monkeypatch):
    live = PublishedArticleFactory()
    monkeypatch.setattr(reads.MemoryCounter, "MAX_PENDING", 30)
    monkeypatch.setattr(reads, "LIVE_CHUNK", 10)
    beacon(client, live)
    for pk in range(10**6, 10**6 + 100):
        client.post(f"/doc/{pk}/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="192.0.2.99")
    assert len(reads._memory._pending) == 30
    with CaptureQueriesContext(connection) as ctx:
        assert reads.fold() == 1
    lookups = [q["sql"] for q in ctx.captured_queries if 'FROM "articles_article"' in q["sql"]]
    assert len(lookups) == 3  # 30 ids, 10 a query
    assert views(live) == 1
