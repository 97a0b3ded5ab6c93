"""The public page cache never shows a stale page: changes and scheduled times move it on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from tests.factories import ArticleFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_anonymous_pages_are_served_from_the_cache(client, django_assert_num_queries):
    PublishedArticleFactory(title="Tin đã lưu")
    assert "Tin đã lưu" in client.get("/").content.decode()
    with django_assert_num_queries(0):
        response = client.get("/")
    assert "Tin đã lưu" in response.content.decode()
    assert "public" in response["Cache-Control"]


def test_scheduled_article_appears_at_its_time_despite_the_cache(client, monkeypatch):
    now = timezone.now()
    PublishedArticleFactory(title="Tin cũ")
    PublishedArticleFactory(title="Tin hẹn giờ", published_at=now + timedelta(minutes=10))
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=10) - timedelta(seconds=1))
    assert "Tin hẹn giờ" not in client.get("/").content.decode()
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=10))
    assert "Tin hẹn giờ" in client.get("/").content.decode()


def test_approval_invalidates_cached_pages(client, moderator):
    PublishedArticleFactory(title="Tin cũ")
    draft = ArticleFactory(title="Tin vừa duyệt")
    assert "Tin vừa duyệt" not in client.get("/").content.decode()
    workflow.transition(draft, "approve", user=moderator, seen_version=draft.version)
    assert "Tin vừa duyệt" in client.get("/").content.decode()


def test_logged_in_staff_bypass_the_cache(client, moderator):
    PublishedArticleFactory(title="Tin một")
    client.get("/")
    client.force_login(moderator)
    PublishedArticleFactory(title="Tin hai")  # created without a transition: no cache bump
    assert "Tin hai" in client.get("/").content.decode()
