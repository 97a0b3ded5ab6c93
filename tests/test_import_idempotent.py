"""Importing the same file again changes nothing: no new rows, the same updated_at, no new revision."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from articles.models import Article, ArticleAuthor, ArticleRevision, ArticleTransition, Author, Photo, Unit
from tests.factories import UnitFactory, jpeg_bytes

TEXT = (
    "Thứ Tư, 08/07/2020, 09:05 [GMT+7]\n\n"
    "Công an tỉnh Nghệ An ra quân trấn áp tội phạm\n\n"
    "(Congannghean.vn)-Sáng 8/7, Công an tỉnh Nghệ An tổ chức lễ ra quân.\n\n"
    "Quang cảnh lễ ra quân\nQuang cảnh lễ ra quân\n\n"
    "Đoạn một.\n\n"
    "Lãnh đạo phát biểu Lãnh đạo phát biểu\nLãnh đạo phát biểu\n\n"
    "Đoạn hai.\n\n"
    "Hoàng Anh - Minh Đức\n"
)

MODELS = (Article, ArticleAuthor, ArticleRevision, ArticleTransition, Author, Photo, Unit, Article.units.through)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def run(path):
    out = StringIO()
    with translation.override("en"):
        call_command("import_articles", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def imported(db, tmp_path):
    UnitFactory(name="Công an tỉnh Nghệ An")
    path = tmp_path / "ra-quan.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "ra-quan-1.jpg").write_bytes(jpeg_bytes())
    (tmp_path / "ra-quan-2.jpg").write_bytes(jpeg_bytes(color=(0, 90, 0)))
    assert "Created: 1" in run(path)
    return path


def test_second_import_of_the_same_file_changes_nothing(imported):
    article = Article.objects.get()
    before = counts()
    images = sorted(Photo.objects.values_list("image", flat=True))
    out = run(imported)
    assert "Created: 0, updated: 0, unchanged: 1, failed: 0." in out
    assert counts() == before
    again = Article.objects.get()
    assert (again.updated_at, again.version) == (article.updated_at, article.version)
    assert sorted(Photo.objects.values_list("image", flat=True)) == images


def test_first_import_records_one_revision_and_one_history_row(imported):
    article = Article.objects.get()
    assert article.revisions.count() == 1
    assert article.transitions.get().action == "import_publish"


def test_same_content_in_a_differently_spaced_file_is_unchanged(imported):
    imported.write_text(TEXT.replace("\n\n", "\n\n\u00a0\n\n.\n\n", 2), encoding="utf-8")
    before = counts()
    assert "unchanged: 1" in run(imported)
    assert counts() == before


def test_unchanged_file_keeps_later_admin_edits(imported):
    Article.objects.update(title="Tiêu đề biên tập lại")
    assert "unchanged: 1" in run(imported)
    assert Article.objects.get().title == "Tiêu đề biên tập lại"
