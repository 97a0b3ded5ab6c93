"""The restore offer on the change and add forms, who sees it, and the save that ends an autosave."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, ArticleAutosave
from tests.admin_client import change_url, form_data
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/article/add/"
UNSAVED = "<p>Đoạn chưa lưu của phóng viên.</p>"


def config(response):
    """The #autosave-config JSON autosave.js reads, as the page carries it (None when absent)."""
    html = response.content.decode()
    marker = '<script id="autosave-config" type="application/json">'
    if marker not in html:
        return None
    return json.loads(html.split(marker, 1)[1].split("</script>", 1)[0])


@pytest.fixture
def draft(reporter):
    return ArticleFactory(created_by=reporter, title="Bản đã lưu", body="<p>Đã lưu.</p>")


def login(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_author_is_offered_their_autosave_with_its_time(reporter, draft):
    ArticleAutosave.objects.store(reporter, draft, fields={"title": "Tiêu đề mới"}, body=UNSAVED, version=1)
    data = config(login(reporter).get(change_url(draft)))

    pending = data["pending"]
    assert pending["fields"] == {"title": "Tiêu đề mới"} and pending["body"] == UNSAVED
    assert pending["label"] == timezone.localtime(ArticleAutosave.objects.get().saved_at).strftime("%H:%M")
    assert data["messages"]["offer"] == "Có bản lưu tự động lúc %(time)s — khôi phục?"
    assert data["messages"]["saved"] == "Đã lưu tự động lúc %(time)s"
    assert data["url"] == f"/admin/articles/article/{draft.pk}/autosave/"
    assert (data["user"], data["version"]) == (reporter.pk, 1)


def test_the_add_form_offers_the_new_article_slot(reporter):
    ArticleAutosave.objects.store(reporter, None, fields={"title": "Bài chưa lưu"}, body=UNSAVED)
    data = config(login(reporter).get(ADD))
    assert data["pending"]["fields"] == {"title": "Bài chưa lưu"}
    assert data["url"] == "/admin/articles/article/add/autosave/"
    assert data["storage_key"] == f"newsroom:autosave:{reporter.pk}:new"


def test_nothing_is_offered_when_the_autosave_is_what_is_stored(reporter, draft):
    # Whitespace aside (the browser posts \r\n, the editor writes \n): the same text.
    ArticleAutosave.objects.store(reporter, draft, fields={"title": " Bản  đã lưu"}, body="<p>Đã lưu.</p>\n", version=1)
    assert config(login(reporter).get(change_url(draft)))["pending"] is None


def test_an_empty_new_article_autosave_is_not_offered(reporter):
    ArticleAutosave.objects.store(reporter, None, fields={"title": "", "source_label": "Congannghean.vn"}, body="")
    assert config(login(reporter).get(ADD))["pending"] is None


def test_a_colleagues_later_save_supersedes_an_autosave_of_an_older_version(reporter, draft):
    ArticleAutosave.objects.store(reporter, draft, fields={}, body=UNSAVED, version=1)
    ArticleAutosave.objects.update(saved_at=timezone.now() - timedelta(minutes=5))
    Article.objects.filter(pk=draft.pk).update(version=2, updated_at=timezone.now())
    assert config(login(reporter).get(change_url(draft)))["pending"] is None


def test_an_autosave_written_after_a_colleagues_save_is_offered_as_of_an_older_version(reporter, draft):
    # The reporter kept typing in a form loaded before the colleague saved: their text is still offered,
    # and autosave.js warns that it was written on an older version.
    Article.objects.filter(pk=draft.pk).update(version=2, updated_at=timezone.now() - timedelta(minutes=5))
    ArticleAutosave.objects.store(reporter, draft, fields={}, body=UNSAVED, version=1)
    data = config(login(reporter).get(change_url(draft)))
    assert (data["pending"]["version"], data["version"]) == (1, 2)


def test_a_transition_after_the_autosave_does_not_hide_it(reporter, moderator, draft):
    # The reporter pressed "Gửi duyệt" with unsaved text; the moderator returned the article.
    ArticleAutosave.objects.store(reporter, draft, fields={}, body=UNSAVED, version=1)
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.RETURNED, updated_at=timezone.now())
    assert config(login(reporter).get(change_url(draft)))["pending"]["body"] == UNSAVED


def test_nobody_else_sees_an_autosave(reporter, moderator, draft):
    ArticleAutosave.objects.store(reporter, draft, fields={}, body=UNSAVED, version=1)
    response = login(moderator).get(change_url(draft))
    assert config(response)["pending"] is None
    assert "Đoạn chưa lưu" not in response.content.decode()


