"""Every public page runs a fixed number of queries, with 1 item or with 30."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AuthorFactory,
    CategoryFactory,
    PhotoFactory,
    PublishedArticleFactory,
    TopicFactory,
    UnitFactory,
    UnitMembershipFactory,
)

pytestmark = pytest.mark.django_db

BASE = datetime(2020, 7, 7, 7, 0, tzinfo=UTC)


@pytest.fixture
def world():
    category = CategoryFactory(name="An ninh trật tự")
    CategoryFactory(name="Pháp luật")
    cluster = UnitFactory(name="Cụm thi đua số 5", kind="cluster")
    unit = UnitFactory(name="Công an tỉnh Nghệ An", kind="provincial")
    UnitMembershipFactory(cluster=cluster, member=unit, start_year=2020, end_year=2023)
    author = AuthorFactory(pen_name="Đ. Thắng")
    topic = TopicFactory(name="Phòng chống ma túy")
    return {"category": category, "unit": unit, "cluster": cluster, "author": author, "topic": topic, "count": 0}


def add_articles(world, n):
    created = []
    for _ in range(n):
        i = world["count"]
        world["count"] += 1
        article = PublishedArticleFactory(
            category=world["category"],
            published_at=BASE + timedelta(minutes=i),
            authors=[world["author"], AuthorFactory()],
        )
        article.units.add(world["unit"], UnitFactory())
        article.topics.add(world["topic"], TopicFactory())
        cover = PhotoFactory(article=article, position=0)
        PhotoFactory(article=article, position=1)
        PhotoFactory(article=article, position=2)
        article.cover_photo = cover
        article.save()
        created.append(article)
    return created


def count_queries(client, url):
    cache.clear()  # the section menu is cached; count the cold page
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


LIST_PAGES = {
    "home": lambda w: "/",
    "latest": lambda w: "/tin-moi/",
    "category": lambda w: w["category"].get_absolute_url(),
    "archive_day": lambda w: "/2020/07/07/",
    "archive_month": lambda w: "/2020/07/",
    "archive_year": lambda w: "/2020/",
    "unit": lambda w: w["unit"].get_absolute_url(),
    "cluster": lambda w: w["cluster"].get_absolute_url(),
    "author": lambda w: w["author"].get_absolute_url(),
    "topic": lambda w: w["topic"].get_absolute_url(),
}

# Expected query counts; a change here means a page learned a new query: justify it.
# menu = the cached section menu, cold in these tests; count = the paginator's COUNT.
EXPECTED = {
    # sections, then which articles (kept per content generation): newest (also the fallback
    # lead), marked lead story, the top of each section (their ids in one UNION ALL, then their
    # sections); their rows; menu, the next scheduled time, most read in 24 h and 7 days
    "home": 10,
    "latest": 3,  # menu, count, page
    "category": 5,  # next scheduled time, sections (kept per content generation), menu, count, page
    "archive_day": 3,
    "archive_month": 3,
    "archive_year": 3,
    # unit, its memberships, the next scheduled time, its links (a small unit is read by id),
    # count and newest ids (both kept per content generation), their rows, menu
    "unit": 8,
    "cluster": 8,  # the member units of its memberships, no links read first
    "author": 6,  # author, the next scheduled time, count, newest ids, their rows, menu
    "topic": 6,  # topic, the next scheduled time, count, newest ids, their rows, menu
}


@pytest.mark.parametrize("page", LIST_PAGES)
def test_list_page_query_count_is_constant(client, world, page, request):
    first = add_articles(world, 1)[0]
    url = LIST_PAGES[page](world)
    one, html_one = count_queries(client, url)
    assert first.title in html_one
    more = add_articles(world, 29)
    thirty, html_thirty = count_queries(client, url)
    assert more[-1].title in html_thirty
    assert one == thirty == EXPECTED[page], (one, thirty)


def test_home_page_second_reader_reads_sections_and_rows_only(client, world):
    add_articles(world, 30)
    count_queries(client, "/")
    newest = add_articles(world, 1)[0]  # a publication moves the generation: the choice is made again
    cold, html = count_queries(client, "/")
    assert newest.title in html
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/").content.decode()
    assert newest.title in html
    # The rows of the articles chosen; the sections, the choice, menu, schedule and most read are kept.
    assert len(ctx.captured_queries) == 1, [q["sql"] for q in ctx.captured_queries]
    assert cold == EXPECTED["home"]


def test_article_page_query_count_is_constant(client, world):
    add_articles(world, 1)  # one related article: with none, the related list needs no second query
    lone = add_articles(world, 1)[0]
    one, html = count_queries(client, lone.get_absolute_url())
    assert lone.title in html
    # An article with many more photos, authors and units, and many related articles.
    add_articles(world, 29)
    busy = add_articles(world, 1)[0]
    for _ in range(10):
        PhotoFactory(article=busy, position=3)
        busy.units.add(UnitFactory())
    busy_count, html = count_queries(client, busy.get_absolute_url())
    assert html.count("<figure") == 13
    # menu, article, byline, photos, units, topics, next scheduled time, related articles (their
    # ids, then the rows), most read in 24 h and in 7 days
    assert one == busy_count == 11, (one, busy_count)
    # A second reader: menu, schedule, related list and most-read block come from the cache.
    with CaptureQueriesContext(connection) as ctx:
        client.get(busy.get_absolute_url())
    assert len(ctx.captured_queries) == 5
