"""Authors come from the byline (reused by pen name), units from the title and lead, the category from the option."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, Author, Category
from tests.factories import AuthorFactory, CategoryFactory, UnitFactory

TEXT = "Thứ Ba, 07/07/2020, 14:33 [GMT+7]\n\n{title}\n\n(Congannghean.vn)-{lead}\n\nĐoạn.\n\n{byline}\n"


def write(tmp_path, stem, title="Tiêu đề", lead="Sapo.", byline="P.V"):
    path = tmp_path / f"{stem}.txt"
    path.write_text(TEXT.format(title=title, lead=lead, byline=byline), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_existing_author_is_reused_and_new_ones_created_in_byline_order(tmp_path):
    existing = AuthorFactory(pen_name="Minh Đức")
    call_command("import_articles", str(write(tmp_path, "a", byline="Hoàng Anh - Minh Đức")), stdout=StringIO())
    article = Article.objects.get()
    assert article.ordered_authors() == [Author.objects.get(pen_name="Hoàng Anh"), existing]
    assert Author.objects.count() == 2


@pytest.mark.django_db
def test_pen_names_sharing_a_slug_get_distinct_authors(tmp_path):
    call_command("import_articles", str(write(tmp_path, "a", byline="P.V")), stdout=StringIO())
    call_command("import_articles", str(write(tmp_path, "b", byline="P. V")), stdout=StringIO())
    assert sorted(Author.objects.values_list("pen_name", "slug")) == [("P. V", "p-v-2"), ("P.V", "p-v")]


@pytest.mark.django_db
def test_units_named_in_title_or_lead_are_linked(tmp_path):
    cluster = UnitFactory(name="Cụm thi đua số 5")
    x03 = UnitFactory(name="Cục X03")
    UnitFactory(name="Công an tỉnh Hà Tĩnh")
    UnitFactory(name="Cụm thi đua số 50")
    path = write(tmp_path, "a", title="cụm thi đua số 5: sơ kết", lead="Dự có đại diện Cục X03, Bộ Công an.")
    call_command("import_articles", str(path), stdout=StringIO())
    assert set(Article.objects.get().units.all()) == {cluster, x03}


@pytest.mark.django_db
def test_category_option_takes_a_slug_or_a_name(tmp_path):
    law = CategoryFactory(name="Pháp luật")
    security = CategoryFactory(name="An ninh trật tự")
    call_command("import_articles", str(write(tmp_path, "a")), "--category", "phap-luat", stdout=StringIO())
    call_command("import_articles", str(write(tmp_path, "b")), "--category", "an ninh trật tự", stdout=StringIO())
    assert Article.objects.get(import_key="a").category == law
    assert Article.objects.get(import_key="b").category == security


@pytest.mark.django_db
def test_default_category_is_created_when_missing(tmp_path):
    call_command("import_articles", str(write(tmp_path, "a")), stdout=StringIO())
    category = Article.objects.get().category
    assert (category.name, category.slug) == ("Tin tức - Sự kiện", "tin-tuc-su-kien")
    assert Category.objects.count() == 1


@pytest.mark.django_db
def test_import_queries_do_not_grow_with_known_authors(tmp_path, django_assert_max_num_queries):
    for n in range(20):
        AuthorFactory(pen_name=f"Tác giả {n}")
    call_command("import_articles", str(write(tmp_path, "warm", byline="Tác giả 1")), stdout=StringIO())
    # One file: its own rows, the history row and the revision; authors and units come from the run's cache.
    with django_assert_max_num_queries(30):
        call_command("import_articles", str(write(tmp_path, "b", byline="Tác giả 2 - Tác giả 3")), stdout=StringIO())
