"""Image fixtures the photo tests build themselves: camera JPEGs, polyglots, bombs, oversize files."""

import functools
import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

GPS_MARKER = b"GPS-DATUM-HANOI-MARKER"
SERIAL_MARKER = b"SN-POLICE-CAM-0042"
COMMENT_MARKER = b"CAMERA-COMMENT-MARKER"
XMP_MARKER = b"XMP-CREATOR-MARKER"


@functools.cache  # the profile carries its creation time: build it once so comparisons hold
def srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_jpeg(width=1800, height=1200):
    """A landscape JPEG with Orientation 6, GPS position, camera serial, XMP, comment and an ICC profile.

    The left half is red and the right half blue, so the rotation can be checked.
    """
    img = Image.new("RGB", (width, height), (200, 20, 20))
    img.paste((20, 20, 200), (width // 2, 0, width, height))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "Canon EOS 5D"  # Model
    exif.get_ifd(0x8769)[0xA431] = SERIAL_MARKER.decode()  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (18.0, 40.0, 12.5)
    gps[3] = "E"
    gps[4] = (105.0, 40.0, 55.1)
    gps[0x12] = GPS_MARKER.decode()  # GPSMapDatum
    out = io.BytesIO()
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description>'
        + XMP_MARKER
        + b"</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    img.save(out, "JPEG", quality=90, exif=exif, icc_profile=srgb_profile(), comment=COMMENT_MARKER, xmp=xmp)
    return out.getvalue()


def png_bytes(width=64, height=48, mode="RGB", color=(20, 120, 40)):
    out = io.BytesIO()
    Image.new(mode, (width, height), color).save(out, "PNG")
    return out.getvalue()


def webp_bytes(width=64, height=48):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 120, 40)).save(out, "WEBP")
    return out.getvalue()


def jpeg_bytes(width=64, height=48, **options):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (180, 30, 30)).save(out, "JPEG", quality=80, **options)
    return out.getvalue()


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b'<rect width="10" height="10"/></svg>'
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
TEXT = b"Just some text pretending to be a photo.\n"
HTML_PAYLOAD = b"<html><body><script>alert(document.cookie)</script></body></html>"


def png_html_polyglot():
    """A valid PNG with an HTML page appended after IEND."""
    return png_bytes() + HTML_PAYLOAD


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_text_polyglot():
    """A valid PNG carrying a script in a tEXt chunk (nothing after IEND)."""
    data = png_bytes()
    iend = data.rindex(b"IEND") - 4
    return data[:iend] + _png_chunk(b"tEXt", b"Comment\x00" + HTML_PAYLOAD) + data[iend:]


def jpeg_comment_polyglot():
    """A valid JPEG whose comment segment is a script."""
    return jpeg_bytes(comment=b"*/<script>alert(1)</script>/*")


def png_header_only(width, height):
    """A PNG claiming `width` x `height` pixels, a few hundred bytes long: a bomb needs no memory to build."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def oversize_file(megabytes=21):
    """A JPEG-looking file of `megabytes` MB."""
    return b"\xff\xd8\xff\xe0" + b"\x00" * (megabytes * 1024 * 1024)


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)
