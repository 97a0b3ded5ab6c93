"""The photo pipeline: the only way an image enters storage, and how stored photos are addressed.

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

Stored files are never served from a public directory: `photo_url` points at
articles.views_media.photo_file, which serves a file only when the photo's
article is published (or the user may view the unpublished article).
"""

import io
import posixpath
import re
import warnings
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}

# The largest side a WebP can have; a rendition taller than this cannot be encoded.
WEBP_MAX_SIDE = 16383
JPEG_QUALITY_ORIGINAL = 90
JPEG_QUALITY_RENDITION = 82
WEBP_QUALITY = 80

# Markup that has no business inside an image's metadata or after its end. Only
# metadata segments and trailing bytes are scanned, never compressed pixel data,
# where short byte sequences occur by chance.
# Short names must be followed by a space or ">" so binary EXIF does not trip them.
_MARKUP = re.compile(
    rb"<(?:script|iframe|object|embed|!doctype|\?php)|<(?:html|body|svg)[\s/>]|javascript\s*:",
    re.IGNORECASE,
)
_JPEG_NEXT_MARKER = re.compile(rb"\xff+[^\x00\xd0-\xd7\xff]")


class PhotoRejected(ValidationError):
    """An upload the pipeline refuses; the message is fit for a form error."""


MSG_TYPE = _("Only JPEG, PNG and WebP images are accepted.")
MSG_INVALID = _("The file is not a valid image, or it is damaged.")
MSG_POLYGLOT = _("The image hides other content (such as HTML or script) inside or after it; it was refused.")
MSG_TRAILING = _("The image has extra data after its end; save it again with a photo editor and retry.")
MSG_PIXELS = _("The image is too large: at most %(limit)s megapixels are accepted.")
MSG_BYTES = _("The file is too large: at most %(limit)s MB are accepted.")
MSG_SHAPE = _("The image is too narrow for its height to be shown on the site.")
MSG_EMPTY = _("The file is empty.")


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


# --- Content checks on the original bytes ----------------------------------------


