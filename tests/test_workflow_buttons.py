"""The transition buttons on the change form: who sees which, what they do, and how a refusal reads."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone
from django.utils.translation import gettext

from articles import workflow
from articles.models import Article
from tests.admin_client import change_url, transition_url
from tests.factories import ArticleFactory, PublishedArticleFactory

S = Article.Status


def buttons(response):
    return [t.name for t in response.context["transitions"]]


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_reporter_sees_submit_and_trash_but_never_publish_controls(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    response = client.get(change_url(article))
    assert buttons(response) == ["submit", "trash"]
    body = response.content.decode()
    assert "/transition/approve/" not in body and 'name="publish_at"' not in body


@pytest.mark.django_db
def test_moderator_sees_approve_with_time_and_return_with_note_on_a_submitted_article(client, moderator):
    article = ArticleFactory(status=S.SUBMITTED)
    client.force_login(moderator)
    response = client.get(change_url(article))
    assert set(buttons(response)) == {"approve", "return", "trash_any"}
    body = response.content.decode()
    assert 'name="publish_at"' in body and 'name="note"' in body


@pytest.mark.django_db
def test_submit_then_return_with_note_the_reporter_reads(client, reporter, moderator):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    client.post(transition_url(article, "submit"))
    article.refresh_from_db()
    assert article.status == S.SUBMITTED and article.submitted_at is not None

    client.force_login(moderator)
    client.post(transition_url(article, "return"), {"note": "Thiếu tên đơn vị."})
    client.force_login(reporter)
    body = client.get(change_url(article)).content.decode()
    assert Article.objects.get(pk=article.pk).status == S.RETURNED
    assert "Thiếu tên đơn vị." in body
    assert 'name="_save"' in body  # editable again


@pytest.mark.django_db
def test_return_without_a_note_is_refused_with_a_message(client, moderator):
    article = ArticleFactory(status=S.SUBMITTED)
    client.force_login(moderator)
    response = client.post(transition_url(article, "return"), {"note": "   "}, follow=True)
    assert Article.objects.get(pk=article.pk).status == S.SUBMITTED
    prompt = workflow.TRANSITIONS["return"].note_prompt
    assert messages_of(response) == [gettext("Write the note first (%(prompt)s).") % {"prompt": prompt}]
    assert "Ghi chú cho phóng viên" in messages_of(response)[0]
    assert article.transitions.count() == 0


@pytest.mark.django_db
def test_illegal_transition_is_refused_with_a_clear_message(client, moderator):
    article = PublishedArticleFactory()
    client.force_login(moderator)
    response = client.post(transition_url(article, "submit"), follow=True)
    assert Article.objects.get(pk=article.pk).status == S.PUBLISHED
    [message] = messages_of(response)
    label = str(workflow.TRANSITIONS["submit"].label)
    assert label in message and str(article.display_status()) in message


@pytest.mark.django_db
def test_reporter_crafted_approve_post_is_refused(client, reporter):
    article = ArticleFactory(created_by=reporter, status=S.SUBMITTED)
    client.force_login(reporter)
    response = client.post(transition_url(article, "approve"), {"publish_at": "2020-01-01T08:00"}, follow=True)
    article.refresh_from_db()
    assert (article.status, article.published_at) == (S.SUBMITTED, None)
    assert messages_of(response)
    assert not Article.objects.published().exists()


@pytest.mark.django_db
def test_unknown_transition_and_get_requests_change_nothing(client, moderator):
    article = ArticleFactory()
    client.force_login(moderator)
    assert client.get(transition_url(article, "approve")).status_code == 405
    client.post(transition_url(article, "publish-everything"))
    assert Article.objects.get(pk=article.pk).status == S.DRAFT
    assert article.transitions.count() == 0


@pytest.mark.django_db
def test_bad_publication_time_is_a_message_not_an_error(client, moderator):
    article = ArticleFactory(status=S.SUBMITTED)
    client.force_login(moderator)
    response = client.post(transition_url(article, "approve"), {"publish_at": "30/02/2030 25:99"}, follow=True)
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).status == S.SUBMITTED
    assert messages_of(response)


@pytest.mark.django_db
def test_unpublish_trash_and_restore(client, moderator):
    article = PublishedArticleFactory()
    client.force_login(moderator)
    for name, expected in [("unpublish", S.UNPUBLISHED), ("trash", S.TRASHED), ("restore", S.DRAFT)]:
        client.post(transition_url(article, name))
        assert Article.objects.get(pk=article.pk).status == expected
    assert [t.action for t in article.transitions.order_by("pk")] == ["unpublish", "trash_any", "restore"]


@pytest.mark.django_db
def test_reschedule_moves_the_publication_time(client, moderator):
    article = PublishedArticleFactory(published_at=timezone.now() + timedelta(days=1))
    later = timezone.localtime() + timedelta(days=3)
    client.force_login(moderator)
    client.post(
        transition_url(article, "reschedule"),
        {"publish_at": later.strftime("%Y-%m-%dT%H:%M"), "seen_version": article.version},
    )
    article.refresh_from_db()
    assert article.published_at == later.replace(second=0, microsecond=0)


@pytest.mark.django_db
def test_change_form_shows_the_recent_history_with_notes(client, reporter, moderator):
    article = ArticleFactory(created_by=reporter, status=S.SUBMITTED)
    client.force_login(moderator)
    client.post(transition_url(article, "return"), {"note": "Cần thêm ảnh."})
    client.force_login(reporter)
    response = client.get(change_url(article))
    [entry] = response.context["recent_history"]
    assert (entry.from_status, entry.to_status, entry.actor) == (S.SUBMITTED, S.RETURNED, moderator)
    assert "Cần thêm ảnh." in response.content.decode().split('class="workflow-history"')[1]
