"""The article page tells search engines and social networks what it is: canonical, OpenGraph, Twitter, JSON-LD."""

import base64
import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db

SITE = "https://congannghean.example"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.NEWSROOM_SITE_URL = SITE


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links = {}, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, attrs.get("content"))
        elif tag == "link" and attrs.get("rel"):
            self.links[attrs["rel"]] = attrs.get("href")


def head(content):
    parser = HeadParser()
    parser.feed(content)
    return parser


def json_ld(content):
    (data,) = JSON_LD.findall(content)
    return json.loads(data)


@pytest.fixture
def report():
    article = PublishedArticleFactory(
        title="Hội nghị sơ kết công tác Đảng",
        lead="Sáng 7/7, Đảng ủy Công an tỉnh tổ chức hội nghị sơ kết.",
        published_at=datetime(2020, 7, 7, 7, 33, tzinfo=UTC),
        authors=[AuthorFactory(pen_name="Đ. Thắng"), AuthorFactory(pen_name="Minh Đức")],
    )
    cover = PhotoFactory(article=article, position=0, caption="Toàn cảnh hội nghị")
    article.cover_photo = cover
    article.save()
    return article


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_canonical_and_description(client, report):
    parsed = head(page(client, report))
    assert parsed.links["canonical"] == SITE + report.get_absolute_url()
    assert parsed.meta["description"] == report.lead


def test_opengraph_and_twitter_tags_use_the_cover(client, report):
    meta = head(page(client, report)).meta
    assert meta["og:type"] == "article"
    assert meta["og:title"] == report.title
    assert meta["og:description"] == report.lead
    assert meta["og:url"] == SITE + report.get_absolute_url()
    assert meta["og:locale"] == "vi_VN"
    assert meta["og:image"].startswith(SITE + "/")
    assert meta["og:image"].endswith(report.cover_photo.image.name.rsplit("/", 1)[-1])
    assert meta["og:image:width"] == str(report.cover_photo.width)
    assert meta["og:image:alt"] == "Toàn cảnh hội nghị"
    assert meta["article:published_time"] == "2020-07-07T14:33:00+07:00"
    assert meta["article:modified_time"].endswith("+07:00")
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:title"] == report.title
    assert meta["twitter:image"] == meta["og:image"]


def test_og_image_is_the_jpeg_rendition_near_1200_pixels(client, report):
    photo = report.cover_photo
    photo.renditions = {
        "480": {"webp": "photos/x-480.webp", "jpeg": "photos/x-480.jpg", "width": 480, "height": 320},
        "1600": {"webp": "photos/x-1600.webp", "jpeg": "photos/x-1600.jpg", "width": 1600, "height": 1067},
        "960": {"webp": "photos/x-960.webp", "jpeg": "photos/x-960.jpg", "width": 960, "height": 640},
    }
    photo.save()
    meta = head(page(client, report)).meta
    assert meta["og:image"].endswith("/x-1600.jpg")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1600", "1067")


def test_article_without_cover_has_a_summary_card_and_no_image(client):
    article = PublishedArticleFactory()
    content = page(client, article)
    meta = head(content).meta
    assert meta["twitter:card"] == "summary"
    assert "og:image" not in meta
    assert "image" not in json_ld(content)


def test_json_ld_news_article(client, report):
    data = json_ld(page(client, report))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == report.title
    assert data["datePublished"] == "2020-07-07T14:33:00+07:00"
    assert data["dateModified"].endswith("+07:00")
    assert [a["name"] for a in data["author"]] == ["Đ. Thắng", "Minh Đức"]
    assert data["author"][0]["url"] == f"{SITE}/tac-gia/d-thang/"
    assert data["publisher"]["name"] == "Báo Công an Nghệ An"
    assert data["image"] == [head(page(client, report)).meta["og:image"]]
    assert data["mainEntityOfPage"]["@id"] == SITE + report.get_absolute_url()


HOSTILE_TITLE = 'Vụ án "đặc biệt" </script><script>alert(1)</script> & <!-- \u2028 x\x01\x07\x1f'


def test_json_ld_parses_with_quotes_script_end_and_control_characters(client, report):
    # update() skips Article.save(), which would strip the control characters first.
    Article.objects.filter(pk=report.pk).update(title=HOSTILE_TITLE, lead='Lead "x" </script> \x02')
    content = page(client, report)
    data = json_ld(content)
    assert data["headline"] == 'Vụ án "đặc biệt" </script><script>alert(1)</script> & <!-- \u2028 x'
    assert data["description"] == 'Lead "x" </script>'
    (raw,) = JSON_LD.findall(content)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "<script>alert(1)" not in content


def test_meta_tags_escape_the_title(client, report):
    Article.objects.filter(pk=report.pk).update(title='Tin "nóng" <b>&')
    content = page(client, report)
    assert head(content).meta["og:title"] == 'Tin "nóng" <b>&'
    assert 'content="Tin &quot;nóng&quot; &lt;b&gt;&amp;"' in content


def test_share_links_for_facebook_zalo_and_copy(client, report):
    content = page(client, report)
    url = SITE + report.get_absolute_url()
    facebook = re.search(r'href="(https://www\.facebook\.com/sharer/sharer\.php\?[^"]+)"', content).group(1)
    assert parse_qs(urlsplit(facebook.replace("&amp;", "&")).query)["u"] == [url]
    zalo = re.search(r'href="(https://button-share\.zalo\.me/share_external\?[^"]+)"', content).group(1)
    data = parse_qs(urlsplit(zalo).query)["d"][0]
    assert json.loads(base64.b64decode(data)) == {"url": url}
    assert f'data-copy-link data-url="{url}"' in content
    assert '<script src="/static/js/share.js" defer></script>' in content
    assert " onclick=" not in content and " style=" not in content


def test_print_view_shows_the_article_alone(client, report):
    content = page(client, report)
    print_url = f"/ban-in/{report.pk}/"
    assert f'href="{print_url}"' in content
    response = client.get(print_url)
    assert response.status_code == 200
    printed = response.content.decode()
    assert report.title in printed
    assert "Thứ Ba, 07/07/2020, 14:33 [GMT+7]" in printed
    assert "Đ. Thắng" in printed
    assert 'class="site-header"' not in printed
    assert head(printed).links["canonical"] == SITE + report.get_absolute_url()
    assert head(printed).meta["robots"] == "noindex, follow"
    assert "data-print" in printed


def test_print_view_of_an_unpublished_article_is_a_404(client):
    draft = ArticleFactory()
    assert client.get(f"/ban-in/{draft.pk}/").status_code == 404


def test_share_script_binds_without_inline_code():
    script = (Path(settings.BASE_DIR) / "static" / "js" / "share.js").read_text()
    assert "data-copy-link" in script and "navigator.clipboard" in script and "window.print" in script
    assert "eval(" not in script and "innerHTML" not in script
