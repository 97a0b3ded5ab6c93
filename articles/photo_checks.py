"""The photo pipeline's checks of an upload's bytes, before anything is decoded: type by content, polyglots.

Also the refusal (PhotoRejected) and its Vietnamese messages, shared by every step of
the pipeline (articles/photos.py).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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


def sniff_format(data):
    """The Pillow format name the magic bytes announce, or a PhotoRejected."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    raise PhotoRejected(MSG_TYPE, code="file_type")


def has_markup(chunk):
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
        if kind not in (b"IDAT", b"fdAT") and has_markup(data[pos + 8 : end - 4]):
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
        if (marker == 0xFE or 0xE0 <= marker <= 0xEF) and has_markup(data[pos + 2 : pos + length]):
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
        if kind not in (b"VP8 ", b"VP8L", b"ALPH", b"ANMF") and has_markup(data[pos + 8 : chunk_end]):
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
    if has_markup(trailing):
        raise PhotoRejected(MSG_POLYGLOT, code="polyglot")
    if fmt != "JPEG" and trailing.strip(b"\x00 \t\r\n"):
        raise PhotoRejected(MSG_TRAILING, code="trailing_data")
