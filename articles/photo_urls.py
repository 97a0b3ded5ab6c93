"""How stored photos are addressed: reader-facing URLs, renditions read defensively, <picture> data.

Stored files are never served from a public directory: `photo_url` points at
articles.views_media.photo_file, which serves a file only when the photo's article is
published (or the user may view the unpublished article).
"""

import posixpath
from functools import lru_cache

from django.urls import get_script_prefix, reverse


@lru_cache(maxsize=8)
def _photo_path(script_prefix):
    """reverse()'s address for the route (its one definition), once per prefix: (before the id, between, after)."""
    path = reverse("articles:photo-file", kwargs={"pk": 1234567, "name": "NAME"})
    before, rest = path.split("1234567", 1)
    between, after = rest.rsplit("NAME", 1)
    return before, between, after


def photo_url(photo, name):
    """The reader-facing URL of one of `photo`'s stored files (checked by the media view).

    What reverse() gives, at a fraction of its cost (a page asks for one per photo): the stored
    names are URL-safe (photo_upload_to's random tokens); any other name goes through reverse().
    """
    name = posixpath.basename(name)
    if not _URL_SAFE.issuperset(name):
        return reverse("articles:photo-file", kwargs={"pk": photo.pk, "name": name})
    before, between, after = _photo_path(get_script_prefix())
    return f"{before}{int(photo.pk)}{between}{name}{after}"


# Characters reverse() leaves as they are in a path segment (RFC 3986 unreserved and sub-delimiters).
_URL_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@")


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


def stored_names(photo):
    """Every storage name that belongs to `photo`: the original and each rendition."""
    names = [photo.image.name] if photo.image else []
    for _width, rendition in sorted_renditions(photo):
        names += [rendition["webp"], rendition["jpeg"]]
    return names


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
