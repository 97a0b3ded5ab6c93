"""The admin article list: fixed query count, each role sees its own rows, statuses as the newsroom says them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, PublishedArticleFactory, UnitFactory

CHANGELIST = "/admin/articles/article/"


def make_articles(count, owner):
    category = CategoryFactory()
    unit = UnitFactory()
    for i in range(count):
        article = ArticleFactory(
            created_by=owner, category=category, authors=[AuthorFactory(), AuthorFactory()], title=f"Bài số {i}"
        )
        article.units.add(unit)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["moderator", "reporter"])
def test_changelist_runs_the_same_queries_for_1_and_30_articles(client, request, django_assert_num_queries, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    make_articles(1, user)
    one, _response = count_queries(client, CHANGELIST)
    make_articles(29, user)
    with django_assert_num_queries(one):
        response = client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == 30
    assert one <= 16  # session, user, permissions, counts, date hierarchy, filters, rows, bylines


@pytest.mark.django_db
def test_reporter_lists_only_own_articles(client, reporter, other_reporter):
    mine = ArticleFactory(created_by=reporter, title="Bài của tôi")
    bylined = ArticleFactory(created_by=other_reporter, title="Bài có tên tôi", authors=[AuthorFactory(user=reporter)])
    ArticleFactory(created_by=other_reporter, title="Bài của người khác")
    client.force_login(reporter)
    response = client.get(CHANGELIST)
    assert {a.pk for a in response.context["cl"].result_list} == {mine.pk, bylined.pk}
    assert "Bài của người khác" not in response.content.decode()


@pytest.mark.django_db
def test_moderator_lists_every_article_with_byline_and_status(client, moderator, reporter):
    ArticleFactory(created_by=reporter, title="Bản nháp", authors=[AuthorFactory(pen_name="Đ. Thắng")])
    PublishedArticleFactory(title="Bài hẹn giờ", published_at=timezone.now() + timedelta(hours=2))
    client.force_login(moderator)
    body = client.get(CHANGELIST).content.decode()
    assert "Bản nháp" in body and "Bài hẹn giờ" in body
    assert "Đ. Thắng" in body
    assert str(Article.Status.DRAFT.label) in body


@pytest.mark.django_db
def test_status_column_says_scheduled_for_future_publication(client, moderator):
    article = PublishedArticleFactory(published_at=timezone.now() + timedelta(hours=2))
    client.force_login(moderator)
    response = client.get(CHANGELIST)
    row = response.context["cl"].result_list[0]
    assert row.pk == article.pk
    assert str(article.display_status()) in response.content.decode()
    assert article.display_status() != article.get_status_display()


@pytest.mark.django_db
def test_status_filter_separates_scheduled_from_live(client, moderator):
    live = PublishedArticleFactory()
    scheduled = PublishedArticleFactory(published_at=timezone.now() + timedelta(hours=2))
    client.force_login(moderator)
    scheduled_rows = client.get(CHANGELIST, {"status": "scheduled"}).context["cl"].result_list
    live_rows = client.get(CHANGELIST, {"status": "published"}).context["cl"].result_list
    assert [a.pk for a in scheduled_rows] == [scheduled.pk]
    assert [a.pk for a in live_rows] == [live.pk]


@pytest.mark.django_db
def test_search_by_title_and_filter_by_category_and_unit(client, moderator):
    unit = UnitFactory(name="Công an tỉnh Nghệ An")
    wanted = ArticleFactory(title="Đại hội Đảng bộ Công an tỉnh")
    wanted.units.add(unit)
    ArticleFactory(title="Hội thao mùa xuân")
    client.force_login(moderator)
    assert [a.pk for a in client.get(CHANGELIST, {"q": "Đại hội"}).context["cl"].result_list] == [wanted.pk]
    by_category = client.get(CHANGELIST, {"category__id__exact": wanted.category_id}).context["cl"].result_list
    assert [a.pk for a in by_category] == [wanted.pk]
    by_unit = client.get(CHANGELIST, {"units__id__exact": unit.pk}).context["cl"].result_list
    assert [a.pk for a in by_unit] == [wanted.pk]


@pytest.mark.django_db
def test_reporter_sees_no_publish_actions_and_no_lead_story_column(client, reporter):
    ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    response = client.get(CHANGELIST)
    actions = [value for value, _label in response.context["action_form"].fields["action"].choices if value]
    assert actions == ["transition_submit", "transition_trash"]
    assert response.context["cl"].list_editable == ()
    assert "is_featured" not in response.content.decode()


@pytest.mark.django_db
def test_moderator_gets_bulk_transitions_but_not_approval_or_delete(client, moderator):
    ArticleFactory()
    client.force_login(moderator)
    response = client.get(CHANGELIST)
    actions = {value for value, _label in response.context["action_form"].fields["action"].choices if value}
    # Approval is of the version read on the change form: never from a list of titles.
    assert actions == {f"transition_{n}" for n in ("submit", "unpublish", "trash", "restore")}
