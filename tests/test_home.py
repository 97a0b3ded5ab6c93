"""The home page: the lead story, the latest news, and a block per section."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import CategoryFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db


def test_marked_lead_story_leads_even_when_older(client):
    marked = PublishedArticleFactory(title="Tin được chọn", is_featured=True,
                                     published_at=timezone.now() - timedelta(days=3))  # fmt: skip
    PublishedArticleFactory(title="Tin mới nhất")
    response = client.get("/")
    assert response.context["lead"] == marked
    assert marked not in response.context["latest"]


def test_newest_article_leads_when_none_is_marked(client):
    PublishedArticleFactory(title="Tin cũ", published_at=timezone.now() - timedelta(days=1))
    newest = PublishedArticleFactory(title="Tin mới nhất", published_at=timezone.now() - timedelta(minutes=1))
    response = client.get("/")
    assert response.context["lead"] == newest
    assert [a.title for a in response.context["latest"]] == ["Tin cũ"]


def test_each_section_block_shows_its_four_newest(client):
    security = CategoryFactory(name="An ninh trật tự", order=1)
    law = CategoryFactory(name="Pháp luật", order=2)
    now = timezone.now()
    for i in range(6):
        PublishedArticleFactory(category=security, title=f"An ninh {i}", published_at=now - timedelta(hours=i + 1))
    PublishedArticleFactory(category=law, title="Pháp luật 0", published_at=now - timedelta(hours=1))
    blocks = dict(client.get("/").context["category_blocks"])
    assert [a.title for a in blocks[security]] == ["An ninh 0", "An ninh 1", "An ninh 2", "An ninh 3"]
    assert [a.title for a in blocks[law]] == ["Pháp luật 0"]
    assert list(blocks) == [security, law]


def test_sub_section_articles_appear_in_their_parent_block(client):
    parent = CategoryFactory(name="Tin tức - Sự kiện")
    child = CategoryFactory(name="Tin trong tỉnh", parent=parent)
    PublishedArticleFactory(category=child, title="Tin trong tỉnh 1")
    blocks = dict(client.get("/").context["category_blocks"])
    assert child not in blocks
    assert [a.title for a in blocks[parent]] == ["Tin trong tỉnh 1"]


def test_a_section_and_its_sub_sections_share_one_block_of_the_four_newest(client):
    parent = CategoryFactory(name="Tin tức - Sự kiện", order=1)
    child = CategoryFactory(name="Tin trong tỉnh", parent=parent)
    now = timezone.now()
    for i in range(3):
        PublishedArticleFactory(category=parent, title=f"Mục cha {i}", published_at=now - timedelta(hours=2 * i + 1))
        PublishedArticleFactory(category=child, title=f"Mục con {i}", published_at=now - timedelta(hours=2 * i + 2))
    blocks = dict(client.get("/").context["category_blocks"])
    assert [a.title for a in blocks[parent]] == ["Mục cha 0", "Mục con 0", "Mục cha 1", "Mục con 1"]


def test_each_block_is_an_index_range_per_category_not_a_walk_of_the_archive(client):
    parent = CategoryFactory(name="Tin tức - Sự kiện")
    CategoryFactory(name="Tin trong tỉnh", parent=parent)
    PublishedArticleFactory(category=parent)
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    blocks = [q["sql"] for q in queries.captured_queries if q["sql"].count("LIMIT 4") >= 2]
    assert blocks, "the section blocks' query"
    # One subquery per category (section and sub-section), each on category_id alone: the
    # (category, status, published_at) index serves it. No join to the parent section.
    assert '"parent_id"' not in blocks[0].split("WHERE", 1)[1]


def test_kept_choice_never_shows_an_article_withdrawn_behind_its_back(client):
    """The home page's choice of articles is kept per content generation, its rows are not.

    An article withdrawn by a bulk update that moves no generation (a script, a restore) stays
    chosen in the cache, but its row is read through published() again and it is not shown.
    """
    from articles.models import Article

    kept = PublishedArticleFactory(title="Tin vẫn đăng", published_at=timezone.now() - timedelta(hours=2))
    gone = PublishedArticleFactory(title="Tin bị gỡ", published_at=timezone.now() - timedelta(hours=1))
    html = client.get("/").content.decode()
    assert "Tin bị gỡ" in html and "Tin vẫn đăng" in html
    Article.objects.filter(pk=gone.pk).update(status=Article.Status.DRAFT)
    response = client.get("/")
    html = response.content.decode()
    assert "Tin bị gỡ" not in html
    assert response.context["lead"] == kept  # the lead falls back to what is still published
    assert all(a.pk != gone.pk for _section, articles in response.context["category_blocks"] for a in articles)
