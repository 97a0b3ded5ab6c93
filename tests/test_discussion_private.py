"""The desk's talk is never public: no reader's page, preview, feed, sitemap, search or export shows a comment or note.

Each check has its control: the same words are on the change form, so a page that leaked
them would show them.
"""

import xml.etree.ElementTree as ET
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from articles import workflow
from articles.models import ArticleComment
from tests.admin_client import change_url
from tests.factories import AuthorFactory, CategoryFactory, PhotoFactory, PublishedArticleFactory, UnitFactory

pytestmark = pytest.mark.django_db

COMMENT = "Binhluannoibo nguồn tin chưa kiểm chứng"
NOTE = "Ghichutralai bỏ tên người bị hại"
SECRETS = ("Binhluannoibo", "binhluannoibo", "Ghichutralai", "ghichutralai", "chưa kiểm chứng", "người bị hại")


@pytest.fixture
def article(reporter, moderator):
    section = CategoryFactory(name="An ninh trật tự")
    unit = UnitFactory(name="Công an thành phố Vinh")
    story = PublishedArticleFactory(
        created_by=reporter,
        category=section,
        title="Hội nghị tổng kết công tác bảo đảm an ninh",
        authors=[AuthorFactory(pen_name="Đ. Thắng")],
        published_at=timezone.now() - timezone.timedelta(hours=2),
    )
    story.units.add(unit)
    PhotoFactory(article=story)
    ArticleComment.objects.create(article=story, author=moderator, body=COMMENT)
    # A return with a note and back to published: the note stays in the history (and the thread).
    workflow.transition(story, "unpublish", user=moderator)
    workflow.transition(story, "approve", user=moderator, seen_version=story.version)
    story.transitions.filter(action="unpublish").update(note=NOTE)
    story.refresh_from_db()
    return story


def assert_private(content, where):
    text = content.decode() if isinstance(content, bytes) else content
    leaked = [word for word in SECRETS if word in text]
    assert not leaked, f"{where} shows {leaked}"


def test_the_change_form_shows_the_thread_so_the_words_would_be_seen(client, article, reporter):
    client.force_login(reporter)
    html = client.get(change_url(article)).content.decode()
    assert COMMENT in html and NOTE in html


@pytest.mark.parametrize("logged_in", [False, True], ids=["reader", "staff"])
def test_reader_pages_never_show_the_discussion(client, article, moderator, logged_in):
    if logged_in:
        client.force_login(moderator)  # staff reading the site see what readers see
    local = timezone.localtime(article.published_at)
    pages = [
        "/",
        "/tin-moi/",
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        article.units.get().get_absolute_url(),
        article.article_authors.get().author.get_absolute_url(),
        f"/{local:%Y}/{local:%m}/{local:%d}/",
        f"/ban-in/{article.pk}/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert article.title in response.content.decode(), url  # the article is there, its talk is not
        assert_private(response.content, url)


def test_the_preview_never_shows_the_discussion(client, article, reporter):
    client.force_login(reporter)
    response = client.get(f"/xem-truoc/{article.pk}/")
    assert response.status_code == 200 and article.title in response.content.decode()
    assert_private(response.content, "preview")


@pytest.mark.parametrize("query", ["Binhluannoibo", "binh luan noi bo", "kiểm chứng", "Ghichutralai", "người bị hại"])
def test_search_never_finds_an_article_by_its_discussion(client, article, query):
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    assert article.get_absolute_url() not in response.content.decode()
    found = client.get("/tim-kiem/", {"q": "tổng kết công tác"})  # control: the article itself is findable
    assert article.get_absolute_url() in found.content.decode()
    assert_private(found.content, "search results")


def test_feeds_never_carry_the_discussion(client, article):
    unit = article.units.get()
    section = article.category.slug
    feeds = ["/rss/", "/atom/", f"/rss/chuyen-muc/{section}/", f"/atom/chuyen-muc/{section}/"]
    for url in [*feeds, f"/rss/don-vi/{unit.slug}/", f"/atom/don-vi/{unit.slug}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert article.title in response.content.decode(), url
        assert_private(response.content, url)


def test_sitemaps_never_carry_the_discussion(client, article):
    index = client.get("/sitemap.xml")
    assert_private(index.content, "sitemap index")
    urls = [urlsplit(loc.text).path for loc in ET.fromstring(index.content).iter() if loc.tag.endswith("loc")]
    assert urls
    for url in [*urls, "/sitemap-news.xml"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_private(response.content, url)
    assert article.slug in client.get("/sitemap-news.xml").content.decode()


def test_export_never_writes_the_discussion(article, tmp_path):
    folder = tmp_path / "export"
    with translation.override("en"):
        call_command("export_articles", str(folder), "--all", stdout=StringIO(), stderr=StringIO())
    written = list(folder.glob("*.txt"))
    assert len(written) == 1 and article.title in written[0].read_text(encoding="utf-8")
    assert len(list(folder.iterdir())) == 2  # the text and its photo
    for path in folder.iterdir():
        if path.suffix == ".txt":
            assert_private(path.read_text(encoding="utf-8"), path.name)
        else:
            assert_private(path.read_bytes().decode("latin-1"), path.name)
