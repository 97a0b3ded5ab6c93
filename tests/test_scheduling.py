"""Scheduling without a scheduler: an approved article appears everywhere the second its time comes, not before."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article
from articles.text import VIETNAM_TZ
from tests.factories import ArticleFactory

PUBLISH_AT = datetime(2030, 3, 15, 6, 0, 0, tzinfo=VIETNAM_TZ)
ONE_SECOND = timedelta(seconds=1)


@pytest.fixture
def clock(monkeypatch):
    """A settable timezone.now() for the code under test."""
    state = {"now": timezone.now()}
    monkeypatch.setattr(timezone, "now", lambda: state["now"])

    def set_now(value):
        state["now"] = value

    return set_now


@pytest.fixture
def scheduled(moderator, clock):
    clock(PUBLISH_AT - timedelta(days=1))
    article = ArticleFactory(title="Bài hẹn giờ đăng")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.SUBMITTED)
    workflow.transition(article, "approve", user=moderator, publish_at=PUBLISH_AT, seen_version=article.version)
    return Article.objects.get(pk=article.pk)


def public_pages(article):
    return [
        "/",
        "/tin-moi/",
        article.category.get_absolute_url(),
        f"/{PUBLISH_AT:%Y/%m/%d}/",
        "/rss/",
        "/sitemap-news.xml",
    ]


@pytest.mark.django_db
def test_published_queryset_boundary_with_explicit_now(scheduled):
    assert not Article.objects.published(now=PUBLISH_AT - ONE_SECOND).filter(pk=scheduled.pk).exists()
    assert Article.objects.published(now=PUBLISH_AT).filter(pk=scheduled.pk).exists()
    assert Article.objects.published(now=PUBLISH_AT + ONE_SECOND).filter(pk=scheduled.pk).exists()


@pytest.mark.django_db
def test_scheduled_article_is_hidden_one_second_before_its_time(client, scheduled, clock):
    clock(PUBLISH_AT - ONE_SECOND)
    assert scheduled.is_scheduled and scheduled.display_status() != scheduled.get_status_display()
    for url in public_pages(scheduled):
        assert "Bài hẹn giờ đăng" not in client.get(url).content.decode(), url
    assert client.get(scheduled.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_scheduled_article_appears_everywhere_one_second_after_its_time(client, scheduled, clock):
    clock(PUBLISH_AT + ONE_SECOND)
    assert scheduled.is_live
    for url in public_pages(scheduled):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Bài hẹn giờ đăng" in response.content.decode() or scheduled.slug in response.content.decode(), url
    assert client.get(scheduled.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_cached_pages_show_the_article_the_moment_its_time_comes(client, settings, scheduled, clock):
    settings.PAGE_CACHE_SECONDS = 600
    clock(PUBLISH_AT - ONE_SECOND)
    assert "Bài hẹn giờ đăng" not in client.get("/").content.decode()  # now cached without it
    clock(PUBLISH_AT + ONE_SECOND)
    assert "Bài hẹn giờ đăng" in client.get("/").content.decode()


@pytest.mark.django_db
def test_moderator_schedules_from_the_change_form(client, moderator, clock):
    clock(PUBLISH_AT - timedelta(days=2))
    article = ArticleFactory(status=Article.Status.SUBMITTED)
    client.force_login(moderator)
    client.post(
        f"/admin/articles/article/{article.pk}/transition/approve/",
        {"publish_at": PUBLISH_AT.strftime("%Y-%m-%dT%H:%M"), "seen_version": article.version},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == PUBLISH_AT
    assert article.is_scheduled
    entry = article.transitions.get()
    assert (entry.action, entry.publish_at, entry.actor) == ("approve", PUBLISH_AT, moderator)
