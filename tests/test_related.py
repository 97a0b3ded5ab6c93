"""Related reading: published articles sharing a unit first, then the same section, newest first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import cache as page_cache
from articles.models import Article
from articles.views import related_articles
from tests.factories import ArticleFactory, CategoryFactory, PublishedArticleFactory, UnitFactory

pytestmark = pytest.mark.django_db


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def world():
    section, other_section = CategoryFactory(name="An ninh"), CategoryFactory(name="Pháp luật")
    nghe_an, ha_tinh = UnitFactory(name="Công an tỉnh Nghệ An"), UnitFactory(name="Công an tỉnh Hà Tĩnh")
    article = PublishedArticleFactory(title="Bài chính", category=section, published_at=hours_ago(1))
    article.units.add(nghe_an, ha_tinh)
    return {"article": article, "section": section, "other_section": other_section, "nghe_an": nghe_an}


def make(title, category, hours, *units, **kwargs):
    factory = kwargs.pop("factory", PublishedArticleFactory)
    article = factory(title=title, category=category, published_at=hours_ago(hours), **kwargs)
    article.units.add(*units)
    return article


def titles(articles):
    return [a.title for a in articles]


def test_shared_unit_comes_before_same_section_then_newest_first(world):
    make("Cùng chuyên mục, mới", world["section"], 2)
    make("Cùng đơn vị, cũ", world["other_section"], 50, world["nghe_an"])
    make("Cùng đơn vị và chuyên mục", world["section"], 30, world["nghe_an"])
    make("Không liên quan", world["other_section"], 3)
    assert titles(related_articles(world["article"], 5)) == [
        "Cùng đơn vị và chuyên mục",
        "Cùng đơn vị, cũ",
        "Cùng chuyên mục, mới",
    ]


def test_article_sharing_two_units_appears_once(world):
    make("Hai đơn vị chung", world["other_section"], 2, *world["article"].units.all())
    assert titles(related_articles(world["article"], 5)) == ["Hai đơn vị chung"]


def test_count_is_respected_and_the_article_itself_excluded(world):
    for i in range(8):
        make(f"Liên quan {i}", world["section"], i + 2)
    related = related_articles(world["article"], 5)
    assert titles(related) == [f"Liên quan {i}" for i in range(5)]
    assert world["article"] not in related


def test_unpublished_and_scheduled_articles_are_never_related(world):
    unit = world["nghe_an"]
    for state in ["draft", "submitted", "returned", "unpublished", "trashed"]:
        make(f"Ẩn {state}", world["section"], 2, unit, factory=ArticleFactory, status=state)
    make("Hẹn giờ", world["section"], -1, unit, factory=ArticleFactory, status=Article.Status.PUBLISHED)
    assert related_articles(world["article"], 5) == []


def test_article_without_units_falls_back_to_its_section(world):
    lonely = PublishedArticleFactory(title="Không đơn vị", category=world["other_section"])
    make("Cùng chuyên mục", world["other_section"], 5)
    assert titles(related_articles(lonely, 5)) == ["Cùng chuyên mục"]


def test_article_page_lists_related_articles(client, world):
    make("Cùng đơn vị", world["other_section"], 2, world["nghe_an"])
    content = client.get(world["article"].get_absolute_url()).content.decode()
    assert 'class="related"' in content
    assert "Cùng đơn vị" in content


def test_related_articles_cost_two_small_queries(world, django_assert_num_queries):
    for i in range(10):
        make(f"Liên quan {i}", world["section"], i + 2, world["nghe_an"])
    article = Article.objects.prefetch_related("units", "topics").get(pk=world["article"].pk)
    page_cache.generation()  # the content generation is read once per request anyway
    # The ids of the newest of each kind in one UNION ALL, then those rows by primary key.
    with django_assert_num_queries(2):
        related = related_articles(article, 5)
        [a.get_absolute_url() for a in related]
    # Kept for the content generation: the next reader costs nothing.
    with django_assert_num_queries(0):
        assert related_articles(article, 5) == related


def test_related_list_changes_when_something_is_published(world, moderator):
    from articles import workflow
    from tests.factories import ArticleFactory

    article = Article.objects.prefetch_related("units").get(pk=world["article"].pk)
    before = related_articles(article, 5)
    fresh = ArticleFactory(title="Tin mới cùng chuyên mục", category=world["section"])
    workflow.transition(fresh, "approve", user=moderator, seen_version=fresh.version)
    page_cache.bump()  # what transition() schedules on commit; the test's transaction never commits
    after = related_articles(article, 5)
    assert fresh.pk in [a.pk for a in after]
    assert fresh.pk not in [a.pk for a in before]


def test_shared_topic_comes_before_shared_unit_then_section(world):
    from tests.factories import TopicFactory

    drugs = TopicFactory(name="Phòng chống ma túy")
    world["article"].topics.add(drugs)
    make("Cùng chuyên mục, mới nhất", world["section"], 2)
    make("Cùng đơn vị", world["other_section"], 3, world["nghe_an"])
    make("Cùng chủ đề, cũ", world["other_section"], 90).topics.add(drugs)
    make("Chủ đề khác", world["other_section"], 2).topics.add(TopicFactory(name="Cụm thi đua số 5"))
    article = Article.objects.prefetch_related("units", "topics").get(pk=world["article"].pk)
    assert titles(related_articles(article, 5)) == ["Cùng chủ đề, cũ", "Cùng đơn vị", "Cùng chuyên mục, mới nhất"]


def test_hidden_articles_sharing_a_topic_are_never_related(world):
    from tests.factories import TopicFactory, make_hidden_articles

    drugs = TopicFactory(name="Phòng chống ma túy")
    world["article"].topics.add(drugs)
    for hidden in make_hidden_articles("Ẩn", category=world["other_section"]).values():
        hidden.topics.add(drugs)
    assert related_articles(world["article"], 5) == []
