"""A publication time must be plausible (01/01/1990 to ten years ahead, Vietnam time): a typo is a form error.

Before, approving "0999" was accepted and the latest news, search, feeds and sitemaps then
answered 500 for everyone; years 0001 and 99999 failed at once.
"""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article
from articles.text import VIETNAM_TZ
from tests.admin_client import transition_url
from tests.factories import ArticleFactory, PublishedArticleFactory

S = Article.Status
PUBLIC = ["/", "/tin-moi/", "/tim-kiem/?q=hoi+nghi", "/rss/", "/atom/", "/sitemap.xml", "/sitemap-bai-viet.xml"]


def errors(response):
    return " ".join(str(m) for m in response.context["messages"] if m.level_tag == "error")


def local(value):
    return value.astimezone(VIETNAM_TZ).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["approve", "reschedule"])
@pytest.mark.parametrize(
    "typed",
    ["0999-07-07T14:33", "0001-01-01T00:00", "99999-07-07T14:33", "1989-12-31T23:59",
     local(timezone.now() + timedelta(days=3653 + 2))],
)  # fmt: skip
def test_an_implausible_publication_time_is_a_vietnamese_form_error(client, moderator, name, typed):
    if name == "approve":
        article = ArticleFactory(status=S.SUBMITTED, title="Hội nghị chờ duyệt")
    else:
        article = PublishedArticleFactory(published_at=timezone.now() + timedelta(days=1), title="Hội nghị hẹn giờ")
    before = Article.objects.values_list("status", "published_at").get(pk=article.pk)
    client.force_login(moderator)
    response = client.post(
        transition_url(article, name), {"publish_at": typed, "seen_version": article.version}, follow=True
    )
    assert response.status_code == 200
    message = errors(response)
    assert "Thời gian xuất bản" in message or "ngày/tháng/năm" in message, message
    assert Article.objects.values_list("status", "published_at").get(pk=article.pk) == before
    assert article.transitions.count() == 0
    client.logout()
    for url in PUBLIC:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_the_bounds_themselves_are_accepted(client, moderator):
    first = ArticleFactory(status=S.SUBMITTED)
    last = ArticleFactory(status=S.SUBMITTED)
    client.force_login(moderator)
    client.post(transition_url(first, "approve"), {"publish_at": "1990-01-01T00:00", "seen_version": 1})
    horizon = timezone.now() + timedelta(days=3653) - timedelta(minutes=2)
    client.post(transition_url(last, "approve"), {"publish_at": local(horizon), "seen_version": 1})
    first.refresh_from_db()
    last.refresh_from_db()
    assert first.published_at == datetime(1990, 1, 1, tzinfo=VIETNAM_TZ)
    assert first.status == last.status == S.PUBLISHED
    assert last.is_scheduled


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value", [datetime(999, 7, 7, tzinfo=VIETNAM_TZ), datetime(1989, 12, 31, 23, 59, tzinfo=VIETNAM_TZ)]
)
def test_the_state_machine_refuses_them_whoever_calls_it(moderator, value):
    article = ArticleFactory(status=S.SUBMITTED)
    with pytest.raises(workflow.TransitionError, match="01/01/1990"):
        workflow.transition(article, "approve", user=moderator, publish_at=value, seen_version=article.version)
    imported = ArticleFactory(status=S.DRAFT)
    with pytest.raises(workflow.TransitionError, match="01/01/1990"):
        workflow.transition(imported, "import_publish", user=None, publish_at=value)
    assert Article.objects.get(pk=article.pk).status == S.SUBMITTED
    assert Article.objects.get(pk=imported.pk).status == S.DRAFT
