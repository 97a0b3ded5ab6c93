"""An edited file updates its article and records a revision; captions, authors and units follow the file."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from articles.models import Article, ArticleRevision, Author, Photo
from tests.factories import UnitFactory, jpeg_bytes

TEXT = (
    "Thứ Tư, 08/07/2020, 09:05 [GMT+7]\n\n"
    "Công an tỉnh Nghệ An ra quân\n\n"
    "(Congannghean.vn)-Sáng 8/7, Công an tỉnh Nghệ An tổ chức lễ ra quân.\n\n"
    "Quang cảnh lễ ra quân\nQuang cảnh lễ ra quân\n\n"
    "Đoạn một.\n\n"
    "Ảnh hai\nẢnh hai\n\n"
    "Đoạn hai.\n\n"
    "Hoàng Anh\n"
)


def run(path):
    out = StringIO()
    with translation.override("en"):
        call_command("import_articles", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def path(db, tmp_path):
    UnitFactory(name="Công an tỉnh Nghệ An")
    UnitFactory(name="Công an tỉnh Hà Tĩnh")
    path = tmp_path / "ra-quan.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "ra-quan-1.jpg").write_bytes(jpeg_bytes())
    run(path)
    return path


def test_edited_text_updates_the_article_and_records_a_revision(path):
    article = Article.objects.get()
    path.write_text(TEXT.replace("Đoạn hai.", "Đoạn hai, đã sửa."), encoding="utf-8")
    assert "Created: 0, updated: 1, unchanged: 0, failed: 0." in run(path)
    updated = Article.objects.get()
    assert updated.pk == article.pk
    assert "Đoạn hai, đã sửa." in updated.body
    assert updated.version == article.version + 1
    assert updated.updated_at > article.updated_at
    revision = ArticleRevision.objects.filter(article=updated).order_by("-pk").first()
    assert ArticleRevision.objects.filter(article=updated).count() == 2
    assert revision.version == updated.version
    assert "Đoạn hai, đã sửa." in revision.data["body"]
    assert revision.data["import"]["file"] == "ra-quan.txt"
    assert updated.status == Article.Status.PUBLISHED


def test_edited_captions_update_photos_in_place_and_keep_their_files(path):
    first = Photo.objects.get(caption="Quang cảnh lễ ra quân")
    assert first.has_file
    path.write_text(
        TEXT.replace("Quang cảnh lễ ra quân\nQuang cảnh lễ ra quân", "Toàn cảnh buổi lễ\nToàn cảnh buổi lễ").replace(
            "Ảnh hai\nẢnh hai\n\n", ""
        ),
        encoding="utf-8",
    )
    run(path)
    photos = list(Article.objects.get().photos.all())
    assert [(p.pk, p.caption, p.image.name) for p in photos] == [(first.pk, "Toàn cảnh buổi lễ", first.image.name)]


def test_edited_byline_and_lead_change_authors_and_units(path):
    path.write_text(
        TEXT.replace("Hoàng Anh\n", "Minh Đức - Hoàng Anh\n").replace(
            "Công an tỉnh Nghệ An tổ chức", "Công an tỉnh Hà Tĩnh tổ chức"
        ),
        encoding="utf-8",
    )
    run(path)
    article = Article.objects.get()
    assert [a.pen_name for a in article.ordered_authors()] == ["Minh Đức", "Hoàng Anh"]
    assert sorted(article.units.values_list("name", flat=True)) == ["Công an tỉnh Hà Tĩnh", "Công an tỉnh Nghệ An"]
    assert Author.objects.filter(pen_name="Hoàng Anh").count() == 1


def test_new_image_beside_the_file_is_attached_on_the_next_import(path):
    photo = Photo.objects.get(caption="Ảnh hai")
    assert not photo.has_file
    (path.parent / "ra-quan-2.png").write_bytes(jpeg_bytes(color=(0, 0, 200)))
    assert "updated: 1" in run(path)
    photo.refresh_from_db()
    assert photo.has_file
    assert "unchanged: 1" in run(path)


def test_edited_date_line_moves_the_publication_time(path):
    path.write_text(TEXT.replace("Thứ Tư, 08/07/2020, 09:05", "Thứ Năm, 09/07/2020, 07:00"), encoding="utf-8")
    run(path)
    assert Article.objects.get().dateline == "Thứ Năm, 09/07/2020, 07:00 [GMT+7]"
