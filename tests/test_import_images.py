"""Images beside a text file attach to its photos in order through the pipeline; a missing one leaves the caption."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from articles.models import Article
from tests.factories import jpeg_bytes

TEXT = (
    "Thứ Ba, 07/07/2020, 14:33 [GMT+7]\n\nBa ảnh\n\n(Congannghean.vn)-Sapo.\n\n"
    "Ảnh một\nẢnh một\n\nĐoạn 1.\n\nẢnh hai\nẢnh hai\n\nĐoạn 2.\n\nẢnh ba\nẢnh ba\n\nP.V\n"
)


def run(path):
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        try:
            call_command("import_articles", str(path), stdout=out, stderr=err)
            code = 0
        except CommandError as exc:
            code = exc.returncode
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "ba-anh.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def png_bytes():
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (30, 20), (0, 0, 255)).save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.django_db
def test_images_attach_in_order_with_their_format(path):
    (path.parent / "ba-anh-1.jpg").write_bytes(jpeg_bytes(width=40, height=30))
    (path.parent / "ba-anh-2.png").write_bytes(png_bytes())
    (path.parent / "ba-anh-3.JPEG").write_bytes(jpeg_bytes(width=50, height=10))
    assert run(path)[0] == 0
    article = Article.objects.get()
    photos = list(article.photos.all())
    assert [(p.caption, p.position, p.width, p.height) for p in photos] == [
        ("Ảnh một", 0, 40, 30),
        ("Ảnh hai", 1, 30, 20),
        ("Ảnh ba", 2, 50, 10),
    ]
    assert photos[1].image.name.endswith(".png")
    assert article.cover_photo == photos[0]


@pytest.mark.django_db
def test_photo_without_a_file_keeps_its_caption_and_readers_see_no_broken_image(path, client):
    (path.parent / "ba-anh-1.jpg").write_bytes(jpeg_bytes())
    run(path)
    article = Article.objects.get()
    assert [p.has_file for p in article.photos.all()] == [True, False, False]
    assert list(article.photos.values_list("caption", flat=True)) == ["Ảnh một", "Ảnh hai", "Ảnh ba"]
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("<img") == 1
    assert 'src=""' not in html


@pytest.mark.django_db
def test_image_the_pipeline_refuses_is_reported_and_the_caption_kept(path):
    (path.parent / "ba-anh-1.jpg").write_bytes(b"<?php echo 'not an image'; ?>")
    code, out, err = run(path)
    assert code == 0
    assert "ba-anh-1.jpg" in err and "refused" in err
    photo = Article.objects.get().photos.get(caption="Ảnh một")
    assert not photo.has_file
    assert "Created: 1" in out
    # Nothing changed since: the refused file is not tried again and again.
    assert "unchanged: 1" in run(path)[1]
