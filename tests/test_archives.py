"""Date archives count days in Vietnam time."""

from datetime import UTC, datetime

import pytest

from tests.factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db


def test_early_morning_article_belongs_to_the_vietnam_day(client):
    # 06:15 on 02/10 in Hà Nội is still 23:15 on 01/10 in UTC.
    article = PublishedArticleFactory(title="Tin sáng sớm", published_at=datetime(2020, 10, 1, 23, 15, tzinfo=UTC))
    assert "Tin sáng sớm" in client.get("/2020/10/02/").content.decode()
    assert "Tin sáng sớm" not in client.get("/2020/10/01/").content.decode()
    assert "/2020/10/02/" in article.get_absolute_url()


def test_month_and_year_archives(client):
    PublishedArticleFactory(title="Tin tháng bảy", published_at=datetime(2020, 7, 7, 7, 33, tzinfo=UTC))
    PublishedArticleFactory(title="Tin tháng tám", published_at=datetime(2020, 8, 1, 7, 0, tzinfo=UTC))
    july = client.get("/2020/07/").content.decode()
    assert "Tin tháng bảy" in july and "Tin tháng tám" not in july
    year = client.get("/2020/").content.decode()
    assert "Tin tháng bảy" in year and "Tin tháng tám" in year
    assert "Tin tháng bảy" not in client.get("/2021/").content.decode()


def test_new_year_boundary_uses_vietnam_time(client):
    # 31/12/2020 17:30 UTC is 01/01/2021 00:30 in Vietnam.
    PublishedArticleFactory(title="Tin năm mới", published_at=datetime(2020, 12, 31, 17, 30, tzinfo=UTC))
    assert "Tin năm mới" in client.get("/2021/01/01/").content.decode()
    assert "Tin năm mới" not in client.get("/2020/12/").content.decode()
