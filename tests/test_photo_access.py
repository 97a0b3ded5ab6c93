"""Photo files are reachable by readers only while their article is published."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from articles import photo_urls, photos, workflow
from articles.models import Article, Photo
from tests import photo_samples as samples
from tests.factories import ArticleFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db


def add_photo(article, **fields):
    return photos.store_photo(Photo(article=article, **fields), samples.upload(samples.jpeg_bytes(1000, 600)))


def file_urls(photo):
    return [photo_urls.photo_url(photo, name) for name in photo_urls.stored_names(photo)]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_readers_get_every_file_of_a_published_photo(client):
    photo = add_photo(PublishedArticleFactory())
    for url, name in zip(file_urls(photo), photo_urls.stored_names(photo), strict=True):
        response = client.get(url)
        assert response.status_code == 200
        assert body(response) == default_storage.open(name).read()
        assert response["Cache-Control"].startswith("public, max-age=")


@pytest.mark.parametrize(
    "status, when",
    [
        (Article.Status.DRAFT, None),
        (Article.Status.SUBMITTED, None),
        (Article.Status.RETURNED, None),
        (Article.Status.UNPUBLISHED, None),
        (Article.Status.TRASHED, None),
        (Article.Status.PUBLISHED, timedelta(hours=1)),  # scheduled: not yet
    ],
)
def test_unpublished_articles_photos_are_404_for_readers(client, status, when):
    article = ArticleFactory(status=status, published_at=timezone.now() + when if when else None)
    photo = add_photo(article)
    body_photo = add_photo(article, in_body=True)
    for url in file_urls(photo) + file_urls(body_photo):
        assert client.get(url).status_code == 404


def test_photo_disappears_when_its_article_is_unpublished(client, moderator):
    article = PublishedArticleFactory()
    url = file_urls(add_photo(article))[0]
    assert client.get(url).status_code == 200
    workflow.transition(article, "unpublish", user=moderator)
    assert client.get(url).status_code == 404


def test_author_and_moderator_see_draft_photos_privately(client, reporter, other_reporter, moderator):
    article = ArticleFactory(created_by=reporter)
    url = file_urls(add_photo(article))[1]
    client.force_login(other_reporter)
    assert client.get(url).status_code == 404
    for user in (reporter, moderator):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


def test_a_file_name_from_another_photo_or_a_guess_is_404(client):
    first = add_photo(PublishedArticleFactory())
    second = add_photo(PublishedArticleFactory())
    other_name = photo_urls.stored_names(second)[0].rsplit("/", 1)[-1]
    assert client.get(f"/anh/{first.pk}/{other_name}").status_code == 404
    assert client.get(f"/anh/{first.pk}/..%2F..%2Fsettings.py").status_code == 404
    assert client.get(f"/anh/{first.pk}/photo.jpg").status_code == 404
    assert client.get("/anh/999999/x.jpg").status_code == 404


def test_x_accel_redirect_hands_the_file_to_the_web_server(client, settings):
    settings.PHOTO_ACCEL_REDIRECT = "/_photos/"
    photo = add_photo(PublishedArticleFactory())
    response = client.get(file_urls(photo)[0])
    assert response["X-Accel-Redirect"] == "/_photos/" + photo.image.name
    assert response.content == b""


def test_photo_files_only_answer_get_and_head(client):
    url = file_urls(add_photo(PublishedArticleFactory()))[0]
    assert client.post(url).status_code in (403, 405)
    assert client.head(url).status_code == 200
