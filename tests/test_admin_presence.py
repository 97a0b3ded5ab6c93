"""Who else has an article open: marks in the cache, shown on the change form, forgotten after a while."""

import pytest
from django.test import Client

from articles import presence
from tests.admin_client import change_url, form_data
from tests.factories import ArticleFactory


@pytest.mark.django_db
def test_change_form_says_who_else_is_editing(reporter, moderator):
    article = ArticleFactory(created_by=reporter)
    first, second = Client(), Client()
    first.force_login(moderator)
    second.force_login(reporter)
    assert first.get(change_url(article)).context["editing_others"] == []
    response = second.get(change_url(article))
    assert response.context["editing_others"] == ["moderator"]
    assert "moderator" in response.content.decode().split('id="editing-others"')[1][:400]


@pytest.mark.django_db
def test_heartbeat_returns_the_others_and_refuses_strangers(client, reporter, other_reporter, moderator):
    article = ArticleFactory(created_by=reporter)
    presence.touch(article.pk, moderator)
    client.force_login(reporter)
    url = f"/admin/articles/article/{article.pk}/presence/"
    assert client.get(url).json() == {"others": ["moderator"]}
    client.force_login(other_reporter)
    assert client.get(url).status_code == 404
    assert presence.others(article.pk, moderator) == ["reporter_a"]  # the stranger left no mark


@pytest.mark.django_db
def test_marks_expire(monkeypatch, reporter, moderator):
    article = ArticleFactory()
    clock = {"t": 1_000_000.0}
    monkeypatch.setattr(presence.time, "time", lambda: clock["t"])
    presence.touch(article.pk, moderator)
    assert presence.others(article.pk, reporter) == ["moderator"]
    clock["t"] += presence.TTL_SECONDS + 1
    assert presence.others(article.pk, reporter) == []


@pytest.mark.django_db
def test_saving_clears_the_mark(client, moderator, reporter):
    article = ArticleFactory()
    client.force_login(moderator)
    client.post(change_url(article), form_data(client.get(change_url(article))))
    assert presence.others(article.pk, reporter) == []
