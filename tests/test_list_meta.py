"""List pages tell crawlers and feed readers what they are; archive headings; publisher logo; Atom <updated>."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import ArticleRevision
from articles.views import PAGE_SIZE
from tests.factories import AuthorFactory, CategoryFactory, PublishedArticleFactory, TopicFactory, UnitFactory

pytestmark = pytest.mark.django_db

SITE = "https://congannghean.example"
ATOM = "{http://www.w3.org/2005/Atom}"
PUBLISHED = datetime(2020, 7, 7, 7, 33, tzinfo=UTC)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.NEWSROOM_SITE_URL = SITE


@pytest.fixture
def world():
    category = CategoryFactory(name="An ninh trật tự")
    unit = UnitFactory(name="Công an tỉnh Nghệ An")
    author = AuthorFactory(pen_name="Đ. Thắng")
    topic = TopicFactory(name="Cụm thi đua số 5", description="Các đơn vị trong Cụm thi đua số 5 của Bộ Công an.")
    article = PublishedArticleFactory(category=category, published_at=PUBLISHED, authors=[author])
    article.units.add(unit)
    article.topics.add(topic)
    return {"category": category, "unit": unit, "author": author, "topic": topic, "article": article}


def head(html):
    return html[: html.index("</head>")]


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', head(html))
    return unescape(match.group(1)) if match else None


def link(html, rel):
    return [unescape(m) for m in re.findall(rf'<link rel="{rel}"[^>]* href="([^"]*)">', head(html))]


# page -> (path, its own feeds, words its description must hold)
PAGES = {
    "home": (lambda w: "/", ["/rss/", "/atom/"], "Báo Công an Nghệ An"),
    "latest": (lambda w: "/tin-moi/", ["/rss/", "/atom/"], "Báo Công an Nghệ An"),
    "section": (
        lambda w: w["category"].get_absolute_url(),
        ["/rss/chuyen-muc/an-ninh-trat-tu/", "/atom/chuyen-muc/an-ninh-trat-tu/"],
        "An ninh trật tự",
    ),
    "unit": (
        lambda w: w["unit"].get_absolute_url(),
        ["/rss/don-vi/cong-an-tinh-nghe-an/", "/atom/don-vi/cong-an-tinh-nghe-an/"],
        "Công an tỉnh Nghệ An",
    ),
    "author": (
        lambda w: w["author"].get_absolute_url(),
        ["/rss/tac-gia/d-thang/", "/atom/tac-gia/d-thang/"],
        "Đ. Thắng",
    ),
    "topic": (
        lambda w: w["topic"].get_absolute_url(),
        ["/rss/chu-de/cum-thi-dua-so-5/", "/atom/chu-de/cum-thi-dua-so-5/"],
        "Các đơn vị trong Cụm thi đua số 5",
    ),
    "archive_year": (lambda w: "/2020/", ["/rss/", "/atom/"], "Tin năm 2020"),
    "archive_month": (lambda w: "/2020/07/", ["/rss/", "/atom/"], "Tin tháng 07/2020"),
    "archive_day": (lambda w: "/2020/07/07/", ["/rss/", "/atom/"], "Tin ngày 07/07/2020"),
}


@pytest.mark.parametrize("page", PAGES)
def test_list_page_has_description_canonical_opengraph_and_its_own_feeds(client, world, page):
    path_of, feeds, described = PAGES[page]
    path = path_of(world)
    html = client.get(path).content.decode()
    assert described in meta(html, "name", "description")
    assert link(html, "canonical") == [SITE + path]
    assert meta(html, "property", "og:type") == "website"
    assert meta(html, "property", "og:url") == SITE + path
    assert meta(html, "property", "og:title")
    assert meta(html, "property", "og:description") == meta(html, "name", "description")
    assert meta(html, "property", "og:image") == SITE + "/static/img/logo.png"
    assert link(html, "alternate") == [SITE + feed for feed in feeds]
    assert 'type="application/rss+xml"' in head(html) and 'type="application/atom+xml"' in head(html)
    for feed in feeds:
        response = client.get(feed)
        assert response.status_code == 200, feed
        assert world["article"].title in response.content.decode()


def test_later_pages_are_their_own_canonical(client, world):
    for _ in range(PAGE_SIZE):
        PublishedArticleFactory(category=world["category"])
    path = world["category"].get_absolute_url()
    assert link(client.get(path + "?page=2").content.decode(), "canonical") == [f"{SITE}{path}?page=2"]
    assert link(client.get(path + "?page=1").content.decode(), "canonical") == [SITE + path]


def test_description_is_escaped_and_plain(client):
    topic = TopicFactory(name='Chủ đề "đặc biệt"', description='Mô tả <b>đậm</b> & "ngoặc"\x07.')
    html = client.get(topic.get_absolute_url()).content.decode()
    assert meta(html, "name", "description") == 'Mô tả <b>đậm</b> & "ngoặc".'
    assert "<b>đậm</b>" not in head(html)


@pytest.mark.parametrize(
    "path, heading",
    [("/2020/", "Tin năm 2020"), ("/2020/07/", "Tin tháng 07/2020"), ("/2020/07/07/", "Tin ngày 07/07/2020")],
)
def test_archive_headings_read_naturally(client, world, path, heading):
    html = client.get(path).content.decode()
    assert f'<h1 class="page-title">{heading}</h1>' in html
    assert f"<title>{heading} - " in html


def test_json_ld_publisher_has_the_logo(client, world):
    html = client.get(world["article"].get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    logo = data["publisher"]["logo"]
    assert logo == {"@type": "ImageObject", "url": SITE + "/static/img/logo.png", "width": 600, "height": 60}
    assert (Path(settings.BASE_DIR) / "static" / "img" / "logo.png").is_file()


def atom_updated(client, url="/atom/"):
    root = ET.fromstring(client.get(url).content)
    return root.findtext(f"{ATOM}updated"), [e.findtext(f"{ATOM}updated") for e in root.findall(f"{ATOM}entry")]


def revise(article, version, at):
    ArticleRevision.objects.create(article=article, version=version, data={}, created_at=at)


def test_atom_updated_of_an_imported_article_is_its_publication_not_the_import(client, world):
    # Imported today with its 2020 date line: the import wrote updated_at and the first revision now.
    revise(world["article"], 1, timezone.now())
    feed, entries = atom_updated(client)
    assert entries == ["2020-07-07T14:33:00+07:00"]
    assert feed == "2020-07-07T14:33:00+07:00"


def test_atom_updated_follows_an_edit_after_publication(client, world):
    revise(world["article"], 1, PUBLISHED - timedelta(days=1))
    revise(world["article"], 2, PUBLISHED - timedelta(hours=2))  # edited before publication: not a change
    assert atom_updated(client)[1] == ["2020-07-07T14:33:00+07:00"]
    revise(world["article"], 3, datetime(2020, 7, 9, 1, 0, tzinfo=UTC))
    assert atom_updated(client)[1] == ["2020-07-09T08:00:00+07:00"]


def test_atom_updated_without_revisions_falls_back_to_the_last_save(client, world):
    # Articles written before revisions existed: their last save is all there is to go by.
    saved = world["article"].updated_at.astimezone(timezone.get_fixed_timezone(420))
    assert atom_updated(client)[1] == [saved.isoformat()]
