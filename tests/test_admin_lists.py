"""The other admin lists (units, authors, sections, photos, topics): fixed query counts, reporters see own photos."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    PhotoFactory,
    TopicFactory,
    UnitFactory,
    UnitMembershipFactory,
)


def make_units(n, start):
    parent = UnitFactory(name="Bộ Công an")
    for i in range(start, start + n):
        UnitFactory(name=f"Công an huyện {i}", parent=parent)


def make_authors(n, start):
    unit = UnitFactory(name="Công an tỉnh Nghệ An")
    for i in range(start, start + n):
        AuthorFactory(pen_name=f"Tác giả {i}", unit=unit)


def make_categories(n, start):
    parent = CategoryFactory(name="Tin tức")
    for i in range(start, start + n):
        CategoryFactory(name=f"Mục {i}", parent=parent)


def make_photos(n, start):
    article = ArticleFactory()
    for _ in range(n):
        PhotoFactory(article=article)


def make_topics(n, start):
    for i in range(start, start + n):
        ArticleFactory().topics.add(TopicFactory(name=f"Chủ đề {i}"))


LISTS = [
    ("/admin/articles/unit/", make_units),
    ("/admin/articles/author/", make_authors),
    ("/admin/articles/category/", make_categories),
    ("/admin/articles/photo/", make_photos),
    ("/admin/articles/topic/", make_topics),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "make"), LISTS)
def test_list_runs_the_same_queries_for_1_and_30_rows(client, moderator, django_assert_num_queries, url, make):
    client.force_login(moderator)
    make(1, 0)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    make(29, 1)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.context["cl"].result_count >= 30


@pytest.mark.django_db
def test_reporter_sees_only_photos_of_own_articles_and_cannot_edit_them_there(client, reporter, other_reporter):
    mine = PhotoFactory(article=ArticleFactory(created_by=reporter), caption="Ảnh của tôi")
    PhotoFactory(article=ArticleFactory(created_by=other_reporter), caption="Ảnh người khác")
    client.force_login(reporter)
    response = client.get("/admin/articles/photo/")
    assert [p.pk for p in response.context["cl"].result_list] == [mine.pk]
    assert "Ảnh người khác" not in response.content.decode()
    page = client.get(f"/admin/articles/photo/{mine.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()


@pytest.mark.django_db
def test_cluster_page_edits_its_member_units(client, moderator):
    membership = UnitMembershipFactory(start_year=2020, end_year=2023)
    client.force_login(moderator)
    response = client.get(f"/admin/articles/unit/{membership.cluster.pk}/change/")
    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    assert [f.instance.pk for f in formsets] == [membership.cluster.pk]
    assert membership.member.name in response.content.decode()
    plain = client.get(f"/admin/articles/unit/{membership.member.pk}/change/")
    assert plain.context["inline_admin_formsets"] == []
