"""The photo pipeline: the only way an image enters storage (addresses: articles/photo_urls.py).

Every upload (admin inline, CKEditor body image, importer, demo loader) goes
through `store_photo`, which runs these steps:

1. size limit (PHOTO_MAX_BYTES), checked before the bytes are read;
2. type decided by content: JPEG, PNG or WebP magic bytes, never the file name;
3. structure walk of the original bytes: markup (HTML, SVG, PHP) hidden in
   metadata segments or after the end of the image is refused (polyglots), and
   PNG/WebP files with data after their end are refused;
4. pixel limit (PHOTO_MAX_PIXELS) from the header before anything is decoded,
   Pillow's DecompressionBombWarning treated as an error, then Pillow verify();
5. decode, apply the EXIF orientation, drop every metadata block (EXIF with GPS,
   XMP, IPTC, maker notes, comments, text chunks) and keep only the ICC profile;
6. re-encode the original and the renditions (PHOTO_RENDITION_WIDTHS, no
   upscaling, WebP + JPEG) once, and store them through Django's storage API
   under the random name the model's upload_to gives the original.
"""

import io
import warnings
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps

from .photo_checks import (
    MSG_BYTES,
    MSG_EMPTY,
    MSG_INVALID,
    MSG_PIXELS,
    MSG_POLYGLOT,
    MSG_SHAPE,
    MSG_TYPE,
    PhotoRejected,
    check_structure,
    has_markup,
    sniff_format,
)
from .photo_urls import stored_names

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}

# The largest side a WebP can have; a rendition taller than this cannot be encoded.
WEBP_MAX_SIDE = 16383
JPEG_QUALITY_ORIGINAL = 90
JPEG_QUALITY_RENDITION = 82
WEBP_QUALITY = 80


@dataclass
class Rendition:
    width: int
    height: int
    webp: bytes
    jpeg: bytes


@dataclass
class ProcessedImage:
    """A cleaned image ready to be written: the re-encoded original and its renditions."""

    data: bytes
    ext: str
    width: int
    height: int
    renditions: list = field(default_factory=list)


# --- Limits and reading ------------------------------------------------------------


def max_pixels():
    return settings.PHOTO_MAX_PIXELS


def max_bytes():
    return settings.PHOTO_MAX_BYTES


def rendition_widths():
    return sorted(settings.PHOTO_RENDITION_WIDTHS)


def _declared_size(fileobj):
    size = getattr(fileobj, "size", None)
    if size is not None:
        return size
    try:
        position = fileobj.tell()
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell()
        fileobj.seek(position)
        return size
    except (AttributeError, OSError, ValueError):
        return None


