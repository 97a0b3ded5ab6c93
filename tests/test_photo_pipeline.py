"""The photo pipeline: what reaches storage is re-encoded, oriented, stripped, and rendered once."""

import io
import tracemalloc

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from articles import photo_checks, photo_urls, photos
from articles.models import Photo
from tests import photo_samples as samples
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def stored_bytes(photo):
    return {name: default_storage.open(name).read() for name in photo_urls.stored_names(photo)}


def store(data, **fields):
    photo = Photo(article=fields.pop("article", None) or ArticleFactory(), **fields)
    return photos.store_photo(photo, samples.upload(data))


def test_camera_jpeg_is_rotated_and_every_stored_file_loses_gps_serial_xmp_and_comment():
    photo = store(samples.camera_jpeg(1800, 1200))
    photo.refresh_from_db()
    files = stored_bytes(photo)
    assert len(files) == 1 + 2 * 3  # original + (WebP, JPEG) x 3 widths
    for name, data in files.items():
        for marker in (samples.GPS_MARKER, samples.SERIAL_MARKER, samples.XMP_MARKER, samples.COMMENT_MARKER):
            assert marker not in data, (name, marker)
        assert b"Exif\x00\x00" not in data, name
        assert b"http://ns.adobe.com/xap" not in data and b"xmpmeta" not in data, name
        with Image.open(io.BytesIO(data)) as img:
            assert not img.getexif(), name
            assert img.height > img.width, name  # Orientation 6 applied: portrait now
    assert (photo.width, photo.height) == (1200, 1800)


def test_rotation_puts_the_left_half_on_top():
    photo = store(samples.camera_jpeg(400, 200))
    with Image.open(photo.image.open()) as img:
        top, bottom = img.getpixel((100, 20)), img.getpixel((100, 380))
    assert top[0] > 150 and top[2] < 80  # red, the original left half
    assert bottom[2] > 150 and bottom[0] < 80  # blue, the original right half


def test_colour_profile_is_kept_in_the_original_and_renditions():
    photo = store(samples.camera_jpeg(1000, 700))
    for name, data in stored_bytes(photo).items():
        with Image.open(io.BytesIO(data)) as img:
            assert img.info.get("icc_profile") == samples.srgb_profile(), name


def test_renditions_are_webp_and_jpeg_at_configured_widths_without_upscaling():
    photo = store(samples.jpeg_bytes(2000, 1000))
    assert sorted(int(w) for w in photo.renditions) == [480, 960, 1600]
    for width, rendition in photo.renditions.items():
        with Image.open(default_storage.open(rendition["webp"])) as webp:
            assert webp.format == "WEBP" and webp.size == (int(width), int(width) // 2)
        with Image.open(default_storage.open(rendition["jpeg"])) as jpeg:
            assert jpeg.format == "JPEG" and jpeg.size == (int(width), int(width) // 2)
        assert rendition["height"] == int(width) // 2
        assert rendition["jpeg_size"] == default_storage.size(rendition["jpeg"])
        assert rendition["webp_size"] == default_storage.size(rendition["webp"])

    small = store(samples.jpeg_bytes(700, 350))
    assert sorted(int(w) for w in small.renditions) == [480, 700]  # 960 and 1600 would be upscaled


def test_stored_names_are_random_and_say_nothing_about_the_upload():
    first = store(samples.jpeg_bytes(600, 400))
    second = store(samples.jpeg_bytes(600, 400))
    names = photo_urls.stored_names(first) + photo_urls.stored_names(second)
    assert len(set(names)) == len(names)
    assert all("photo" not in n.rsplit("/", 1)[-1] and "upload" not in n for n in names)
    token = first.image.name.rsplit("/", 1)[-1].split(".")[0]
    assert len(token) >= 24


def test_bytes_appended_to_a_jpeg_do_not_survive_reencoding():
    photo = store(samples.jpeg_bytes(600, 400) + b"APPENDED-TRAILER-BYTES" * 10)
    for data in stored_bytes(photo).values():
        assert b"APPENDED-TRAILER" not in data


@pytest.mark.parametrize(
    "make, code",
    [
        (lambda: samples.SVG, "file_type"),
        (lambda: samples.HTML, "file_type"),
        (lambda: samples.TEXT, "file_type"),
        (samples.png_html_polyglot, "polyglot"),
        (samples.png_text_polyglot, "polyglot"),
        (samples.jpeg_comment_polyglot, "polyglot"),
        (lambda: samples.jpeg_bytes() + samples.HTML_PAYLOAD, "polyglot"),
        (lambda: samples.png_bytes() + b"not html, still junk", "trailing_data"),
        (lambda: samples.png_header_only(20_000, 20_000), "pixels"),  # 400 MP bomb
        (lambda: samples.png_header_only(10_000, 10_000), "pixels"),  # 100 MP
        (lambda: samples.png_header_only(8_000, 7_000), "pixels"),  # 56 MP: over our limit, under Pillow's
        (samples.oversize_file, "file_size"),  # 21 MB
        (lambda: samples.jpeg_bytes(600, 400)[:-400], "invalid"),  # truncated
        (lambda: b"", "empty"),
    ],
)
def test_refused_files_leave_nothing_in_storage(make, code):
    article = ArticleFactory()
    with pytest.raises(photo_checks.PhotoRejected) as exc:
        photos.store_photo(Photo(article=article), samples.upload(make()))
    assert exc.value.code == code
    assert exc.value.messages[0]
    assert not Photo.objects.exists()
    assert not default_storage.exists("photos") or not any(default_storage.listdir("photos"))


def test_bomb_is_refused_from_its_header_without_decoding():
    data = samples.png_header_only(20_000, 20_000)
    tracemalloc.start()
    with pytest.raises(photo_checks.PhotoRejected):
        photos.process_upload(io.BytesIO(data))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


def test_pixel_limit_is_configurable(settings):
    settings.PHOTO_MAX_PIXELS = 100 * 100
    with pytest.raises(photo_checks.PhotoRejected) as exc:
        photos.process_upload(io.BytesIO(samples.jpeg_bytes(200, 100)))
    assert exc.value.code == "pixels"
    photos.process_upload(io.BytesIO(samples.jpeg_bytes(100, 100)))


def test_size_limit_is_checked_before_reading(settings):
    settings.PHOTO_MAX_BYTES = 1000

    class Unreadable(io.BytesIO):
        size = 5000

        def read(self, *args):
            raise AssertionError("read before the size check")

    with pytest.raises(photo_checks.PhotoRejected) as exc:
        photos.process_upload(Unreadable())
    assert exc.value.code == "file_size"


def test_png_with_transparency_and_webp_are_accepted():
    png = store(samples.png_bytes(800, 600, mode="RGBA", color=(0, 0, 255, 90)))
    assert png.image.name.endswith(".png")
    with Image.open(png.image.open()) as img:
        assert img.mode == "RGBA"
    with Image.open(default_storage.open(png.renditions["480"]["jpeg"])) as jpeg:
        assert jpeg.mode == "RGB"  # flattened on white for the JPEG fallback
    webp = store(samples.webp_bytes(500, 300))
    assert webp.image.name.endswith(".webp")


def test_replacing_a_photo_deletes_its_old_files_after_commit(django_capture_on_commit_callbacks):
    photo = store(samples.jpeg_bytes(600, 400))
    old = photo_urls.stored_names(photo)
    with django_capture_on_commit_callbacks(execute=True):
        photos.store_photo(photo, samples.upload(samples.jpeg_bytes(700, 500)))
    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(name) for name in photo_urls.stored_names(photo))
