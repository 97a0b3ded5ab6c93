"""List pages never count a whole section: the count stops at MAX_PAGES pages, and pages past it are 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import pagination
from tests.factories import CategoryFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(monkeypatch):
    monkeypatch.setattr(pagination.CappedPaginator, "max_pages", 2)
    category = CategoryFactory(name="An ninh trật tự", slug="an-ninh-trat-tu")
    for i in range(41):  # two pages of 20 and one more
        PublishedArticleFactory(category=category, title=f"Tin số {i}")
    return category


def test_a_long_section_offers_its_first_pages_and_says_there_are_more(client, section):
    response = client.get("/chuyen-muc/an-ninh-trat-tu/", {"page": 2})
    paginator = response.context["paginator"]
    assert paginator.num_pages == 2 and paginator.has_more_pages
    assert len(response.context["articles"]) == 20
    assert "Trang 2/hơn 2" in response.content.decode()


def test_a_page_past_the_cap_is_a_404_not_a_deep_offset(client, section):
    assert client.get("/chuyen-muc/an-ninh-trat-tu/", {"page": 3}).status_code == 404


def test_the_count_is_over_a_limited_subquery(client, section):
    with CaptureQueriesContext(connection) as queries:
        client.get("/chuyen-muc/an-ninh-trat-tu/")
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
    assert "LIMIT 41" in counts[0]


def test_a_short_section_shows_its_true_page_count(client, monkeypatch):
    monkeypatch.setattr(pagination.CappedPaginator, "max_pages", 2)
    category = CategoryFactory(name="Pháp luật", slug="phap-luat")
    for i in range(25):
        PublishedArticleFactory(category=category, title=f"Tin {i}")
    response = client.get("/chuyen-muc/phap-luat/")
    assert response.context["paginator"].num_pages == 2 and not response.context["paginator"].has_more_pages
    assert "Trang 1/2" in response.content.decode()


def test_the_admin_list_counts_up_to_its_cap_once_and_says_more(client, moderator, monkeypatch):
    from django.contrib import admin

    from articles.models import Article

    monkeypatch.setattr(pagination.AdminCappedPaginator, "max_pages", 2)
    monkeypatch.setattr(admin.site._registry[Article], "list_per_page", 2)
    for i in range(5):
        PublishedArticleFactory(title=f"Bài {i}")
    client.force_login(moderator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/articles/article/")
    counts = [
        q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper() and "articles_article" in q["sql"]
    ]
    # The list's own count, capped; the queue badges count one status each (an index range);
    # no count of the whole table for "N of M".
    assert len([c for c in counts if "LIMIT 5" in c]) == 1
    assert all("LIMIT" in c or '"status" = ' in c or '"status" IN' in c for c in counts), counts
    assert "hơn 4 bài viết" in response.content.decode()
    assert client.get("/admin/articles/article/", {"p": 2}).status_code == 200


def test_the_admin_list_loads_no_body_or_search_keys(client, moderator):
    PublishedArticleFactory(title="Bài có thân dài", body="<p>" + "Nội dung dài. " * 500 + "</p>")
    client.force_login(moderator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/articles/article/")
    assert "Bài có thân dài" in response.content.decode()
    rows = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "articles_article"."id"')]
    assert rows and all('"body"' not in sql and '"search_text"' not in sql for sql in rows), rows
