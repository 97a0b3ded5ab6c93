"""Photos whose file never arrived (imported captions) are flagged to staff and hidden from readers."""

import pytest
from django.urls import reverse

from articles.models import Photo
from tests.factories import PhotoFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles():
    with_gap = PublishedArticleFactory(title="Bài thiếu ảnh")
    Photo.objects.create(article=with_gap, caption="Chú thích chưa có ảnh", position=1)
    complete = PublishedArticleFactory(title="Bài đủ ảnh")
    PhotoFactory(article=complete, caption="Ảnh đầy đủ")
    return with_gap, complete


def test_article_list_filters_articles_with_missing_photo_files(client, moderator, articles):
    client.force_login(moderator)
    html = client.get(reverse("admin:articles_article_changelist"), {"photo_file": "missing"}).content.decode()
    assert "Bài thiếu ảnh" in html
    assert "Bài đủ ảnh" not in html


def test_photo_list_flags_the_missing_file(client, moderator, articles):
    client.force_login(moderator)
    html = client.get(reverse("admin:articles_photo_changelist"), {"photo_file": "missing"}).content.decode()
    assert "Chú thích chưa có ảnh" in html
    assert "Ảnh đầy đủ" not in html
    assert 'class="photo-missing"' in html


def test_readers_never_see_a_broken_image(client, articles):
    with_gap, _complete = articles
    html = client.get(with_gap.get_absolute_url()).content.decode()
    assert "Chú thích chưa có ảnh" not in html
    assert "<figure" not in html
