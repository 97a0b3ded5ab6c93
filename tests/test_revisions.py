"""Revisions: every save and every transition is recorded; two can be compared; one can be restored."""

import pytest
from django.utils import timezone

from articles import revisions
from articles.models import Article, ArticleRevision
from tests.admin_client import change_url, form_data
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, UnitFactory


def save_through_admin(client, article, **changes):
    response = client.post(change_url(article), form_data(client.get(change_url(article)), **changes))
    assert response.status_code == 302
    return Article.objects.get(pk=article.pk)


@pytest.mark.django_db
def test_each_admin_save_records_text_captions_units_and_authors(client, reporter):
    unit = UnitFactory(name="Công an tỉnh Nghệ An")
    author = AuthorFactory(pen_name="Đ. Thắng")
    article = ArticleFactory(created_by=reporter, authors=[author])
    article.units.add(unit)
    PhotoFactory(article=article, caption="Toàn cảnh")
    client.force_login(reporter)
    save_through_admin(client, article, title="Lần một")
    save_through_admin(client, article, title="Lần hai", **{"photos-0-caption": "Chú thích mới"})

    first, second = ArticleRevision.objects.filter(article=article).order_by("pk")
    assert (first.version, second.version) == (2, 3)
    assert first.data["title"] == "Lần một" and second.data["title"] == "Lần hai"
    assert second.data["photos"][0]["caption"] == "Chú thích mới"
    assert second.data["units"] == [{"id": unit.pk, "name": "Công an tỉnh Nghệ An"}]
    assert second.data["authors"] == [{"id": author.pk, "name": "Đ. Thắng"}]
    assert second.created_by == reporter


@pytest.mark.django_db
def test_bulk_actions_and_transition_buttons_record_revisions(client, moderator):
    articles = ArticleFactory.create_batch(3, status=Article.Status.PUBLISHED, published_at=timezone.now())
    client.force_login(moderator)
    client.post(
        "/admin/articles/article/",
        {"action": "transition_unpublish", "_selected_action": [str(a.pk) for a in articles]},
    )
    client.post(f"/admin/articles/article/{articles[0].pk}/transition/approve/", {"seen_version": 1})
    for article in articles:
        assert Article.objects.get(pk=article.pk).status in (Article.Status.PUBLISHED, Article.Status.UNPUBLISHED)
        assert ArticleRevision.objects.filter(article=article, created_by=moderator).exists()
    assert ArticleRevision.objects.filter(article=articles[0]).count() == 2


@pytest.mark.django_db
def test_compare_shows_escaped_line_differences(client, moderator):
    article = ArticleFactory(body="<p>Đoạn một.</p><p>Đoạn hai.</p>", title="Cũ")
    old = revisions.record(article, user=moderator)
    Article.objects.filter(pk=article.pk).update(title="<b>Mới</b>", body="<p>Đoạn một.</p><p>Đoạn ba.</p>")
    new = revisions.record(Article.objects.get(pk=article.pk), user=moderator)

    changes = {name: rows for name, _label, rows in revisions.compare(old, new)}
    assert ("remove", "<p>Đoạn hai.</p>") in changes["body"]
    assert ("add", "<p>Đoạn ba.</p>") in changes["body"]
    assert ("same", "<p>Đoạn một.</p>") in changes["body"]
    assert "lead" not in changes

    client.force_login(moderator)
    url = f"/admin/articles/article/{article.pk}/revisions/compare/?old={new.pk}&new={old.pk}"
    body = client.get(url).content.decode()
    assert "&lt;b&gt;Mới&lt;/b&gt;" in body and "<b>Mới</b>" not in body
    assert "&lt;p&gt;Đoạn ba.&lt;/p&gt;" in body


@pytest.mark.django_db
def test_compare_with_bad_input_goes_back_to_history_with_a_message(client, moderator):
    article = ArticleFactory()
    other = revisions.record(ArticleFactory(), user=moderator)
    client.force_login(moderator)
    for query in ("", "?old=abc&new=1", f"?old={other.pk}&new={other.pk}"):
        response = client.get(f"/admin/articles/article/{article.pk}/revisions/compare/{query}")
        assert response.status_code == 302
        assert response["Location"].endswith(f"/admin/articles/article/{article.pk}/history/")


@pytest.mark.django_db
def test_restore_puts_old_content_back_as_a_new_revision(client, moderator):
    unit_a, unit_b = UnitFactory(), UnitFactory()
    author_a, author_b = AuthorFactory(), AuthorFactory()
    article = ArticleFactory(title="Phiên bản một", authors=[author_a])
    article.units.add(unit_a)
    photo = PhotoFactory(article=article, caption="Chú thích một")
    old = revisions.record(Article.objects.get(pk=article.pk), user=moderator)

    client.force_login(moderator)
    save_through_admin(
        client,
        article,
        title="Phiên bản hai",
        units=[str(unit_b.pk)],
        **{"article_authors-0-author": str(author_b.pk), "photos-0-caption": "Chú thích hai"},
    )
    response = client.post(f"/admin/articles/article/{article.pk}/revisions/{old.pk}/restore/")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Phiên bản một"
    assert list(article.units.all()) == [unit_a]
    assert article.ordered_authors() == [author_a]
    photo.refresh_from_db()
    assert photo.caption == "Chú thích một"
    assert article.version == 3
    latest = ArticleRevision.objects.filter(article=article).first()
    assert latest.version == 3 and latest.data["title"] == "Phiên bản một" and latest.created_by == moderator


@pytest.mark.django_db
def test_restore_needs_post(client, moderator):
    article = ArticleFactory(title="Giữ nguyên")
    old = revisions.record(article, user=moderator)
    Article.objects.filter(pk=article.pk).update(title="Mới")
    client.force_login(moderator)
    assert client.get(f"/admin/articles/article/{article.pk}/revisions/{old.pk}/restore/").status_code == 405
    assert Article.objects.get(pk=article.pk).title == "Mới"


@pytest.mark.django_db
def test_history_lists_transitions_and_revisions(client, moderator, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    client.post(f"/admin/articles/article/{article.pk}/transition/submit/")
    client.force_login(moderator)
    client.post(f"/admin/articles/article/{article.pk}/transition/return/", {"note": "Bổ sung ảnh hiện trường."})
    response = client.get(f"/admin/articles/article/{article.pk}/history/")
    body = response.content.decode()
    assert [t.to_status for t in response.context["transitions"]] == ["returned", "submitted"]
    assert "Bổ sung ảnh hiện trường." in body
    assert "reporter_a" in body and "moderator" in body
    assert len(response.context["revisions"]) == 2


@pytest.mark.django_db
def test_restore_refreshes_every_search_key(moderator):
    article = ArticleFactory(title="Hội nghị tổng kết", lead="Sa pô về hội nghị")
    old = revisions.record(article, user=moderator)
    article.title, article.lead = "Tin khác hẳn", "Sa pô khác"
    article.save()
    revisions.restore(old, user=moderator)
    article.refresh_from_db()
    assert " hoi nghi " in article.search_title
    assert " hoi nghi " in article.search_lead
    assert " hoi nghi " in article.search_text


@pytest.mark.django_db
def test_admin_edit_refreshes_every_search_key(client, moderator):
    article = ArticleFactory(title="Tin cũ", lead="Sa pô cũ")
    client.force_login(moderator)
    article = save_through_admin(client, article, title="Hội nghị mới", lead="Sa pô hội nghị")
    assert " hoi nghi moi " in article.search_title
    assert " hoi nghi " in article.search_lead
    assert " hoi nghi moi " in article.search_text
