"""Unit pages: a cluster gathers its members' articles for the years they were members."""

from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Unit, public_data
from tests.factories import PublishedArticleFactory, UnitFactory, UnitMembershipFactory

pytestmark = pytest.mark.django_db


def article_in(year, unit, title):
    article = PublishedArticleFactory(title=title, published_at=datetime(year, 6, 1, 3, 0, tzinfo=UTC))
    article.units.add(unit)
    return article


def test_cluster_page_follows_membership_years(client):
    cluster = UnitFactory(name="Cụm thi đua số 5", kind=Unit.Kind.CLUSTER)
    nghe_an = UnitFactory(name="Công an tỉnh Nghệ An", kind=Unit.Kind.PROVINCIAL)
    gia_lai = UnitFactory(name="Công an tỉnh Gia Lai", kind=Unit.Kind.PROVINCIAL)
    UnitMembershipFactory(cluster=cluster, member=nghe_an, start_year=2020, end_year=2023)
    UnitMembershipFactory(cluster=cluster, member=gia_lai, start_year=2024)
    article_in(2020, nghe_an, "Nghệ An năm 2020")
    article_in(2024, nghe_an, "Nghệ An năm 2024")
    article_in(2021, gia_lai, "Gia Lai năm 2021")
    article_in(2025, gia_lai, "Gia Lai năm 2025")
    article_in(2022, cluster, "Cụm năm 2022")

    page = client.get(cluster.get_absolute_url()).content.decode()
    assert "Nghệ An năm 2020" in page
    assert "Gia Lai năm 2025" in page
    assert "Cụm năm 2022" in page
    assert "Nghệ An năm 2024" not in page
    assert "Gia Lai năm 2021" not in page


def test_unit_page_lists_only_its_articles(client):
    unit = UnitFactory(name="Công an huyện Quỳnh Lưu")
    other = UnitFactory(name="Công an huyện Diễn Châu")
    article_in(2020, unit, "Tin Quỳnh Lưu")
    article_in(2020, other, "Tin Diễn Châu")
    page = client.get(unit.get_absolute_url()).content.decode()
    assert "Tin Quỳnh Lưu" in page and "Tin Diễn Châu" not in page


def test_unknown_unit_is_404(client):
    assert client.get("/don-vi/khong-co/").status_code == 404


def test_a_small_units_page_reads_its_links_first_and_its_articles_by_id(client, monkeypatch):
    unit = UnitFactory(name="Công an xã Nghi Vạn", slug="cong-an-xa-nghi-van")
    for i in range(3):
        PublishedArticleFactory(title=f"Tin xã {i}").units.add(unit)
    PublishedArticleFactory(title="Tin nơi khác")
    with CaptureQueriesContext(connection) as small:
        html = client.get(unit.get_absolute_url()).content.decode()
    assert all(f"Tin xã {i}" in html for i in range(3)) and "Tin nơi khác" not in html
    newest = [q["sql"] for q in small.captured_queries if q["sql"].startswith('SELECT "articles_article"."id" ')]
    assert newest and "articles_article_units" not in newest[0]  # ids, not a subquery
    monkeypatch.setattr(public_data, "SMALL_UNIT_ARTICLES", 2)  # now a big unit: a subquery
    cache.clear()  # its newest ids are kept per content generation
    with CaptureQueriesContext(connection) as big:
        html = client.get(unit.get_absolute_url()).content.decode()
    assert all(f"Tin xã {i}" in html for i in range(3))
    newest = [q["sql"] for q in big.captured_queries if q["sql"].startswith('SELECT "articles_article"."id" ')]
    assert newest and "articles_article_units" in newest[0]
