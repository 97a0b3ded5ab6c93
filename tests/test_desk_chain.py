"""The approval chain: reporter -> editor -> leadership for the sections that need sign-off, one step elsewhere."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles import workflow
from articles.models import Article
from articles.revisions import record
from tests.admin_client import change_url, form_data, transition_url
from tests.factories import ArticleFactory, CategoryFactory, ChiefFactory, ModeratorFactory, limit_to_sections

S = Article.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def security():
    return CategoryFactory(name="An ninh trật tự", needs_signoff=True)


def buttons(response):
    return [t.name for t in response.context["transitions"]]


def press(client, article, name, **data):
    article.refresh_from_db()
    return client.post(transition_url(article, name), {"seen_version": article.version, **data}, follow=True)


def test_a_sensitive_article_goes_from_editor_to_leadership_before_it_is_public(
    client, reporter, moderator, chief, security
):
    article = ArticleFactory(created_by=reporter, category=security, title="Triệt phá đường dây ma túy")
    record(article, user=reporter)
    client.force_login(reporter)
    press(client, article, "submit")

    client.force_login(moderator)
    response = client.get(change_url(article))
    assert "forward" in buttons(response) and "approve" not in buttons(response)
    assert "cần lãnh đạo duyệt" in response.content.decode()
    press(client, article, "forward")
    article.refresh_from_db()
    assert article.status == S.SIGNOFF
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert client.get("/tin-moi/").content.decode().count("Triệt phá đường dây ma túy") == 0

    client.force_login(chief)
    response = client.get(change_url(article))
    assert set(buttons(response)) >= {"sign_off", "return", "return_to_editor"}
    press(client, article, "sign_off")
    article.refresh_from_db()
    assert article.status == S.PUBLISHED and Article.objects.published().filter(pk=article.pk).exists()
    history = list(article.transitions.order_by("pk").values_list("action", "from_status", "to_status", "actor"))
    assert history == [
        ("submit", S.DRAFT, S.SUBMITTED, reporter.pk),
        ("forward", S.SUBMITTED, S.SIGNOFF, moderator.pk),
        ("sign_off", S.SIGNOFF, S.PUBLISHED, chief.pk),
    ]
    page = client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert "Chờ lãnh đạo duyệt" in page and "tongbientap" in page


def test_sections_without_the_flag_keep_one_step(client, moderator):
    article = ArticleFactory(status=S.SUBMITTED)
    client.force_login(moderator)
    response = client.get(change_url(article))
    assert "approve" in buttons(response) and "forward" not in buttons(response)
    press(client, article, "approve")
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_sub_sections_of_a_sensitive_section_need_sign_off_too(client, moderator, security):
    article = ArticleFactory(status=S.SUBMITTED, category=CategoryFactory(name="Ma túy", parent=security))
    client.force_login(moderator)
    press(client, article, "approve")
    assert Article.objects.get(pk=article.pk).status == S.SUBMITTED
    assert "forward" in buttons(client.get(change_url(article)))


def test_the_leadership_returns_to_the_editor_or_to_the_reporter_with_a_note(client, reporter, chief, security):
    to_editor = ArticleFactory(created_by=reporter, category=security, status=S.SIGNOFF)
    to_reporter = ArticleFactory(created_by=reporter, category=security, status=S.SIGNOFF)
    client.force_login(chief)
    assert "Hãy viết ghi chú" in str(list(press(client, to_editor, "return_to_editor").context["messages"])[0])
    press(client, to_editor, "return_to_editor", note="Kiểm tra lại số liệu vụ án.")
    press(client, to_reporter, "return", note="Bổ sung ý kiến của cơ quan điều tra.")
    to_editor.refresh_from_db()
    to_reporter.refresh_from_db()
    assert (to_editor.status, to_editor.review_note) == (S.SUBMITTED, "Kiểm tra lại số liệu vụ án.")
    assert (to_reporter.status, to_reporter.review_note) == (S.RETURNED, "Bổ sung ý kiến của cơ quan điều tra.")
    client.force_login(reporter)
    assert "Bổ sung ý kiến của cơ quan điều tra." in client.get(change_url(to_reporter)).content.decode()


def test_an_editor_cannot_sign_off_or_return_what_awaits_the_leadership(client, moderator, security):
    article = ArticleFactory(category=security, status=S.SIGNOFF)
    client.force_login(moderator)
    assert not {"sign_off", "return", "return_to_editor"} & set(buttons(client.get(change_url(article))))
    for name in ("sign_off", "return", "return_to_editor"):
        press(client, article, name, note="x")
    assert Article.objects.get(pk=article.pk).status == S.SIGNOFF


def test_an_edit_after_the_editors_approval_sends_it_back_to_the_editors(client, moderator, chief, security):
    article = ArticleFactory(category=security, status=S.SUBMITTED)
    record(article, user=moderator)
    client.force_login(moderator)
    press(client, article, "forward")
    data = form_data(client.get(change_url(article)), title="Tiêu đề sửa sau khi duyệt")
    response = client.post(change_url(article), data, follow=True)
    article.refresh_from_db()
    assert article.status == S.SUBMITTED
    assert "trở lại chờ biên tập viên" in " ".join(str(m) for m in response.context["messages"])
    reopen = article.transitions.first()
    assert (reopen.action, reopen.from_status, reopen.actor) == ("reopen", S.SIGNOFF, moderator)
    # The next approver sees what changed since the editor's approval.
    client.force_login(chief)
    response = client.get(change_url(article))
    since = response.context["since_approval_url"]
    assert since and "Tiêu đề sửa sau khi duyệt" in client.get(since).content.decode()


def test_a_leader_may_publish_a_sensitive_article_directly(client, chief, security):
    article = ArticleFactory(category=security, status=S.SUBMITTED)
    client.force_login(chief)
    press(client, article, "approve", publish_at=timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    assert Article.objects.get(pk=article.pk).status == S.PUBLISHED


def test_a_published_sensitive_article_is_the_leaderships_to_edit(client, moderator, chief, security):
    article = ArticleFactory(category=security, status=S.PUBLISHED, published_at=timezone.now())
    client.force_login(moderator)
    assert 'name="_save"' not in client.get(change_url(article)).content.decode()
    assert "unpublish" in buttons(client.get(change_url(article)))  # taking it down stays every editor's
    client.force_login(chief)
    assert 'name="_save"' in client.get(change_url(article)).content.decode()


def test_a_limited_editor_sees_and_acts_on_their_sections_only(client, reporter, security):
    sport = CategoryFactory(name="Thể thao")
    editor = limit_to_sections(ModeratorFactory(username="bientap_antt"), security)
    mine = ArticleFactory(category=CategoryFactory(name="Ma túy", parent=security), status=S.SUBMITTED)
    theirs = ArticleFactory(category=sport, status=S.SUBMITTED, title="Giải bóng đá Công an")
    client.force_login(editor)
    listed = client.get("/admin/articles/article/").context["cl"].result_list
    assert [a.pk for a in listed] == [mine.pk]
    assert client.get(change_url(theirs)).status_code == 302  # "does not exist", like another reporter's draft
    press(client, theirs, "return", note="x")
    assert Article.objects.get(pk=theirs.pk).status == S.SUBMITTED
    body = client.get("/admin/").content.decode()
    assert (
        '<li data-queue="review"><a href="/admin/articles/article/?queue=review"><strong class="review-count">1' in body
    )


def test_each_person_sees_what_waits_for_them(client, reporter, moderator, chief, security):
    ArticleFactory(status=S.SUBMITTED)
    ArticleFactory(status=S.SUBMITTED, category=security)
    waiting = ArticleFactory(status=S.SIGNOFF, category=security)
    ArticleFactory(status=S.RETURNED, created_by=reporter)
    expected = {moderator: {"review": 2}, chief: {"review": 2, "signoff": 1}, reporter: {"returned": 1}}
    for user, queues in expected.items():
        client.force_login(user)
        filters = client.get("/admin/articles/article/").context["cl"].filter_specs
        queue_filter = next(f for f in filters if f.parameter_name == "queue")
        assert [name for name, _label in queue_filter.lookup_choices] == list(queues), user
        for name, count in queues.items():
            rows = client.get("/admin/articles/article/", {"queue": name}).context["cl"].result_list
            assert len(rows) == count, (user, name)
    client.force_login(chief)
    assert [a.pk for a in client.get("/admin/articles/article/", {"queue": "signoff"}).context["cl"].result_list] == [
        waiting.pk
    ]


def test_the_sign_off_queue_runs_the_same_queries_for_1_and_30_articles(client, chief, security):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ArticleFactory(status=S.SIGNOFF, category=security)
    client.force_login(chief)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as one:
        client.get("/admin/articles/article/", {"queue": "signoff"})
    ArticleFactory.create_batch(29, status=S.SIGNOFF, category=security)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get("/admin/articles/article/", {"queue": "signoff"})
    assert len(response.context["cl"].result_list) == 30
    assert len(thirty.captured_queries) == len(one.captured_queries)


def test_assign_role_chief_and_setup_roles(db):
    user = ModeratorFactory(username="pho_tong_bien_tap", role=None)
    call_command("setup_roles", stdout=open("/dev/null", "w"))
    call_command("assign_role", "pho_tong_bien_tap", "chief", stdout=open("/dev/null", "w"))
    user = type(user).objects.get(pk=user.pk)
    assert user.has_perm("articles.signoff_article") and user.has_perm("articles.publish_article")
    assert ChiefFactory(username="tbt").groups.get().name == "Lãnh đạo duyệt"


def test_content_changed_leaves_other_states_alone(moderator):
    article = ArticleFactory(status=S.SUBMITTED)
    assert workflow.content_changed(article, user=moderator) is None
    assert Article.objects.get(pk=article.pk).status == S.SUBMITTED
