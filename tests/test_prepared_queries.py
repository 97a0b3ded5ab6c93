"""Prepared querysets (articles.models.prepared): the ORM's own results, compiled once, refused when unsafe."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Photo, card_lists, prepared
from articles.models.article_page import published_article
from articles.models.prepared import Prepared

from .factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    PhotoFactory,
    PublishedArticleFactory,
    TopicFactory,
    UnitFactory,
    make_hidden_articles,
)

pytestmark = pytest.mark.django_db


def _published(pk, now):
    return Article.objects.published(now).filter(pk=pk).select_related("category", "cover_photo")


def test_instances_equal_the_querysets_own_with_select_related():
    article = PublishedArticleFactory()
    cover = PhotoFactory(article=article)
    Article.objects.filter(pk=article.pk).update(cover_photo=cover)
    now = timezone.now()

    [found] = Prepared(_published)(pk=article.pk, now=now)
    expected = _published(article.pk, now).get()

    for field in Article._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    with CaptureQueriesContext(connection) as queries:
        assert found.category.name == expected.category.name
        assert found.cover_photo.pk == cover.pk
        assert found.cover_photo.renditions == expected.cover_photo.renditions  # the JSON converter ran
        assert found.published_at == expected.published_at and found.published_at.tzinfo is not None
    assert len(queries) == 0


def test_values_list_rows_flat_and_not():
    older = PublishedArticleFactory(published_at=timezone.now() - timedelta(days=2))
    newer = PublishedArticleFactory(published_at=timezone.now() - timedelta(days=1))
    ids = Prepared(lambda now: Article.objects.published(now).order_by("-published_at").values_list("pk", flat=True))
    rows = Prepared(lambda now: Article.objects.published(now).order_by("published_at").values_list("pk", "title"))

    assert ids(now=timezone.now()) == [newer.pk, older.pk]
    assert rows(now=timezone.now()) == [(older.pk, older.title), (newer.pk, newer.title)]


def test_the_time_argument_is_exact_to_the_second():
    moment = timezone.now().replace(microsecond=0) + timedelta(minutes=5)
    article = PublishedArticleFactory(published_at=moment)
    query = Prepared(_published)

    assert query(pk=article.pk, now=moment - timedelta(seconds=1)) == []
    assert [a.pk for a in query(pk=article.pk, now=moment)] == [article.pk]


def test_each_call_runs_one_query_and_the_queryset_is_built_only_when_prepared():
    articles = PublishedArticleFactory.create_batch(3)
    built = []

    def build(pk, now):
        built.append(pk)
        return _published(pk, now)

    query = Prepared(build)
    for article in articles:
        with CaptureQueriesContext(connection) as queries:
            assert query.first(pk=article.pk, now=timezone.now()).pk == article.pk
        assert len(queries) == 1
    assert len(built) == 2  # the two stand-in builds of the first call, none after


def test_hidden_articles_are_not_found():
    hidden = make_hidden_articles()
    query = Prepared(_published)
    for state, article in hidden.items():
        assert query(pk=article.pk, now=timezone.now()) == [], state


def test_a_number_no_column_holds_matches_nothing_without_a_query():
    query = Prepared(_published)
    with CaptureQueriesContext(connection) as queries:
        assert query(pk=10**30, now=timezone.now()) == []
        assert query(pk=-(10**30), now=timezone.now()) == []
    assert len(queries) == 0


def test_arguments_other_than_ints_and_times_are_refused():
    query = Prepared(_published)
    with pytest.raises(TypeError):
        query(pk="5", now=timezone.now())
    with pytest.raises(TypeError):
        query(pk=True, now=timezone.now())


def test_sql_that_depends_on_an_arguments_value_is_refused():
    # A LIMIT that follows the value: the two stand-in builds give two SQLs.
    depends = Prepared(lambda pk: Article.objects.filter(pk__gte=pk).values_list("pk")[: pk % 1000 + 1])
    with pytest.raises(ImproperlyConfigured, match="depend"):
        depends(pk=1)
    # A constant made from the value is caught the same way.
    constant = Prepared(lambda pk: Article.objects.filter(pk=pk, title=str(pk)).values_list("pk"))
    with pytest.raises(ImproperlyConfigured, match="depend"):
        constant(pk=1)


def test_an_argument_the_sql_does_not_carry_is_refused():
    ignored = Prepared(lambda pk: Article.objects.values_list("pk"))
    with pytest.raises(ImproperlyConfigured, match="pk"):
        ignored(pk=1)


def test_more_than_one_query_is_refused():
    prefetching = Prepared(lambda pk: Article.objects.filter(pk=pk).prefetch_related("units"))
    with pytest.raises(ImproperlyConfigured):
        prefetching(pk=1)


def test_article_page_data_equals_for_page_and_reads_no_more():
    article = PublishedArticleFactory(authors=[AuthorFactory(pen_name="Đ. Thắng"), AuthorFactory(pen_name="H. Lam")])
    article.units.set([UnitFactory(name="Công an tỉnh Nghệ An"), UnitFactory(name="Công an tỉnh Hà Tĩnh")])
    article.topics.set([TopicFactory(name="Thi đua"), TopicFactory(name="An ninh")])
    photos = [PhotoFactory(article=article, position=2, order=1), PhotoFactory(article=article, position=0)]
    Article.objects.filter(pk=article.pk).update(cover_photo=photos[1])
    expected = Article.objects.published().for_page().get(pk=article.pk)

    with CaptureQueriesContext(connection) as queries:
        found = published_article(article.pk)
    assert len(queries) == 5
    with CaptureQueriesContext(connection) as queries:
        assert [a.pen_name for a in found.ordered_authors()] == ["Đ. Thắng", "H. Lam"]
        assert [p.pk for p in found.photos.all()] == [p.pk for p in expected.photos.all()]
        assert [p.pk for p in found.photos.all()] == [photos[1].pk, photos[0].pk]
        assert [u.name for u in found.units.all()] == [u.name for u in expected.units.all()]
        assert [t.name for t in found.topics.all()] == ["An ninh", "Thi đua"]
        assert all(photo.article is found for photo in found.photos.all())
        assert found.category.slug == expected.category.slug and found.cover_photo.pk == photos[1].pk
        assert found.body == expected.body and found.lead == expected.lead
    assert len(queries) == 0


def test_article_page_data_only_for_what_readers_may_see(clock):
    clock.set(timezone.now())
    scheduled = PublishedArticleFactory(published_at=clock.now + timedelta(seconds=1))
    assert published_article(scheduled.pk) is None
    clock.set(clock.now + timedelta(seconds=1))
    assert published_article(scheduled.pk).pk == scheduled.pk
    for state, article in make_hidden_articles().items():
        assert published_article(article.pk) is None, state
    assert published_article(ArticleFactory().pk) is None


def test_article_without_relations_has_empty_ones():
    article = PublishedArticleFactory(authors=[])
    found = published_article(article.pk)
    with CaptureQueriesContext(connection) as queries:
        assert found.ordered_authors() == [] and list(found.photos.all()) == []
        assert list(found.units.all()) == [] and list(found.topics.all()) == []
    assert len(queries) == 0
    assert not ArticleAuthor.objects.filter(article=article).exists() and not Photo.objects.exists()


def test_card_lists_give_what_their_querysets_give():
    section = CategoryFactory(name="An ninh trật tự")
    child = CategoryFactory(name="Phòng chống ma túy", parent=section)
    other = CategoryFactory(name="Pháp luật")
    author = AuthorFactory(pen_name="Đ. Thắng")
    topic = TopicFactory(name="Thi đua")
    start = timezone.now() - timedelta(days=10)
    for day in range(9):
        article = PublishedArticleFactory(
            category=(section, child, other)[day % 3],
            published_at=start + timedelta(days=day),
            authors=[author] if day % 2 else [],
        )
        if day % 4 == 0:
            article.topics.add(topic)
    make_hidden_articles(category=section)
    published = Article.objects.published()
    family = [section.pk, child.pk]
    cases = [
        (card_lists.LATEST.bind(), published),
        (card_lists.SECTION.bind(sections=family), published.filter(category__in=family)),
        (card_lists.SECTION.bind(sections=[other.pk]), published.filter(category=other)),
        (
            card_lists.NewestIds("author", lambda: published.filter(author.article_filter()), 100),
            published.filter(author.article_filter()),
        ),
        (
            card_lists.NewestIds("topic", lambda: published.filter(topics=topic), 100),
            published.filter(topics=topic),
        ),
        (
            card_lists.PERIOD.bind(start=start + timedelta(days=2), end=start + timedelta(days=5)),
            published.between(start + timedelta(days=2), start + timedelta(days=5)),
        ),
    ]
    for cards, queryset in cases:
        expected = list(queryset.values_list("pk", flat=True))
        assert expected, queryset.query
        assert [a.pk for a in cards[0:20]] == expected
        assert [a.pk for a in cards[1:3]] == expected[1:3]
        assert cards.capped_count(100) == len(expected)
        assert cards.capped_count(2) == min(2, len(expected))  # the count stops at its cap
        assert cards[0:0] == []


def test_a_card_list_page_is_one_query_and_its_cards_need_no_more():
    articles = PublishedArticleFactory.create_batch(3)
    for article in articles:
        cover = PhotoFactory(article=article, position=0)
        Article.objects.filter(pk=article.pk).update(cover_photo=cover)
    expected = [(a.category.name, a.cover_photo_id) for a in Article.objects.filter(pk__in=[x.pk for x in articles])]
    cards = card_lists.LATEST.bind()
    with CaptureQueriesContext(connection) as queries:
        assert [(a.category.name, a.cover_photo.pk) for a in cards[0:20]] == expected
    assert len(queries) == 1


def test_compiled_shapes_are_bounded(monkeypatch):
    monkeypatch.setattr(prepared, "MAX_SHAPES", 3)
    article = PublishedArticleFactory()
    query = Prepared(lambda window, now: Article.objects.published(now).values_list("pk")[window[0] : window[1]])
    for stop in range(1, 8):
        assert query((0, stop), now=timezone.now()) == [(article.pk,)]
        assert len(query._compiled) <= 3


def test_a_list_argument_is_an_in_lookup_whose_length_is_the_shape():
    articles = PublishedArticleFactory.create_batch(4)
    ids = Prepared(lambda ids: Article.objects.filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    wanted = sorted(a.pk for a in articles)

    assert ids(ids=wanted[:1]) == wanted[:1]
    assert ids(ids=[wanted[3], wanted[1], wanted[2]]) == [wanted[1], wanted[2], wanted[3]]
    assert ids(ids=(wanted[0], wanted[2])) == [wanted[0], wanted[2]]
    with CaptureQueriesContext(connection) as queries:
        assert ids(ids=[]) == []  # Django's IN () matches nothing without a query; so does this
        assert ids(ids=[wanted[0], 10**20]) == []
    assert len(queries) == 0
    with pytest.raises(TypeError):
        ids(ids=["1"])


def test_card_lists_home_rows_keep_only_what_readers_may_see():
    shown = PublishedArticleFactory()
    hidden = make_hidden_articles()
    found = card_lists.cards_by_id([shown.pk, *(a.pk for a in hidden.values())])
    assert list(found) == [shown.pk]