def test_the_preview_shows_the_saved_text_not_the_autosave(reporter, draft):
    ArticleAutosave.objects.store(reporter, draft, fields={"title": "Tiêu đề nháp"}, body=UNSAVED, version=1)
    page = login(reporter).get(f"/xem-truoc/{draft.pk}/").content.decode()
    assert "Đã lưu." in page
    assert "Đoạn chưa lưu" not in page and "Tiêu đề nháp" not in page


def test_a_form_the_user_may_not_edit_carries_no_autosave(reporter):
    article = ArticleFactory(created_by=reporter, status=Article.Status.SUBMITTED)
    ArticleAutosave.objects.store(reporter, article, fields={}, body=UNSAVED, version=1)
    response = login(reporter).get(change_url(article))
    assert response.status_code == 200 and config(response) is None


def test_saving_the_form_deletes_the_users_autosave_and_only_theirs(reporter, moderator, draft):
    ArticleAutosave.objects.store(reporter, draft, fields={}, body=UNSAVED, version=1)
    ArticleAutosave.objects.store(moderator, draft, fields={}, body="<p>Của biên tập viên.</p>", version=1)
    client = login(reporter)
    response = client.post(change_url(draft), form_data(client.get(change_url(draft)), body=UNSAVED))
    assert response.status_code == 302
    assert Article.objects.get(pk=draft.pk).body == UNSAVED
    assert list(ArticleAutosave.objects.values_list("user__username", flat=True)) == ["moderator"]
    assert config(client.get(change_url(draft)))["pending"] is None


def test_adding_the_article_deletes_the_new_article_slot(reporter):
    ArticleAutosave.objects.store(reporter, None, fields={"title": "Bài mới"}, body=UNSAVED)
    client = login(reporter)
    data = form_data(client.get(ADD), title="Bài mới", lead="Sapo.", body=UNSAVED, category=str(CategoryFactory().pk))
    assert client.post(ADD, data).status_code == 302
    assert Article.objects.get().title == "Bài mới"
    assert not ArticleAutosave.objects.exists()


def test_a_refused_save_keeps_the_autosave_and_offers_nothing_on_the_form_shown_again(reporter, draft):
    ArticleAutosave.objects.store(reporter, draft, fields={}, body=UNSAVED, version=1)
    client = login(reporter)
    stale = form_data(client.get(change_url(draft)), body=UNSAVED)
    Article.objects.filter(pk=draft.pk).update(version=2)  # a colleague saved meanwhile
    response = client.post(change_url(draft), stale)
    assert response.status_code == 200  # the stale refusal, with the reporter's text in the form
    assert config(response)["pending"] is None
    assert ArticleAutosave.objects.get().body == UNSAVED


def test_a_list_edit_does_not_drop_the_moderators_autosave(moderator):
    article = ArticleFactory(title="Tin nổi bật")
    ArticleAutosave.objects.store(moderator, article, fields={}, body=UNSAVED, version=1)
    client = login(moderator)
    changelist = client.get("/admin/articles/article/")
    formset = changelist.context["cl"].formset
    data = {f"form-{key}": value for key, value in formset.management_form.initial.items()}
    data.update({"form-0-id": str(article.pk), "form-0-is_featured": "on", "_save": "1"})
    assert client.post("/admin/articles/article/", data).status_code == 302
    assert Article.objects.get(pk=article.pk).is_featured
    assert ArticleAutosave.objects.get().body == UNSAVED


@pytest.mark.parametrize(
    ("saved_at", "now", "label"),
    [
        # 00:30 on 7 July in Vietnam is still 6 July in UTC: the day is Vietnam's.
        (datetime(2020, 7, 6, 17, 30, tzinfo=UTC), datetime(2020, 7, 7, 10, 0, tzinfo=UTC), "00:30"),
        (datetime(2020, 7, 6, 16, 59, tzinfo=UTC), datetime(2020, 7, 7, 10, 0, tzinfo=UTC), "23:59 ngày 06/07/2020"),
        (datetime(2020, 7, 7, 7, 32, tzinfo=UTC), datetime(2020, 7, 7, 7, 40, tzinfo=UTC), "14:32"),
    ],
)
def test_the_time_is_vietnam_time_with_the_date_when_not_today(saved_at, now, label):
    assert ArticleAutosave.time_label(saved_at, now=now) == label