def sniff_format(data):
    """The Pillow format name the magic bytes announce, or a PhotoRejected."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    raise PhotoRejected(MSG_TYPE, code="file_type")


def _has_markup(chunk):
    return bool(chunk) and _MARKUP.search(chunk) is not None


def _png_end(data):
    """Offset just past the IEND chunk; markup in any non-pixel chunk is refused."""
    pos = 8
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise PhotoRejected(MSG_INVALID, code="invalid")
        if kind not in (b"IDAT", b"fdAT") and _has_markup(data[pos + 8 : end - 4]):
            raise PhotoRejected(MSG_POLYGLOT, code="polyglot")
        if kind == b"IEND":
            return end
        pos = end
    raise PhotoRejected(MSG_INVALID, code="invalid")


def _jpeg_end(data):
    """Offset just past the EOI marker; markup in comments or APPn segments is refused."""
    pos = 2
    size = len(data)
    while pos < size:
        if data[pos] != 0xFF:
            raise PhotoRejected(MSG_INVALID, code="invalid")
        while pos < size and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= size:
            break
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # EOI
            return pos
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
            continue
        if pos + 2 > size:
            break
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2 or pos + length > size:
            raise PhotoRejected(MSG_INVALID, code="invalid")
        if (marker == 0xFE or 0xE0 <= marker <= 0xEF) and _has_markup(data[pos + 2 : pos + length]):
            raise PhotoRejected(MSG_POLYGLOT, code="polyglot")
        pos += length
        if marker == 0xDA:  # start of scan: entropy-coded data runs to the next real marker
            match = _JPEG_NEXT_MARKER.search(data, pos)
            if match is None:
                break
            pos = match.start()
    raise PhotoRejected(MSG_INVALID, code="invalid")


def _webp_end(data):
    """Offset just past the RIFF container; markup in EXIF/XMP or unknown chunks is refused."""
    end = 8 + int.from_bytes(data[4:8], "little")
    if end > len(data):
        raise PhotoRejected(MSG_INVALID, code="invalid")
    pos = 12
    while pos + 8 <= end:
        kind = data[pos : pos + 4]
        length = int.from_bytes(data[pos + 4 : pos + 8], "little")
        chunk_end = pos + 8 + length
        if chunk_end > end:
            raise PhotoRejected(MSG_INVALID, code="invalid")
        if kind not in (b"VP8 ", b"VP8L", b"ALPH", b"ANMF") and _has_markup(data[pos + 8 : chunk_end]):
            raise PhotoRejected(MSG_POLYGLOT, code="polyglot")
        pos = chunk_end + (length & 1)
    return end


def check_structure(data, fmt):
    """Refuse polyglots: markup inside metadata, or anything but padding after the image's end.

    JPEGs may legitimately carry data after EOI (MPF previews, phone "motion
    photos"); that is dropped by re-encoding and refused only when it holds markup.
    PNG and WebP have no such convention, so any trailing data is refused.
    """
    end = {"JPEG": _jpeg_end, "PNG": _png_end, "WEBP": _webp_end}[fmt](data)
    trailing = data[end:]
    if _has_markup(trailing):
        raise PhotoRejected(MSG_POLYGLOT, code="polyglot")
    if fmt != "JPEG" and trailing.strip(b"\x00 \t\r\n"):
        raise PhotoRejected(MSG_TRAILING, code="trailing_data")


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
        if isinstance(value, bytes) and _has_markup(value):
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


def stored_names(photo):
    """Every storage name that belongs to `photo`: the original and each rendition."""
    names = [photo.image.name] if photo.image else []
    for _width, rendition in sorted_renditions(photo):
        names += [rendition["webp"], rendition["jpeg"]]
    return names


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


# --- Addresses for templates and the editor -------------------------------------------------


def photo_url(photo, name):
    """The reader-facing URL of one of `photo`'s stored files (checked by the media view)."""
    return reverse("articles:photo-file", kwargs={"pk": photo.pk, "name": posixpath.basename(name)})


def _name(value):
    return value if isinstance(value, str) and value else None


def sorted_renditions(photo):
    """[(width, rendition), ...] narrowest first, each rendition {"webp", "jpeg", "width", "height"}.

    Read defensively: an entry the pipeline did not write (no usable width, a missing
    file name, a stray value from an old import) is skipped, so a page never fails on it.
    """
    stored = photo.renditions if isinstance(photo.renditions, dict) else {}
    items = []
    for key, rendition in stored.items():
        if not isinstance(rendition, dict) or not (_name(rendition.get("webp")) and _name(rendition.get("jpeg"))):
            continue
        try:
            width = int(rendition.get("width") or key)
        except (TypeError, ValueError, OverflowError):
            continue
        height = rendition.get("height")
        if width > 0:
            items.append((width, {**rendition, "width": width, "height": height if isinstance(height, int) else None}))
    return sorted(items, key=lambda item: item[0])


def rendition_for(photo, width):
    """The stored rendition closest to `width` without exceeding it (else the smallest), or None."""
    items = sorted_renditions(photo)
    if not items:
        return None
    fitting = [r for w, r in items if w <= width]
    return fitting[-1] if fitting else items[0][1]


def picture(photo, preferred_width=960):
    """What a <picture> element needs: src, WebP and JPEG srcsets, intrinsic width and height.

    Photos stored before renditions existed fall back to the original file.
    """
    items = sorted_renditions(photo)
    if not items:
        return {"src": photo_url(photo, photo.image.name), "width": photo.width, "height": photo.height}
    base = photo_url(photo, "_")[:-1]  # one reverse() per photo, not per file

    def url(name):
        return base + posixpath.basename(name)

    default = rendition_for(photo, preferred_width)
    largest = items[-1][1]
    return {
        "src": url(default["jpeg"]),
        "webp_srcset": ", ".join(f"{url(r['webp'])} {w}w" for w, r in items),
        "jpeg_srcset": ", ".join(f"{url(r['jpeg'])} {w}w" for w, r in items),
        "width": photo.width or largest["width"],
        "height": photo.height or largest["height"],
    }


def body_image_url(photo):
    """The URL the editor inserts in the body: the 960 JPEG rendition (or the nearest below)."""
    rendition = rendition_for(photo, 960)
    return photo_url(photo, rendition["jpeg"] if rendition else photo.image.name)


def owns_file(photo, basename):
    """Whether `basename` (the last part of a URL) is one of `photo`'s stored files; returns its storage name."""
    for name in stored_names(photo):
        if posixpath.basename(name) == basename:
            return name
    return None


def thumbnail_url(photo):
    """A small rendition's URL, for admin previews (works for staff on unpublished articles too)."""
    if not photo.image:
        return ""
    rendition = rendition_for(photo, 480)
    return photo_url(photo, rendition["jpeg"] if rendition else photo.image.name)
