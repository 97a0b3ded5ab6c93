"""Stored-XSS placements opened in real Chromium: nothing runs, and the text after a mutation-XSS string is shown."""

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import PublishedArticleFactory
from tests.test_sanitizer import SWALLOWERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SRCSETS = [
    '<img src="/x.jpg" srcset="javascript:alert(1) 1x">',
    '<img srcset="data:image/svg+xml,<svg onload=alert(1)> 1x">',
]


def test_stored_payloads_run_nothing_and_hide_nothing(browser, live_server):
    articles = [
        PublishedArticleFactory(title=f"Bài thử {n}", body=f"<p>Mở đầu {n}.</p>{payload}<p>Đoạn sau {n}.</p>")
        for n, payload in enumerate(SWALLOWERS + SRCSETS)
    ]
    assert Article.objects.published(timezone.now()).count() == len(articles)
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for n, article in enumerate(articles):
        page.goto(live_server.url + article.get_absolute_url())
        body = page.locator(".article-body").inner_text()
        assert f"Mở đầu {n}." in body and f"Đoạn sau {n}." in body, body
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)
    assert dialogs == []
    context.close()
