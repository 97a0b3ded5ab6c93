"""export_articles writes articles back in the import format, photos beside them; a round trip changes nothing."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from articles.models import Article, ArticleRevision, Photo
from tests.factories import (
    ArticleAuthor,
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    PhotoFactory,
    PublishedArticleFactory,
    jpeg_bytes,
)

SAMPLE = Path(__file__).resolve().parent.parent / "articles" / "demo" / "conference-report-2020-07-07.txt"


def imp(*args):
    out = StringIO()
    with translation.override("en"):
        call_command("import_articles", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def exp(*args):
    out = StringIO()
    with translation.override("en"):
        call_command("export_articles", *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def sample_dir(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(SAMPLE, source / SAMPLE.name)
    for number in (1, 2, 3):
        (source / f"{SAMPLE.stem}-{number}.jpg").write_bytes(jpeg_bytes(color=(number * 50, 0, 0)))
    return source


@pytest.mark.django_db
def test_sample_exports_as_its_text_without_leftovers_and_with_its_photos(sample_dir, tmp_path):
    imp(sample_dir)
    out = tmp_path / "out"
    assert "Exported 1 article(s)" in exp(out)
    written = (out / SAMPLE.name).read_text(encoding="utf-8")
    assert written.startswith("Thứ Ba, 07/07/2020, 14:33 [GMT+7]\n\nCụm thi đua số 5 - Bộ Công an: Sơ kết")
    assert "\n\n(Congannghean.vn)-Sáng 7/7, tại TX Cửa Lò" in written
    assert "\nToàn cảnh Hội nghị\nToàn cảnh Hội nghị\n" in written
    assert written.endswith("\n\nĐ. Thắng\n")
    assert "\n.\n" not in written and "\u00a0\n" not in written
    assert sorted(p.name for p in out.iterdir()) == [
        f"{SAMPLE.stem}-1.jpg",
        f"{SAMPLE.stem}-2.jpg",
        f"{SAMPLE.stem}-3.jpg",
        SAMPLE.name,
    ]
    stored = [p.image.read() for p in Photo.objects.order_by("order")]
    assert [(out / f"{SAMPLE.stem}-{n}.jpg").read_bytes() for n in (1, 2, 3)] == stored


@pytest.mark.django_db
def test_import_export_import_round_trips_without_change(sample_dir, tmp_path):
    imp(sample_dir)
    article = Article.objects.get()
    images = list(Photo.objects.order_by("order").values_list("image", flat=True))
    exp(tmp_path / "out")
    assert "Created: 0, updated: 0, unchanged: 1, failed: 0." in imp(tmp_path / "out")
    again = Article.objects.get()
    assert (again.updated_at, again.version, again.body) == (article.updated_at, article.version, article.body)
    assert list(Photo.objects.order_by("order").values_list("image", flat=True)) == images
    assert ArticleRevision.objects.count() == 1
    # And the second export is byte for byte the first.
    exp(tmp_path / "out2")
    for path in (tmp_path / "out").iterdir():
        assert (tmp_path / "out2" / path.name).read_bytes() == path.read_bytes()


@pytest.mark.django_db
def test_article_written_in_the_admin_exports_to_a_file_that_imports_back_equal(tmp_path):
    article = PublishedArticleFactory(
        title="Bài <viết> & biên tập",
        body="<h2>Phần một</h2><p>Đoạn <strong>đậm</strong> &amp; thường.</p><p>Đoạn hai.</p>",
        authors=[AuthorFactory(pen_name="Hoàng Anh"), AuthorFactory(pen_name="Minh Đức")],
    )
    PhotoFactory(article=article, caption="Ảnh giữa bài", position=2)
    exp(tmp_path / "out")
    (text_file,) = (tmp_path / "out").glob("*.txt")
    assert text_file.stem == f"bai-viet-bien-tap-{article.pk}"
    text = text_file.read_text(encoding="utf-8")
    assert (
        "\n\nPhần một\n\nĐoạn đậm & thường.\n\nẢnh giữa bài\nẢnh giữa bài\n\nĐoạn hai.\n\nHoàng Anh - Minh Đức\n"
        in text
    )
    assert (tmp_path / "out" / f"{text_file.stem}-1.jpg").exists()
    imp(text_file)
    copy = Article.objects.get(import_key=text_file.stem)
    assert copy.title == article.title
    assert [p.pen_name for p in copy.ordered_authors()] == ["Hoàng Anh", "Minh Đức"]
    assert [(p.caption, p.position, p.has_file) for p in copy.photos.all()] == [("Ảnh giữa bài", 2, True)]


@pytest.mark.django_db
def test_export_selects_by_status_and_category(tmp_path):
    news, law = CategoryFactory(name="Tin tức"), CategoryFactory(name="Pháp luật")
    PublishedArticleFactory(title="Tin đã đăng", category=news)
    PublishedArticleFactory(title="Luật đã đăng", category=law)
    ArticleFactory(title="Bản nháp", category=news)
    exp(tmp_path / "published")
    exp(tmp_path / "drafts", "--status", "draft")
    exp(tmp_path / "all", "--all")
    exp(tmp_path / "law", "--category", "phap-luat")

    def titles(folder):
        return sorted(p.read_text(encoding="utf-8").split("\n\n")[1] for p in (tmp_path / folder).glob("*.txt"))

    assert titles("published") == ["Luật đã đăng", "Tin đã đăng"]
    assert titles("drafts") == ["Bản nháp"]
    assert titles("all") == ["Bản nháp", "Luật đã đăng", "Tin đã đăng"]
    assert titles("law") == ["Luật đã đăng"]


@pytest.mark.django_db
def test_article_without_author_is_skipped_with_a_message(tmp_path):
    article = PublishedArticleFactory(authors=[])
    assert not ArticleAuthor.objects.filter(article=article).exists()
    out = exp(tmp_path / "out")
    assert "Exported 0 article(s)" in out and "skipped 1" in out
    assert list((tmp_path / "out").iterdir()) == []
