"""Topics (chủ đề): the topic page, its feeds and sitemap entry, the article page's topics, tagging in the admin."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, ArticleRevision, Topic
from articles.views import PAGE_SIZE
from tests.admin_client import change_url, form_data
from tests.factories import ArticleFactory, PublishedArticleFactory, TopicFactory, make_hidden_articles

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "https://congannghean.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.NEWSROOM_SITE_URL = SITE


@pytest.fixture
def topic():
    return TopicFactory(name="Phòng chống ma túy", description="Cuộc chiến với tội phạm ma túy trên địa bàn.")


def tagged(topic, title, hours_ago, **kwargs):
    article = PublishedArticleFactory(title=title, published_at=timezone.now() - timedelta(hours=hours_ago), **kwargs)
    article.topics.add(topic)
    return article


def test_topic_slug_is_made_from_the_vietnamese_name(topic):
    assert topic.slug == "phong-chong-ma-tuy"
    assert topic.get_absolute_url() == "/chu-de/phong-chong-ma-tuy/"


def test_topic_page_lists_its_published_articles_newest_first(client, topic):
    tagged(topic, "Tin cũ về ma túy", 5)
    tagged(topic, "Tin mới về ma túy", 1)
    PublishedArticleFactory(title="Tin không gắn chủ đề")
    for article in make_hidden_articles("Ẩn").values():
        article.topics.add(topic)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Phòng chống ma túy" in html
    assert "Cuộc chiến với tội phạm ma túy" in html
    assert html.index("Tin mới về ma túy") < html.index("Tin cũ về ma túy")
    assert "Tin không gắn chủ đề" not in html
    assert "Ẩn " not in html


def test_topic_page_is_paginated_like_a_section(client, topic):
    for i in range(PAGE_SIZE + 2):
        tagged(topic, f"Bài số {i:02d}", i + 1)
    first = client.get(topic.get_absolute_url()).content.decode()
    second = client.get(topic.get_absolute_url() + "?page=2").content.decode()
    assert "Bài số 00" in first and f"Bài số {PAGE_SIZE + 1:02d}" not in first
    assert f"Bài số {PAGE_SIZE + 1:02d}" in second and "Bài số 00" not in second
    assert 'rel="next"' in first


@pytest.mark.parametrize(
    "url", ["/chu-de/khong-co/", "/chu-de/phong-chong-ma-tuy/?page=99", "/chu-de/phong-chong-ma-tuy/?page=x"]
)
def test_unknown_topic_or_page_is_a_404(client, topic, url):
    tagged(topic, "Một bài", 1)
    assert client.get(url).status_code == 404


def test_article_page_shows_its_topics(client, topic):
    article = tagged(topic, "Triệt phá đường dây ma túy", 1)
    article.topics.add(TopicFactory(name="Cụm thi đua số 5"))
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="topics"' in html
    assert 'href="/chu-de/phong-chong-ma-tuy/"' in html
    assert 'href="/chu-de/cum-thi-dua-so-5/"' in html


def test_article_without_topics_shows_no_topic_line(client):
    article = PublishedArticleFactory()
    assert 'class="topics"' not in client.get(article.get_absolute_url()).content.decode()


def test_topic_feeds_carry_only_its_published_articles(client, topic):
    tagged(topic, "Tin trong chủ đề", 1)
    PublishedArticleFactory(title="Tin ngoài chủ đề")
    make_hidden_articles("Ẩn")["draft"].topics.add(topic)
    rss = ET.fromstring(client.get(f"/rss/chu-de/{topic.slug}/").content)
    assert [item.findtext("title") for item in rss.findall("./channel/item")] == ["Tin trong chủ đề"]
    assert rss.findtext("./channel/link") == SITE + topic.get_absolute_url()
    atom = ET.fromstring(client.get(f"/atom/chu-de/{topic.slug}/").content)
    assert [entry.findtext(f"{ATOM}title") for entry in atom.findall(f"{ATOM}entry")] == ["Tin trong chủ đề"]
    assert client.get("/rss/chu-de/khong-co/").status_code == 404


def test_sitemap_lists_topics_with_published_articles_only(client, topic):
    tagged(topic, "Bài công khai", 1)
    empty = TopicFactory(name="Chủ đề chưa có bài")
    make_hidden_articles("Ẩn")["submitted"].topics.add(empty)
    root = ET.fromstring(client.get("/sitemap-chu-de.xml").content)
    assert [loc.text for loc in root.iter(f"{SM}loc")] == [SITE + topic.get_absolute_url()]


def test_topic_page_query_count_is_constant(client, topic, django_assert_num_queries):
    from django.core.cache import cache

    for i in range(2):
        tagged(topic, f"Hai bài {i}", i + 1)
    cache.clear()
    # topic, the next scheduled time (the content generation, cold), count, newest ids, their rows, menu
    with django_assert_num_queries(6):
        client.get(topic.get_absolute_url())
    for i in range(4):
        tagged(topic, f"Sáu bài {i}", i + 10)
    cache.clear()
    with django_assert_num_queries(6):
        html = client.get(topic.get_absolute_url()).content.decode()
    assert html.count('<article class="card') == 6


def test_moderator_tags_an_article_in_the_admin_and_a_revision_keeps_it(client, moderator, topic):
    article = PublishedArticleFactory(title="Bài cần gắn chủ đề")
    client.force_login(moderator)
    data = form_data(client.get(change_url(article)), topics=[str(topic.pk)])
    assert client.post(change_url(article), data).status_code == 302
    assert list(Article.objects.get(pk=article.pk).topics.all()) == [topic]
    latest = ArticleRevision.objects.filter(article=article).first()
    assert latest.data["topics"] == [{"id": topic.pk, "name": "Phòng chống ma túy"}]


def test_topic_admin_searches_by_name(client, superuser, topic):
    client.force_login(superuser)
    response = client.get("/admin/articles/topic/?q=ma+túy")
    assert response.status_code == 200
    assert "Phòng chống ma túy" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_tagging_and_untagging_a_published_article_changes_the_cached_topic_page_at_once(settings):
    settings.PAGE_CACHE_SECONDS = 300
    from tests.factories import ModeratorFactory

    topic = TopicFactory(name="Cụm thi đua số 5")
    article = PublishedArticleFactory(title="Hội nghị Cụm thi đua số 5")
    reader, editor = Client(), Client()
    editor.force_login(ModeratorFactory(username="bientap"))
    url = topic.get_absolute_url()
    assert "Hội nghị Cụm thi đua số 5" not in reader.get(url).content.decode()
    assert "public" in reader.get(url)["Cache-Control"]  # the page is in the page cache now

    data = form_data(editor.get(change_url(article)), topics=[str(topic.pk)])
    assert editor.post(change_url(article), data).status_code == 302
    assert "Hội nghị Cụm thi đua số 5" in reader.get(url).content.decode()
    assert f'href="{url}"' in reader.get(article.get_absolute_url()).content.decode()

    data = form_data(editor.get(change_url(article)), topics=None)
    assert editor.post(change_url(article), data).status_code == 302
    assert not Topic.objects.get(pk=topic.pk).articles.exists()
    assert "Hội nghị Cụm thi đua số 5" not in reader.get(url).content.decode()
    assert f'href="{url}"' not in reader.get(article.get_absolute_url()).content.decode()


def test_reporter_tags_own_draft_which_stays_off_the_topic_page(client, reporter, topic):
    article = ArticleFactory(created_by=reporter, title="Bản nháp có chủ đề")
    client.force_login(reporter)
    data = form_data(client.get(change_url(article)), topics=[str(topic.pk)])
    assert client.post(change_url(article), data).status_code == 302
    assert list(article.topics.all()) == [topic]
    client.logout()
    assert "Bản nháp có chủ đề" not in client.get(topic.get_absolute_url()).content.decode()


def test_reporter_finds_topics_through_the_autocomplete_but_cannot_create_them(client, reporter, topic):
    client.force_login(reporter)
    params = {"app_label": "articles", "model_name": "article", "field_name": "topics", "term": "ma túy"}
    response = client.get("/admin/autocomplete/", params)
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Phòng chống ma túy"]
    assert client.get("/admin/articles/topic/add/").status_code == 403


def test_moderator_creates_a_topic_whose_slug_follows_the_vietnamese_rule(client, moderator):
    client.force_login(moderator)
    response = client.post(
        "/admin/articles/topic/add/", {"name": "Đại hội Đảng các cấp", "slug": "", "description": ""}
    )
    assert response.status_code == 302
    assert Topic.objects.get().slug == "dai-hoi-dang-cac-cap"


@pytest.mark.django_db(transaction=True)
def test_deleting_topics_from_the_list_drops_cached_pages(settings):
    settings.PAGE_CACHE_SECONDS = 300
    from tests.factories import UserFactory

    topic = TopicFactory(name="Chủ đề sẽ xóa")
    article = PublishedArticleFactory(title="Bài có chủ đề sẽ xóa")
    article.topics.add(topic)
    reader, admin = Client(), Client()
    admin.force_login(UserFactory(username="quantri", is_superuser=True))
    assert "Chủ đề sẽ xóa" in reader.get(article.get_absolute_url()).content.decode()
    response = admin.post(
        "/admin/articles/topic/", {"action": "delete_selected", "_selected_action": [topic.pk], "post": "yes"}
    )
    assert response.status_code == 302 and not Topic.objects.exists()
    assert "Chủ đề sẽ xóa" not in reader.get(article.get_absolute_url()).content.decode()
