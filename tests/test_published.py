"""published() is the one definition of what readers see; every other article is a 404."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db

S = Article.Status


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.RETURNED, S.UNPUBLISHED, S.TRASHED])
def test_unpublished_states_are_hidden(client, status):
    article = ArticleFactory(status=status, published_at=timezone.now() - timedelta(days=1))
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/").content.decode()
    assert article.title not in client.get(article.category.get_absolute_url()).content.decode()


def test_scheduled_article_appears_exactly_at_its_time(client):
    when = timezone.now() + timedelta(hours=2)
    article = PublishedArticleFactory(published_at=when)
    assert not Article.objects.published(now=when - timedelta(seconds=1)).filter(pk=article.pk).exists()
    assert Article.objects.published(now=when).filter(pk=article.pk).exists()
    assert Article.objects.published(now=when + timedelta(seconds=1)).filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_published_article_is_shown(client):
    article = PublishedArticleFactory(title="Công an Nghệ An triệt phá đường dây ma túy")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Công an Nghệ An triệt phá đường dây ma túy" in response.content.decode()


def test_changed_slug_redirects_permanently(client):
    article = PublishedArticleFactory(title="Tiêu đề cũ")
    old_url = article.get_absolute_url()
    article.slug = "tieu-de-moi"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert "tieu-de-moi" in response["Location"]


def test_changed_category_redirects_permanently(client):
    from tests.factories import CategoryFactory

    article = PublishedArticleFactory()
    old_url = article.get_absolute_url()
    article.category = CategoryFactory(name="Pháp luật")
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].startswith("/phap-luat/")


def test_server_made_slug_is_vietnamese_aware():
    article = ArticleFactory(title="Đại hội Đảng bộ Công an tỉnh", slug="")
    assert article.slug == "dai-hoi-dang-bo-cong-an-tinh"


def test_admin_style_mangled_slug_is_normalised():
    # Whatever a form posts, the stored slug follows the one Vietnamese rule.
    article = ArticleFactory(title="x", slug="Đại hội Ưu tú")
    assert article.slug == "dai-hoi-uu-tu"


def test_control_characters_are_stripped_from_titles(client):
    article = PublishedArticleFactory(title="Tin\x00 nóng\x07\x1b hôm nay")
    assert article.title == "Tin nóng hôm nay"
    assert client.get(article.get_absolute_url()).status_code == 200
