"""The read beacon in real Chromium: the article page counts itself once, with no cookie and no CSP complaint."""

import time

import pytest

from articles import reads
from articles.models import ArticleReadCount
from tests.factories import PublishedArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Headless Chromium says "HeadlessChrome", which the counter takes for a bot: a reader's browser says this.
READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"


def test_article_page_sends_one_beacon_and_a_reload_soon_after_counts_nothing(browser, live_server, monkeypatch):
    monkeypatch.setattr(reads, "_memory", reads.MemoryCounter())
    monkeypatch.setattr(reads, "_last_fold", time.monotonic())
    article = PublishedArticleFactory(title="Bài được đọc trong trình duyệt")
    context = browser.new_context(user_agent=READER_AGENT)
    # A cookie the site's pages would carry: the beacon must not send it (credentials: "omit").
    context.add_cookies([{"name": "reader_pref", "value": "1", "url": live_server.url}])
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    beacon_url = f"{live_server.url}/doc/{article.pk}/"
    for _ in range(2):
        with page.expect_request(live_server.url + article.get_absolute_url()) as page_request:
            with page.expect_response(beacon_url) as answer:
                page.goto(live_server.url + article.get_absolute_url())
        assert "reader_pref=1" in page_request.value.all_headers().get("cookie", "")
        response = answer.value
        assert response.status == 204
        assert response.request.method == "POST"
        assert "cookie" not in response.request.all_headers()
        assert "set-cookie" not in response.all_headers()
    assert console == []
    context.close()
    assert reads.fold() == 1
    assert ArticleReadCount.objects.get(article=article).count == 1


def test_a_headless_crawler_is_not_counted(browser, live_server, monkeypatch):
    monkeypatch.setattr(reads, "_memory", reads.MemoryCounter())
    monkeypatch.setattr(reads, "_last_fold", time.monotonic())
    article = PublishedArticleFactory()
    context = browser.new_context()  # Playwright's own HeadlessChrome user agent
    page = context.new_page()
    with page.expect_response(f"{live_server.url}/doc/{article.pk}/") as answer:
        page.goto(live_server.url + article.get_absolute_url())
    assert answer.value.status == 204
    context.close()
    assert reads.fold() == 0
