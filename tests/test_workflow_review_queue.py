"""The review queue: the waiting count on the admin index, and the list of submitted articles oldest first."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

S = Article.Status


def submitted(minutes_ago, **kwargs):
    return ArticleFactory(status=S.SUBMITTED, submitted_at=timezone.now() - timedelta(minutes=minutes_ago), **kwargs)


@pytest.mark.django_db
def test_admin_index_shows_the_waiting_count_to_moderators(client, moderator):
    submitted(5)
    submitted(50)
    ArticleFactory(status=S.DRAFT)
    client.force_login(moderator)
    response = client.get("/admin/")
    body = response.content.decode()
    assert 'id="review-queue"' in body
    assert '<li data-queue="review">' in body and '<strong class="review-count">2</strong>' in body
    assert "/admin/articles/article/?queue=review" in body


@pytest.mark.django_db
def test_reporter_index_counts_only_own_returned_articles(client, reporter, other_reporter):
    ArticleFactory(created_by=reporter, status=S.RETURNED)
    ArticleFactory(created_by=other_reporter, status=S.RETURNED)
    submitted(5, created_by=reporter)
    client.force_login(reporter)
    body = client.get("/admin/").content.decode()
    assert '<li data-queue="returned">' in body and '<strong class="review-count">1</strong>' in body
    assert "?queue=review" not in body


@pytest.mark.django_db
def test_queue_lists_submitted_articles_oldest_first(client, moderator):
    newest, oldest, middle = submitted(1), submitted(90), submitted(30)
    ArticleFactory(status=S.DRAFT)
    client.force_login(moderator)
    rows = client.get("/admin/articles/article/", {"status": "submitted"}).context["cl"].result_list
    assert [a.pk for a in rows] == [oldest.pk, middle.pk, newest.pk]


@pytest.mark.django_db
def test_queue_runs_the_same_queries_for_1_and_30_articles(client, moderator, django_assert_num_queries):
    category = CategoryFactory()
    submitted(1, category=category, authors=[AuthorFactory()])
    client.force_login(moderator)
    client.get("/admin/")  # warm the session
    with CaptureQueriesContext(connection) as one:
        client.get("/admin/articles/article/", {"status": "submitted"})
    for minutes in range(2, 31):
        submitted(minutes, category=category, authors=[AuthorFactory()])
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get("/admin/articles/article/", {"status": "submitted"})
    assert len(response.context["cl"].result_list) == 30
