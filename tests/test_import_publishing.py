"""Imports are published at their date-line time through the state machine; --draft leaves them for review."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article

TEXT = "Thứ Ba, 07/07/2020, 14:33 [GMT+7]\n\nBài cũ\n\n(Congannghean.vn)-Sapo.\n\nĐoạn.\n\nP.V\n"


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "bai-cu.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_import_publishes_at_the_date_line_time_with_a_history_row(path):
    call_command("import_articles", str(path), stdout=StringIO())
    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert article.dateline == "Thứ Ba, 07/07/2020, 14:33 [GMT+7]"
    assert Article.objects.published().filter(pk=article.pk).exists()
    entry = article.transitions.get()
    assert (entry.action, entry.from_status, entry.to_status, entry.actor) == (
        "import_publish",
        Article.Status.DRAFT,
        Article.Status.PUBLISHED,
        None,
    )
    assert entry.publish_at == article.published_at


@pytest.mark.django_db
def test_draft_option_leaves_imports_unpublished(path, client):
    call_command("import_articles", str(path), "--draft", stdout=StringIO())
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert not article.transitions.exists()
    assert not Article.objects.published().exists()
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_reimport_without_draft_does_not_publish_a_draft(path):
    call_command("import_articles", str(path), "--draft", stdout=StringIO())
    path.write_text(TEXT.replace("Đoạn.", "Đoạn đã sửa."), encoding="utf-8")
    call_command("import_articles", str(path), stdout=StringIO())
    article = Article.objects.get()
    assert "Đoạn đã sửa." in article.body
    assert article.status == Article.Status.DRAFT


def test_import_publish_is_for_the_system_actor_only(moderator, superuser):
    from articles.workflow import TRANSITIONS

    allowed = TRANSITIONS["import_publish"].allowed
    assert allowed(None, None)
    assert not allowed(moderator, None)
    assert not allowed(superuser, None)
