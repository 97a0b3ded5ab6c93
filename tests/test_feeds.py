"""RSS and Atom feeds: published articles only, valid XML, +07:00 times, bylines and cover enclosures."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    AuthorFactory,
    CategoryFactory,
    PhotoFactory,
    PublishedArticleFactory,
    UnitFactory,
    make_hidden_articles,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
SITE = "https://congannghean.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.NEWSROOM_SITE_URL = SITE


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, ET.fromstring(response.content)


def rss_items(client, url="/rss/"):
    return get_xml(client, url)[1].findall("./channel/item")


def atom_entries(client, url="/atom/"):
    return get_xml(client, url)[1].findall(f"{ATOM}entry")


@pytest.fixture
def report():
    article = PublishedArticleFactory(
        title="Hội nghị sơ kết công tác Đảng",
        lead="Sáng 7/7, Đảng ủy Công an tỉnh tổ chức hội nghị.",
        published_at=datetime(2020, 7, 7, 7, 33, tzinfo=UTC),
        authors=[AuthorFactory(pen_name="Đ. Thắng"), AuthorFactory(pen_name="P.V")],
    )
    article.cover_photo = PhotoFactory(article=article, position=0)
    article.save()
    return article


def test_rss_item_carries_title_link_lead_time_author_and_cover(client, report):
    response, root = get_xml(client, "/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert root.tag == "rss" and root.get("version") == "2.0"
    (item,) = root.findall("./channel/item")
    assert item.findtext("title") == "Hội nghị sơ kết công tác Đảng"
    assert item.findtext("link") == SITE + report.get_absolute_url()
    assert item.findtext("description") == report.lead
    assert item.findtext("guid") == f"tag:congannghean.example,2020-07-07:article-{report.pk}"
    assert item.findtext("pubDate") == "Tue, 07 Jul 2020 14:33:00 +0700"
    assert item.findtext(f"{DC}creator") == "Đ. Thắng - P.V"
    enclosure = item.find("enclosure")
    photo = report.cover_photo
    assert enclosure.get("url").startswith(SITE + "/")
    assert enclosure.get("url").endswith(photo.image.name.rsplit("/", 1)[-1])
    assert enclosure.get("length") == str(photo.image.size) != "0"
    assert enclosure.get("type") == "image/jpeg"


def test_atom_entry_carries_the_same_with_plus_seven_offset(client, report):
    response, root = get_xml(client, "/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == report.title
    assert entry.findtext(f"{ATOM}published") == "2020-07-07T14:33:00+07:00"
    assert entry.findtext(f"{ATOM}updated").endswith("+07:00")
    assert entry.findtext(f"{ATOM}summary") == report.lead
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Đ. Thắng - P.V"
    links = {link.get("rel"): link for link in entry.findall(f"{ATOM}link")}
    assert links["alternate"].get("href") == SITE + report.get_absolute_url()
    assert links["enclosure"].get("type") == "image/jpeg"


def test_article_without_cover_has_no_enclosure(client):
    PublishedArticleFactory()
    (item,) = rss_items(client)
    assert item.find("enclosure") is None


def test_control_characters_in_title_and_lead_do_not_break_the_feed(client):
    article = PublishedArticleFactory()
    # update() bypasses Article.save(), which strips them: the feed must cope on its own.
    # (PostgreSQL cannot store NUL in text at all, so it is left out here.)
    Article.objects.filter(pk=article.pk).update(title="Tin\x02 nóng\x0b\x1f <b>&", lead="Lead\x08 có\x01 ký tự")
    (item,) = rss_items(client)
    assert item.findtext("title") == "Tin nóng &lt;b&gt;&amp;"
    assert item.findtext("description") == "Lead có ký tự"
    (entry,) = atom_entries(client)
    assert entry.findtext(f"{ATOM}title") == "Tin nóng <b>&"


@pytest.mark.parametrize("url", ["/rss/", "/atom/", "/rss/chuyen-muc/an-ninh/", "/atom/chuyen-muc/an-ninh/"])
def test_feeds_list_only_published_articles(client, url):
    category = CategoryFactory(name="An ninh")
    make_hidden_articles(category=category)
    live = PublishedArticleFactory(title="Đã đăng", category=category)
    content = client.get(url).content.decode()
    root = ET.fromstring(content)
    titles = [e.text for e in root.iter() if e.tag in ("title", f"{ATOM}title")]
    assert live.title in titles
    assert "Ẩn" not in content


def test_category_feed_holds_its_section_and_subsections(client):
    security = CategoryFactory(name="An ninh trật tự")
    traffic = CategoryFactory(name="Giao thông", parent=security)
    PublishedArticleFactory(title="Tin an ninh", category=security)
    PublishedArticleFactory(title="Tin giao thông", category=traffic)
    PublishedArticleFactory(title="Tin pháp luật", category=CategoryFactory(name="Pháp luật"))
    _, root = get_xml(client, "/rss/chuyen-muc/an-ninh-trat-tu/")
    assert root.findtext("./channel/title").startswith("An ninh trật tự")
    assert sorted(i.findtext("title") for i in root.findall("./channel/item")) == ["Tin an ninh", "Tin giao thông"]
    assert [e.findtext(f"{ATOM}title") for e in atom_entries(client, "/atom/chuyen-muc/giao-thong/")] == [
        "Tin giao thông"
    ]


def test_unit_feed_holds_the_units_articles(client):
    unit = UnitFactory(name="Công an tỉnh Nghệ An")
    mine = PublishedArticleFactory(title="Tin Nghệ An")
    mine.units.add(unit)
    PublishedArticleFactory(title="Tin khác")
    assert [i.findtext("title") for i in rss_items(client, "/rss/don-vi/cong-an-tinh-nghe-an/")] == ["Tin Nghệ An"]
    assert [e.findtext(f"{ATOM}title") for e in atom_entries(client, "/atom/don-vi/cong-an-tinh-nghe-an/")] == [
        "Tin Nghệ An"
    ]


@pytest.mark.parametrize("url", ["/rss/chuyen-muc/khong-co/", "/atom/don-vi/khong-co/"])
def test_unknown_section_or_unit_feed_is_a_404(client, url):
    assert client.get(url).status_code == 404


def test_feed_routes_reverse(client):
    assert reverse("articles:rss-category", kwargs={"slug": "a"}) == "/rss/chuyen-muc/a/"
    assert reverse("articles:atom-unit", kwargs={"slug": "a"}) == "/atom/don-vi/a/"


def feed_queries(client, url, n, category):
    for _ in range(n):
        article = PublishedArticleFactory(category=category, authors=[AuthorFactory(), AuthorFactory()])
        article.cover_photo = PhotoFactory(article=article)
        article.save()
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert len(ET.fromstring(response.content).findall("./channel/item")) == n
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/rss/", "/rss/chuyen-muc/an-ninh/"])
def test_feed_query_count_is_the_same_for_one_and_thirty_items(client, url):
    category = CategoryFactory(name="An ninh")
    one = feed_queries(client, url, 1, category)
    Article.objects.all().delete()
    thirty = feed_queries(client, url, 30, category)
    assert one == thirty <= 4


def test_lead_is_sent_as_escaped_html_so_readers_show_it_literally(client):
    PublishedArticleFactory(lead='Cảnh báo <script>alert("x")</script> & lừa đảo')
    (item,) = rss_items(client)
    assert item.findtext("description") == "Cảnh báo &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; lừa đảo"
    (entry,) = atom_entries(client)
    assert entry.find(f"{ATOM}summary").get("type") == "html"
    assert entry.findtext(f"{ATOM}summary") == item.findtext("description")


def test_rss_title_and_creator_are_escaped_like_the_description_atom_text_is_plain(client):
    author = AuthorFactory(pen_name='Đ. Thắng <img src=x onerror="alert(1)">')
    category = CategoryFactory(name="An ninh <b>")
    PublishedArticleFactory(title='Tin <script>alert("x")</script> & nóng', authors=[author], category=category)
    (item,) = rss_items(client)
    assert item.findtext("title") == "Tin &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; nóng"
    assert item.findtext(f"{DC}creator") == "Đ. Thắng &lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    channel = ET.fromstring(client.get(f"/rss/chuyen-muc/{category.slug}/").content).find("channel")
    assert channel.findtext("title").startswith("An ninh &lt;b&gt;")
    (entry,) = atom_entries(client)
    assert entry.findtext(f"{ATOM}title") == 'Tin <script>alert("x")</script> & nóng'
    assert entry.find(f"{ATOM}title").get("type") in (None, "text")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == 'Đ. Thắng <img src=x onerror="alert(1)">'
