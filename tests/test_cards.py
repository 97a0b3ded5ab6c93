"""List cards (articles.markup.card): kept per process, and made anew whenever anything they show changes."""

from datetime import UTC, datetime

import pytest
from django.urls import set_script_prefix

from articles import markup
from articles.models import Article, Category, Photo
from tests.factories import CategoryFactory, PhotoFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db


def card_of(pk, **kwargs):
    # As a list page reads it: a fresh row each request.
    return markup.card(Article.objects.for_cards().get(pk=pk), **kwargs)


@pytest.fixture
def article():
    article = PublishedArticleFactory(
        title="Hội nghị sơ kết",
        lead="Sáng 7/7, Công an tỉnh tổ chức hội nghị sơ kết công tác.",
        category=CategoryFactory(name="An ninh trật tự"),
        published_at=datetime(2020, 7, 7, 7, 33, tzinfo=UTC),
    )
    cover = PhotoFactory(article=article, alt_text="Toàn cảnh")
    Article.objects.filter(pk=article.pk).update(cover_photo=cover)
    return article


def test_a_card_shows_its_article_and_is_kept(article):
    first = card_of(article.pk, show_lead=True)
    assert "Hội nghị sơ kết" in first and "07/07/2020 14:33" in first and "An ninh trật tự" in first
    assert 'alt="Toàn cảnh"' in first and "Sáng 7/7" in first
    assert card_of(article.pk, show_lead=True) is first  # the same markup, not built again
    assert "Sáng 7/7" not in card_of(article.pk)  # without the lead: another card


@pytest.mark.parametrize(
    "change, shown",
    [
        (lambda a: Article.objects.filter(pk=a.pk).update(title="Hội nghị tổng kết"), "Hội nghị tổng kết"),
        (lambda a: Article.objects.filter(pk=a.pk).update(lead="Chiều 8/7, hội nghị."), "Chiều 8/7"),
        (lambda a: Article.objects.filter(pk=a.pk).update(slug="hoi-nghi-moi"), "/hoi-nghi-moi-"),
        (
            lambda a: Article.objects.filter(pk=a.pk).update(published_at=datetime(2020, 7, 8, 1, 0, tzinfo=UTC)),
            "08/07/2020 08:00",
        ),
        (lambda a: Category.objects.filter(pk=a.category_id).update(name="An ninh - Trật tự"), "An ninh - Trật tự"),
        (lambda a: Category.objects.filter(pk=a.category_id).update(slug="an-ninh"), "/an-ninh/"),
        (lambda a: Photo.objects.filter(article=a).update(alt_text="Đại biểu dự họp"), 'alt="Đại biểu dự họp"'),
        (lambda a: Photo.objects.filter(article=a).update(image=""), "<article"),
    ],
)
def test_a_card_changes_with_what_it_shows(article, change, shown):
    before = card_of(article.pk, show_lead=True)
    change(article)
    after = card_of(article.pk, show_lead=True)
    assert after != before and shown in after


def test_a_card_follows_the_script_prefix(article):
    assert 'href="/an-ninh-trat-tu/2020/' in card_of(article.pk)
    set_script_prefix("/bao/")
    try:
        assert 'href="/bao/an-ninh-trat-tu/2020/' in card_of(article.pk)
    finally:
        set_script_prefix("/")
