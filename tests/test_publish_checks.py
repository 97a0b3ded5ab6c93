"""What an article needs before it may be published: alt text on its photos, an author."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article
from tests.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def test_photo_without_alt_or_caption_blocks_publishing(moderator):
    article = ArticleFactory()
    PhotoFactory(article=article, caption="", alt_text="")
    with pytest.raises(workflow.TransitionError):
        workflow.transition(article, "approve", user=moderator, seen_version=article.version)
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_caption_stands_in_for_alt_text(moderator):
    article = ArticleFactory()
    PhotoFactory(article=article, caption="Toàn cảnh Hội nghị", alt_text="")
    workflow.transition(article, "approve", user=moderator, seen_version=article.version)
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_editor_images_carry_alt_in_the_body_and_do_not_block(moderator):
    article = ArticleFactory()
    PhotoFactory(article=article, caption="", alt_text="", in_body=True)
    workflow.transition(article, "approve", user=moderator, seen_version=article.version)
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_article_without_author_cannot_be_published(moderator):
    article = ArticleFactory(authors=[])
    with pytest.raises(workflow.TransitionError):
        workflow.transition(article, "approve", user=moderator, seen_version=article.version)
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_saved_article_editor_uploads_to_its_own_upload_view(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert reverse("articles:editor-upload", kwargs={"article_pk": article.pk}) in html
    assert "ckeditor_uploader" not in html
