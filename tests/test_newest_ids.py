"""Unit, author and topic pages read their newest ids once per content generation; rows always through published()."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.cache import bump
from articles.models import Article
from tests.factories import AuthorFactory, PublishedArticleFactory, TopicFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    unit = UnitFactory(name="Công an tỉnh Nghệ An", kind="provincial")
    for i in range(25):  # two pages
        PublishedArticleFactory(
            title=f"Tin Nghệ An số {i}", published_at=timezone.now() - timedelta(hours=i + 1)
        ).units.add(unit)
    return unit


def newest_ids_queries(captured):
    return [q for q in captured if q["sql"].startswith('SELECT "articles_article"."id" ') and "LIMIT" in q["sql"]]


def test_a_crawl_of_a_units_pages_finds_its_newest_articles_once(client, unit):
    with CaptureQueriesContext(connection) as first:
        page_one = client.get(unit.get_absolute_url()).content.decode()
    with CaptureQueriesContext(connection) as second:
        page_two = client.get(unit.get_absolute_url() + "?page=2").content.decode()
    assert len(newest_ids_queries(first.captured_queries)) == 1
    assert newest_ids_queries(second.captured_queries) == []
    assert "Tin Nghệ An số 0" in page_one and "Tin Nghệ An số 19" in page_one and "Tin Nghệ An số 20" not in page_one
    assert "Tin Nghệ An số 20" in page_two and "Tin Nghệ An số 24" in page_two


def test_an_article_withdrawn_behind_the_kept_ids_back_is_never_shown(client, unit):
    assert "Tin Nghệ An số 3" in client.get(unit.get_absolute_url()).content.decode()
    # A script, not the state machine: no bump, the kept ids still name it.
    Article.objects.filter(title="Tin Nghệ An số 3").update(status=Article.Status.UNPUBLISHED)
    html = client.get(unit.get_absolute_url()).content.decode()
    assert "Tin Nghệ An số 3" not in html and "Tin Nghệ An số 4" in html


def test_a_publication_shows_on_the_unit_author_and_topic_pages_at_once(client, unit):
    author, topic = AuthorFactory(pen_name="Đ. Thắng"), TopicFactory(name="Thi đua")
    for page in (unit, author, topic):
        assert "Lễ ra quân vừa đăng" not in client.get(page.get_absolute_url()).content.decode()
    article = PublishedArticleFactory(title="Lễ ra quân vừa đăng", authors=[author])
    article.units.add(unit)
    article.topics.add(topic)
    bump()  # what the state machine does after a publication commits
    for page in (unit, author, topic):
        assert "Lễ ra quân vừa đăng" in client.get(page.get_absolute_url()).content.decode(), page


def test_staff_find_the_newest_ids_afresh(client, moderator, unit):
    client.force_login(moderator)
    client.get(unit.get_absolute_url())
    with CaptureQueriesContext(connection) as again:
        client.get(unit.get_absolute_url())
    assert len(newest_ids_queries(again.captured_queries)) == 1


def test_the_ids_kept_are_the_pages_the_paginator_offers(client, unit, monkeypatch):
    monkeypatch.setattr("articles.pagination.CappedPaginator.max_pages", 1)
    response = client.get(unit.get_absolute_url())
    assert response.context["page_obj"].paginator.has_more_pages  # 25 articles, one page of 20 offered
    assert client.get(unit.get_absolute_url() + "?page=2").status_code == 404


def test_deeper_pages_continue_the_walk_from_the_last_id_found(client):
    unit = UnitFactory(name="Công an huyện Nam Đàn", kind="district")
    moment = timezone.now() - timedelta(days=1)
    for i in range(90):  # pairs share a publication time: the walk continues by id among equals
        article = PublishedArticleFactory(title=f"Tin Nam Đàn {i:02d}", published_at=moment - timedelta(minutes=i // 2))
        article.units.add(unit)
    expected = list(
        Article.objects.published().filter(units=unit).order_by("-published_at", "-pk").values_list("title", flat=True)
    )
    seen, walks = [], []
    for page in range(1, 6):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{unit.get_absolute_url()}?page={page}")
        seen += [a.title for a in response.context["page_obj"].object_list]
        walks.append(newest_ids_queries(captured.captured_queries))
    assert seen == expected  # every article once, in order, across the five pages
    # Page 1 finds two pages; page 3 continues after the last one found (and doubles: to 80);
    # page 5 continues to the end; pages 2 and 4 walk nothing.
    assert [len(w) for w in walks] == [1, 0, 1, 0, 1]
    assert all('"published_at" <' in w[0]["sql"] for w in (walks[2], walks[4]))


def test_a_deep_page_asked_first_walks_once_to_it(client):
    unit = UnitFactory(name="Công an huyện Đô Lương", kind="district")
    for i in range(70):
        PublishedArticleFactory(
            title=f"Tin Đô Lương {i:02d}", published_at=timezone.now() - timedelta(hours=i + 1)
        ).units.add(unit)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{unit.get_absolute_url()}?page=3")
    assert [a.title for a in response.context["page_obj"].object_list] == [
        f"Tin Đô Lương {i:02d}" for i in range(40, 60)
    ]
    assert len(newest_ids_queries(captured.captured_queries)) == 1
