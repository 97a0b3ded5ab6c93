"""Photos whose file never arrived (imported captions) are flagged to staff; readers get the caption, no image."""

import re

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


def test_readers_see_the_caption_in_place_and_never_a_broken_image(client, articles):
    with_gap, _complete = articles
    html = client.get(with_gap.get_absolute_url()).content.decode()
    body = html.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
    first, figure, rest = re.split(r"(<figure.*?</figure>)", body, flags=re.S)
    assert "Đoạn thứ nhất." in first and "Đoạn thứ hai." in rest  # position 1: after the first paragraph
    assert 'class="photo photo-caption-only"' in figure
    assert "<figcaption>Chú thích chưa có ảnh</figcaption>" in figure
    assert "<img" not in body and "<picture" not in body and "/anh/" not in body


def test_a_missing_photo_without_caption_shows_nothing(client):
    article = PublishedArticleFactory()
    Photo.objects.create(article=article, caption="", position=1)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<figure" not in html and "<img" not in html


def test_a_missing_photo_with_only_a_credit_shows_the_credit(client):
    article = PublishedArticleFactory()
    Photo.objects.create(article=article, credit="Hoàng Anh", position=0)
    body = client.get(article.get_absolute_url()).content.decode().split('<div class="article-body">', 1)[1]
    assert body.index("(Ảnh: Hoàng Anh)") < body.index("Đoạn thứ nhất.")
    assert "<img" not in body.split("</div>", 1)[0]


def test_the_first_real_photo_still_loads_at_once_after_a_missing_one(client):
    article = PublishedArticleFactory()
    Photo.objects.create(article=article, caption="Chưa có ảnh", position=0)
    PhotoFactory(article=article, caption="Có ảnh", position=1)
    html = client.get(article.get_absolute_url()).content.decode()
    body = html.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
    assert body.index("<figcaption>Chưa có ảnh") < body.index("<figcaption>Có ảnh")
    assert 'loading="lazy"' not in body