def read_upload(fileobj):
    """The upload's bytes; refused when larger than PHOTO_MAX_BYTES, checked before reading them all."""
    limit = max_bytes()
    too_big = PhotoRejected(MSG_BYTES % {"limit": limit // (1024 * 1024)}, code="file_size")
    size = _declared_size(fileobj)
    if size is not None and size > limit:
        raise too_big
    if hasattr(fileobj, "seek"):
        try:
            fileobj.seek(0)
        except (OSError, ValueError):
            pass
    data = fileobj.read(limit + 1)  # a stream that lied about its size stops here
    if len(data) > limit:
        raise too_big
    if not data:
        raise PhotoRejected(MSG_EMPTY, code="empty")
    return data


# --- Decoding -----------------------------------------------------------------------


def _too_many_pixels():
    return PhotoRejected(MSG_PIXELS % {"limit": max_pixels() // 1_000_000}, code="pixels")


def _open(data, fmt):
    """Open lazily (header only) and check the dimensions before any pixel is decoded."""
    img = Image.open(io.BytesIO(data), formats=[fmt])
    width, height = img.size
    if width <= 0 or height <= 0:
        raise PhotoRejected(MSG_INVALID, code="invalid")
    if width * height > max_pixels():
        raise _too_many_pixels()
    return img


def _check_text_metadata(img):
    """Text Pillow decoded from compressed chunks (zTXt, iTXt) is scanned for markup too."""
    for value in img.info.values():
        if isinstance(value, str):
            value = value.encode("utf-8", "replace")
        if isinstance(value, bytes) and has_markup(value):
            raise PhotoRejected(MSG_POLYGLOT, code="polyglot")


def _normalise_mode(img):
    """RGB, RGBA or L, the modes every output format accepts; CMYK loses its (CMYK) profile."""
    if img.mode in ("RGB", "RGBA", "L"):
        return img
    if img.mode in ("LA", "PA", "La", "RGBa") or (img.mode == "P" and "transparency" in img.info):
        return img.convert("RGBA")
    return img.convert("RGB")


def decode(data):
    """Validated, oriented, metadata-free pixels: returns (image, format, icc_profile)."""
    fmt = sniff_format(data)
    check_structure(data, fmt)
    try:
        with warnings.catch_warnings():
            # A file past Pillow's own bomb threshold is refused, never decoded.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with _open(data, fmt) as probe:
                if probe.format != fmt:
                    raise PhotoRejected(MSG_TYPE, code="file_type")
                probe.verify()
            img = _open(data, fmt)
            _check_text_metadata(img)
            img.load()
            icc = img.info.get("icc_profile") or None
            source_mode = img.mode
            ImageOps.exif_transpose(img, in_place=True)  # no 72 MB copy of a 24 MP photo
            clean = _normalise_mode(img)
            if clean is not img:
                img.close()
    except PhotoRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except Exception:  # any decoder error, MemoryError included, is a bad file, never a 500
        raise PhotoRejected(MSG_INVALID, code="invalid") from None
    if source_mode == "CMYK":
        icc = None  # a CMYK profile does not describe the RGB pixels we keep
    # Nothing from the source's metadata may reach an encoder: EXIF, XMP,
    # comments, text chunks. Only the colour profile is passed on explicitly.
    clean.info = {}
    return clean, fmt, icc


# --- Encoding -------------------------------------------------------------------------


def _flatten(img):
    """JPEG has no alpha: composite on white."""
    if img.mode != "RGBA":
        return img if img.mode in ("RGB", "L") else img.convert("RGB")
    background = Image.new("RGB", img.size, (255, 255, 255))
    background.paste(img, mask=img.getchannel("A"))
    return background


def _encode(img, fmt, icc, original=False):
    out = io.BytesIO()
    options = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG" and original:
        # Readers get renditions, not the original: skip the slow progressive/optimise passes.
        _flatten(img).save(out, "JPEG", quality=JPEG_QUALITY_ORIGINAL, **options)
    elif fmt == "JPEG":
        img = _flatten(img)
        img.save(out, "JPEG", quality=JPEG_QUALITY_RENDITION, optimize=True, progressive=True, **options)
    elif fmt == "WEBP":
        img.save(out, "WEBP", quality=WEBP_QUALITY, method=4, **options)
    else:
        img.save(out, "PNG", optimize=False, **options)
    return out.getvalue()


def target_widths(width):
    """Configured widths below the original, plus the original width when it is smaller than the largest."""
    widths = [w for w in rendition_widths() if w < width]
    if not widths or width < rendition_widths()[-1]:
        widths.append(width)
    return sorted(set(widths))


def make_renditions(img, icc):
    """Each target width as WebP and JPEG, largest first, each resized from the previous one.

    Cascading from the previous (larger) rendition instead of the full image
    makes the smaller sizes cheap; reducing_gap lets Pillow shrink by whole
    factors first on the big step, at no visible cost.
    """
    width, height = img.size
    renditions = []
    source = img
    for target in reversed(target_widths(width)):
        target_height = max(1, round(height * target / width))
        if target_height > WEBP_MAX_SIDE:
            raise PhotoRejected(MSG_SHAPE, code="shape")
        if target != source.width:
            resized = source.resize((target, target_height), Image.Resampling.LANCZOS, reducing_gap=3.0)
            if source is not img:
                source.close()
            source = resized
        renditions.append(
            Rendition(target, target_height, webp=_encode(source, "WEBP", icc), jpeg=_encode(source, "JPEG", icc))
        )
    if source is not img:
        source.close()
    return sorted(renditions, key=lambda r: r.width)


def process_upload(fileobj):
    """Run every check and produce the cleaned original and renditions, in memory; nothing is stored."""
    data = read_upload(fileobj)
    img, fmt, icc = decode(data)
    del data
    width, height = img.size
    try:
        original = _encode(img, fmt, icc, original=True)
        renditions = make_renditions(img, icc)
    except PhotoRejected:
        raise
    except Exception:
        raise PhotoRejected(MSG_INVALID, code="invalid") from None
    finally:
        img.close()
    return ProcessedImage(original, FORMATS[fmt], width, height, renditions)


# --- Storage ----------------------------------------------------------------------------


def delete_files(storage, names):
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            pass


def write_files(photo, processed):
    """Store `processed` as `photo`'s files and fill its image, size and renditions; does not save `photo`.

    The original gets the model's random name (photo_upload_to); renditions are
    named after it, so they are as unguessable. Returns the names the photo had
    before, for the caller to delete once the new ones are committed.
    """
    previous = stored_names(photo)
    photo.image.save(f"upload.{processed.ext}", ContentFile(processed.data), save=False)
    storage = photo.image.storage
    stem = photo.image.name.rsplit(".", 1)[0]
    written = [photo.image.name]
    try:
        renditions = {}
        for r in processed.renditions:
            webp = storage.save(f"{stem}-{r.width}.webp", ContentFile(r.webp))
            written.append(webp)
            jpeg = storage.save(f"{stem}-{r.width}.jpg", ContentFile(r.jpeg))
            written.append(jpeg)
            renditions[str(r.width)] = {
                "webp": webp,
                "jpeg": jpeg,
                "width": r.width,
                "height": r.height,
                # Feeds' enclosures need byte lengths; recording them saves a storage call per item.
                "webp_size": len(r.webp),
                "jpeg_size": len(r.jpeg),
            }
    except Exception:
        delete_files(storage, written)
        raise
    photo.width, photo.height = processed.width, processed.height
    photo.renditions = renditions
    photo._written_names = written
    return previous


def commit_files(photo, previous):
    """After `photo` is saved: drop the files it replaced, once the transaction commits."""
    stale = [name for name in previous if name not in set(stored_names(photo))]
    if stale:
        storage = photo.image.storage
        transaction.on_commit(lambda: delete_files(storage, stale))


def store_photo(photo, fileobj, *, user=None):
    """Run `fileobj` through the pipeline and save it as `photo`'s image (saves `photo`).

    Raises PhotoRejected, whose message is fit for a form error, for anything
    the pipeline refuses; nothing is written to storage in that case.
    """
    processed = process_upload(fileobj)
    previous = write_files(photo, processed)
    if user is not None:
        photo.uploaded_by = user
    try:
        photo.save()
    except Exception:
        delete_files(photo.image.storage, photo._written_names)
        raise
    commit_files(photo, previous)
    return photo
