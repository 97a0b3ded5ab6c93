"""The lost update: two people load the same article; the second save is refused and the first one's text stays."""

import pytest
from django.test import Client

from articles.forms import STALE_MESSAGE
from articles.models import Article, ArticleRevision
from tests.admin_client import change_url, form_data
from tests.factories import ArticleFactory, ModeratorFactory, PhotoFactory


@pytest.fixture
def two_editors(db, reporter, moderator):
    first, second = Client(), Client()
    first.force_login(moderator)
    second.force_login(ModeratorFactory(username="moderator_2"))
    return first, second


@pytest.mark.django_db
def test_second_save_of_the_same_version_is_refused_and_first_changes_stay(two_editors, reporter):
    article = ArticleFactory(created_by=reporter, title="Bản gốc")
    first, second = two_editors
    first_data = form_data(first.get(change_url(article)), title="Sửa của người thứ nhất")
    second_data = form_data(second.get(change_url(article)), title="Sửa của người thứ hai")

    assert first.post(change_url(article), first_data).status_code == 302
    response = second.post(change_url(article), second_data)

    assert response.status_code == 200  # the form again, with the refusal and the second person's text
    errors = response.context["adminform"].form.non_field_errors()
    assert errors.as_data()[0].code == "stale"
    body = response.content.decode()
    assert "Sửa của người thứ hai" in body
    assert str(STALE_MESSAGE).split("(")[0].strip() in body
    article.refresh_from_db()
    assert article.title == "Sửa của người thứ nhất"
    assert article.version == 2
    assert ArticleRevision.objects.filter(article=article).count() == 1


@pytest.mark.django_db
def test_after_reloading_the_second_person_can_save(two_editors, reporter):
    article = ArticleFactory(created_by=reporter)
    first, second = two_editors
    stale = form_data(second.get(change_url(article)), title="Cũ")
    first.post(change_url(article), form_data(first.get(change_url(article)), title="Một"))
    assert second.post(change_url(article), stale).status_code == 200
    fresh = form_data(second.get(change_url(article)), title="Hai")
    assert second.post(change_url(article), fresh).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.version) == ("Hai", 3)


@pytest.mark.django_db
def test_a_save_without_a_version_is_refused(client, moderator):
    article = ArticleFactory(title="Không đổi")
    client.force_login(moderator)
    data = form_data(client.get(change_url(article)), title="Đổi", version=None)
    assert client.post(change_url(article), data).status_code == 200
    assert Article.objects.get(pk=article.pk).title == "Không đổi"


@pytest.mark.django_db
def test_photo_caption_changes_are_refused_with_the_stale_form_too(two_editors, reporter):
    article = ArticleFactory(created_by=reporter)
    PhotoFactory(article=article, caption="Chú thích gốc")
    first, second = two_editors
    first_data = form_data(first.get(change_url(article)), **{"photos-0-caption": "Chú thích một"})
    second_data = form_data(second.get(change_url(article)), **{"photos-0-caption": "Chú thích hai"})
    first.post(change_url(article), first_data)
    second.post(change_url(article), second_data)
    assert article.photos.get().caption == "Chú thích một"
