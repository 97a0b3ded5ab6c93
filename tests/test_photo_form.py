"""PhotoForm, the admin's photo form and Photo inline form: every image goes through the pipeline."""

import pytest
from django.core.files.storage import default_storage
from django.forms import inlineformset_factory
from PIL import Image

from articles import photo_checks, photo_urls
from articles.models import Article, Photo
from articles.photo_forms import PhotoForm
from tests import photo_samples as samples
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def make_form(data, file_bytes=None, instance=None, **kwargs):
    files = {"image": samples.upload(file_bytes, name="evidence.jpg")} if file_bytes is not None else {}
    instance = instance or Photo(article=ArticleFactory())
    return PhotoForm(data={"position": 0, "order": 0, **data}, files=files, instance=instance, **kwargs)


def all_media_files():
    found = []
    for root in ("photos",):
        if default_storage.exists(root):
            stack = [root]
            while stack:
                current = stack.pop()
                dirs, files = default_storage.listdir(current)
                stack += [f"{current}/{d}" for d in dirs]
                found += [f"{current}/{f}" for f in files]
    return found


def test_valid_upload_is_stored_cleaned_with_renditions(reporter):
    data = {"caption": "Toàn cảnh hội nghị", "credit": "Đ. Thắng"}
    form = make_form(data, samples.camera_jpeg(1800, 1200), user=reporter)
    assert form.is_valid(), form.errors
    photo = form.save()
    photo.refresh_from_db()
    assert photo.uploaded_by == reporter
    assert (photo.width, photo.height) == (1200, 1800)
    assert sorted(photo.renditions) == ["1200", "480", "960"]
    with Image.open(photo.image.open()) as img:
        assert not img.getexif()
    assert all(samples.GPS_MARKER not in default_storage.open(n).read() for n in photo_urls.stored_names(photo))
    assert "evidence" not in photo.image.name


def test_alt_text_defaults_to_the_caption():
    form = make_form({"caption": "Đồng chí Giám đốc phát biểu"}, samples.jpeg_bytes())
    assert form.is_valid(), form.errors
    assert form.save().alt_text == "Đồng chí Giám đốc phát biểu"
    form = make_form({"caption": "Chú thích", "alt_text": "Mô tả riêng"}, samples.jpeg_bytes())
    assert form.is_valid()
    assert form.save().alt_text == "Mô tả riêng"


@pytest.mark.parametrize(
    "data, message",
    [
        (samples.SVG, photo_checks.MSG_TYPE),
        (samples.HTML, photo_checks.MSG_TYPE),
        (samples.png_html_polyglot(), photo_checks.MSG_POLYGLOT),
        (samples.png_header_only(20_000, 20_000), photo_checks.MSG_PIXELS % {"limit": 50}),
        (samples.png_header_only(10_000, 10_000), photo_checks.MSG_PIXELS % {"limit": 50}),
        (samples.oversize_file(21), photo_checks.MSG_BYTES % {"limit": 20}),
    ],
    ids=["svg", "html-renamed-jpg", "png-html-polyglot", "bomb-400mp", "100mp", "21mb"],
)
def test_refused_upload_is_a_form_error_and_nothing_is_saved(data, message):
    form = make_form({"caption": "Ảnh"}, data)
    assert not form.is_valid()
    assert form.errors["image"] == [str(message)]
    assert not Photo.objects.exists()
    assert all_media_files() == []


def test_editing_caption_keeps_the_stored_files():
    form = make_form({"caption": "Cũ"}, samples.jpeg_bytes(600, 400))
    assert form.is_valid()
    photo = form.save()
    names = photo_urls.stored_names(photo)
    form = PhotoForm(data={"caption": "Mới", "position": 2, "order": 0}, files={}, instance=photo)
    assert form.is_valid(), form.errors
    photo = form.save()
    photo.refresh_from_db()
    assert photo.caption == "Mới" and photo_urls.stored_names(photo) == names


def test_clearing_the_image_removes_its_files(django_capture_on_commit_callbacks):
    form = make_form({"caption": "Ảnh"}, samples.jpeg_bytes(600, 400))
    assert form.is_valid()
    photo = form.save()
    names = photo_urls.stored_names(photo)
    form = PhotoForm(data={"caption": "Ảnh", "position": 0, "order": 0, "image-clear": "on"}, instance=photo)
    assert form.is_valid(), form.errors
    with django_capture_on_commit_callbacks(execute=True):
        photo = form.save()
    photo.refresh_from_db()
    assert not photo.image and photo.renditions == {}
    assert not any(default_storage.exists(n) for n in names)


def test_works_as_the_inline_form_of_an_article():
    article = ArticleFactory()
    PhotoFormSet = inlineformset_factory(Article, Photo, form=PhotoForm, extra=2)
    prefix = PhotoFormSet.get_default_prefix()
    data = {
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-caption": "Ảnh một",
        f"{prefix}-0-position": "1",
        f"{prefix}-0-order": "0",
        f"{prefix}-1-caption": "Ảnh hai",
        f"{prefix}-1-position": "2",
        f"{prefix}-1-order": "0",
    }
    files = {
        f"{prefix}-0-image": samples.upload(samples.jpeg_bytes(900, 600)),
        f"{prefix}-1-image": samples.upload(samples.png_html_polyglot(), name="ok.png"),
    }
    formset = PhotoFormSet(data, files, instance=article)
    assert not formset.is_valid()
    assert formset.forms[1].errors["image"] == [str(photo_checks.MSG_POLYGLOT)]

    files[f"{prefix}-1-image"] = samples.upload(samples.png_bytes(300, 200), name="ok.png")
    formset = PhotoFormSet(data, files, instance=article)
    assert formset.is_valid(), formset.errors
    formset.save()
    saved = list(article.photos.order_by("position"))
    assert [p.caption for p in saved] == ["Ảnh một", "Ảnh hai"]
    assert [p.alt_text for p in saved] == ["Ảnh một", "Ảnh hai"]
    assert all(p.renditions and not p.in_body for p in saved)
