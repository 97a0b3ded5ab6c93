"""Stored data, however odd, never breaks a page: every public page and the admin answer without a 500.

Values are written with queryset.update(), past every form and the state machine, as a raw
SQL fix, an old import or a bug elsewhere would leave them. Hypothesis picks the values;
the only limits are what the database itself refuses (its constraints, NUL characters on
PostgreSQL).
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import STORABLE_TIMES, Article, ArticleTransition, Author, Category, Photo, Unit, UnitMembership
from tests.factories import PhotoFactory, PublishedArticleFactory, UnitFactory

pytestmark = pytest.mark.django_db

# Every character PostgreSQL stores: it refuses NUL in text and in jsonb (UntranslatableCharacter).
STORABLE = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
# Text as people, editors and broken imports produce it: marks, control characters, markup, long runs.
TEXT = st.text(alphabet=STORABLE, max_size=120) | st.sampled_from(
    ["", " ", "Hội nghị", "<script>x</script>", "Tiêu/đề?#%", "\x07\x1b", "ĐẢNG BỘ", "a" * 300]
)
SLUG = TEXT.map(lambda value: value[:200])
TIMES = st.datetimes(
    min_value=STORABLE_TIMES[0].replace(tzinfo=None),
    max_value=(STORABLE_TIMES[1] - timedelta(microseconds=1)).replace(tzinfo=None),
).map(lambda value: value.replace(tzinfo=UTC))
RENDITIONS = st.one_of(
    st.just({}),
    st.just([]),
    st.just({"480": "x"}),
    st.just({"abc": {"jpeg": "a.jpg"}}),
    st.just({"480": {"width": 480}}),
    st.just({"960": {"jpeg": "a.jpg", "webp": "a.webp", "height": None}}),
    st.dictionaries(
        st.text(STORABLE, max_size=5),
        st.dictionaries(st.text(STORABLE, max_size=6), st.integers() | st.text(STORABLE, max_size=8)),
    ),
)
# (start, end) of a cluster membership: the database insists end >= start, nothing else.
YEARS = st.tuples(st.integers(0, 32767), st.none() | st.integers(0, 32767)).map(
    lambda pair: (pair[0], None if pair[1] is None else max(pair))
)


def public_urls(article, unit):
    year = f"{article.published_at.year:04d}"
    urls = [
        "/", "/tin-moi/", "/tin-moi/?page=2", f"/{year}/", f"/{year}/01/", f"/{year}/01/01/",
        "/tim-kiem/?q=hoi+nghi", f"/tim-kiem/?q={article.pk}", "/rss/", "/atom/", "/robots.txt",
        "/sitemap.xml", "/sitemap-news.xml", "/sitemap-bai-viet.xml", "/sitemap-chuyen-muc.xml",
        "/sitemap-don-vi.xml", "/sitemap-tac-gia.xml", "/sitemap-trang.xml",
        f"/ban-in/{article.pk}/", unit.get_absolute_url(), f"/rss/don-vi/{unit.slug}/",
    ]  # fmt: skip
    urls.append(article.get_absolute_url())
    urls.append(article.category.get_absolute_url())
    urls += [author.get_absolute_url() for author in article.authors.all()]
    return urls


def admin_urls(article):
    base = f"/admin/articles/article/{article.pk}"
    return [
        "/admin/", "/admin/articles/article/", f"{base}/change/", f"{base}/history/", f"/xem-truoc/{article.pk}/",
        "/admin/articles/photo/", "/admin/articles/unit/", "/admin/articles/category/", "/admin/articles/author/",
    ]  # fmt: skip


def assert_no_server_error(client, urls):
    failures = [(url, client.get(url).status_code) for url in urls]
    assert [(url, code) for url, code in failures if code >= 500] == []


@pytest.fixture
def world(db):
    cluster = UnitFactory(name="Cụm thi đua số 5", kind=Unit.Kind.CLUSTER)
    member = UnitFactory(name="Công an tỉnh Hà Tĩnh")
    UnitMembership.objects.create(cluster=cluster, member=member, start_year=2020)
    article = PublishedArticleFactory(title="Hội nghị sơ kết")
    article.units.add(member)
    photo = PhotoFactory(article=article)
    Article.objects.filter(pk=article.pk).update(cover_photo=photo)
    return article, photo, cluster


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    published_at=TIMES,
    title=TEXT,
    slug=SLUG,
    lead=TEXT,
    body=TEXT,
    source_label=TEXT.map(lambda value: value[:80]),
    category_slug=SLUG.map(lambda value: value[:140]),
    category_name=TEXT.filter(bool),
    pen_name=TEXT.filter(bool),
    author_slug=SLUG.map(lambda value: value[:140]),
    caption=TEXT,
    renditions=RENDITIONS,
    position=st.integers(min_value=0, max_value=32767),
    width=st.none() | st.integers(min_value=0, max_value=2**31 - 1),
    years=YEARS,
)
def test_odd_values_never_break_a_public_or_admin_page(
    world, client, admin_client, published_at, title, slug, lead, body, source_label, category_slug,
    category_name, pen_name, author_slug, caption, renditions, position, width, years,
):  # fmt: skip
    article, photo, cluster = world
    Article.objects.filter(pk=article.pk).update(
        published_at=published_at, title=title, slug=slug, lead=lead, body=body, source_label=source_label
    )
    Category.objects.filter(pk=article.category_id).update(slug=category_slug, name=category_name[:120])
    Author.objects.filter(articles=article).update(pen_name=pen_name[:120], slug=author_slug)
    Photo.objects.filter(pk=photo.pk).update(caption=caption, renditions=renditions, position=position, width=width)
    UnitMembership.objects.filter(cluster=cluster).update(start_year=years[0], end_year=years[1])
    ArticleTransition.objects.create(
        article=article, action="approve", from_status="draft", to_status="published", publish_at=published_at
    )
    article = Article.objects.select_related("category").get(pk=article.pk)

    assert_no_server_error(client, public_urls(article, cluster))
    assert_no_server_error(admin_client, admin_urls(article))


@pytest.mark.parametrize(
    "value",
    [datetime(1, 1, 1, tzinfo=UTC), datetime(999, 5, 5, tzinfo=UTC), datetime(1899, 12, 31, 23, tzinfo=UTC),
     datetime(9000, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, tzinfo=UTC)],
)  # fmt: skip
def test_the_database_refuses_times_no_page_could_print(world, value):
    article = world[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(published_at=value)
    article.refresh_from_db()
    assert article.published_at.year > 1900


def test_the_edges_of_printable_time_render_everywhere(world, client, admin_client):
    article, _photo, cluster = world
    for value in (STORABLE_TIMES[0], STORABLE_TIMES[1] - timedelta(microseconds=1)):
        Article.objects.filter(pk=article.pk).update(published_at=value)
        article = Article.objects.select_related("category").get(pk=article.pk)
        assert_no_server_error(client, public_urls(article, cluster))
        assert_no_server_error(admin_client, admin_urls(article))
    assert client.get(article.get_absolute_url()).status_code == 404  # year 8999: scheduled, not public yet
