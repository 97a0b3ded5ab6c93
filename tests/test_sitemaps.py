"""Sitemaps: a paged index, sections without drafts, a two-day Google News sitemap, robots.txt."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import sitemaps
from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    PublishedArticleFactory,
    UnitFactory,
    make_hidden_articles,
)

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SITE = "https://congannghean.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.NEWSROOM_SITE_URL = SITE


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.iter(f"{SM}loc")]


def test_index_lists_every_section_on_the_site_url(client):
    PublishedArticleFactory()
    root = get_xml(client, "/sitemap.xml")
    assert root.tag == f"{SM}sitemapindex"
    # The article section has a page per PAGE_LIMIT ids (ids keep growing across tests on PostgreSQL).
    top = Article.objects.order_by("-pk").values_list("pk", flat=True).first()
    article_pages = [f"{SITE}/sitemap-bai-viet.xml?p={page}" for page in range(2, -(-top // sitemaps.PAGE_LIMIT) + 1)]
    assert locations(root) == [f"{SITE}/sitemap-{section}.xml" for section in sitemaps.SITEMAPS][:1] + article_pages + [
        f"{SITE}/sitemap-{section}.xml" for section in list(sitemaps.SITEMAPS)[1:]
    ]
    lastmods = [e.text for e in root.iter(f"{SM}lastmod")]
    assert lastmods and all(text.endswith("+07:00") for text in lastmods)


def test_index_pages_large_sections_by_id_range_and_every_article_is_on_one_page(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    published = [PublishedArticleFactory() for _ in range(5)]
    ArticleFactory(title="Bản nháp")  # takes an id, never listed
    top = Article.objects.order_by("-pk").values_list("pk", flat=True).first()
    pages = -(-top // 2)
    root = get_xml(client, "/sitemap.xml")
    article_pages = [loc for loc in locations(root) if "bai-viet" in loc]
    assert article_pages == [f"{SITE}/sitemap-bai-viet.xml"] + [
        f"{SITE}/sitemap-bai-viet.xml?p={page}" for page in range(2, pages + 1)
    ]
    listed = []
    for page in range(1, pages + 1):
        listed += locations(get_xml(client, f"/sitemap-bai-viet.xml?p={page}"))
    assert sorted(listed) == sorted(f"{SITE}{a.get_absolute_url()}" for a in published)
    assert client.get(f"/sitemap-bai-viet.xml?p={pages + 1}").status_code == 404
    assert client.get("/sitemap-bai-viet.xml?p=abc").status_code == 404
    assert client.get("/sitemap-bai-viet.xml?p=0").status_code == 404


def test_a_deep_article_sitemap_page_is_an_id_range_not_an_offset(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for _ in range(6):
        PublishedArticleFactory()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/sitemap-bai-viet.xml?p=3").status_code == 200
    article_queries = [q["sql"] for q in ctx.captured_queries if '"articles_article"' in q["sql"]]
    assert article_queries and not any("OFFSET" in sql or "COUNT(" in sql.upper() for sql in article_queries)


def test_article_section_lists_published_articles_only_with_vietnam_lastmod(client):
    hidden = make_hidden_articles().values()
    live = PublishedArticleFactory(published_at=datetime(2020, 7, 7, 7, 33, tzinfo=UTC))
    Article.objects.filter(pk=live.pk).update(updated_at=datetime(2020, 7, 8, 1, 0, 0, 123456, tzinfo=UTC))
    page = -(-live.pk // sitemaps.PAGE_LIMIT)  # the id range holding it (ids keep growing across tests)
    listed = []
    for number in range(1, page + 1):
        listed += locations(get_xml(client, f"/sitemap-bai-viet.xml?p={number}"))
    assert listed == [SITE + live.get_absolute_url()]
    root = get_xml(client, f"/sitemap-bai-viet.xml?p={page}")
    assert root.findtext(f"{SM}url/{SM}lastmod") == "2020-07-08T08:00:00+07:00"
    for article in hidden:  # made before it: on its page or an earlier one
        assert not any(f"/{article.slug}-{article.pk}/" in location for location in listed)


def test_category_unit_and_author_sections(client):
    category = CategoryFactory(name="Pháp luật")
    UnitFactory(name="Công an tỉnh Nghệ An")
    visible, drafts_only = AuthorFactory(pen_name="Đ. Thắng"), AuthorFactory(pen_name="Chỉ có nháp")
    PublishedArticleFactory(category=category, authors=[visible])
    ArticleFactory(category=category, authors=[drafts_only])
    assert f"{SITE}/chuyen-muc/phap-luat/" in locations(get_xml(client, "/sitemap-chuyen-muc.xml"))
    assert locations(get_xml(client, "/sitemap-don-vi.xml")) == [f"{SITE}/don-vi/cong-an-tinh-nghe-an/"]
    assert locations(get_xml(client, "/sitemap-tac-gia.xml")) == [f"{SITE}/tac-gia/d-thang/"]
    assert locations(get_xml(client, "/sitemap-trang.xml")) == [f"{SITE}/", f"{SITE}/tin-moi/"]


def test_unknown_section_is_a_404(client):
    assert client.get("/sitemap-khong-co.xml").status_code == 404


def test_news_sitemap_holds_the_last_two_days_only(client):
    hidden = make_hidden_articles().values()
    fresh = PublishedArticleFactory(title='Tin "mới" <nhất> & nóng', published_at=timezone.now() - timedelta(hours=3))
    PublishedArticleFactory(title="Tin cũ", published_at=timezone.now() - timedelta(days=2, minutes=1))
    response = client.get("/sitemap-news.xml")
    root = ET.fromstring(response.content)
    assert locations(root) == [SITE + fresh.get_absolute_url()]
    news = root.find(f"{SM}url/{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Báo Công an Nghệ An"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "vi"
    assert news.findtext(f"{NEWS}title") == 'Tin "mới" <nhất> & nóng'
    published = news.findtext(f"{NEWS}publication_date")
    assert published.endswith("+07:00")
    assert datetime.fromisoformat(published) == fresh.published_at.replace(microsecond=0)
    for article in hidden:
        assert f"/{article.slug}-{article.pk}/" not in response.content.decode()


def test_robots_txt_points_at_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /xem-truoc/" in lines


def queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-bai-viet.xml", "/sitemap-news.xml"])
def test_sitemap_query_count_does_not_grow_with_articles(client, url):
    category = CategoryFactory()
    PublishedArticleFactory(category=category)
    one = queries(client, url)
    for _ in range(29):
        PublishedArticleFactory(category=category)
    assert queries(client, url) == one
