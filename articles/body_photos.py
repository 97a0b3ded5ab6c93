"""Images the editor put in an article's body, recognised as the article's own photos by their address.

The editor inserts a photo's 960 JPEG rendition URL (articles.views_upload). When the
body is shown to readers, such an <img> is rendered like every other photo of the
article (<picture>, srcset, width and height: articles.markup.figure); an <img>
pointing anywhere else stays as the sanitiser left it. The body is parsed here only
as stored, i.e. sanitised: nh3 writes every attribute double-quoted.
"""

import html
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from . import photo_urls
from .sanitizer import is_placeholder_caption

_IMG_TAG = r"<img\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
_IMG = re.compile(_IMG_TAG, re.IGNORECASE)
_ATTR = re.compile(r"\s([a-zA-Z][\w-]*)=\"([^\"]*)\"")
_FIGCAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)
# Nothing but the image in a paragraph (CKEditor's image without a caption): it becomes a figure.
_BLANK = r"(?:\s|&nbsp;|<br>)*"
_LONE_IMAGE = re.compile(rf"^<p>{_BLANK}{_IMG_TAG}{_BLANK}</p>$", re.IGNORECASE)
# A captioned image; centred, CKEditor wraps it in <div style="text-align:center"> (the style is not kept).
_FIGURE = re.compile(r"^(?:<div>\s*)?<figure\b[^>]*>.*</figure>(?:\s*</div>)?$", re.IGNORECASE | re.DOTALL)


def _attributes(tag):
    return {name.lower(): html.unescape(value) for name, value in _ATTR.findall(tag)}


def _own_path(src):
    """The path of `src` when it addresses this site (relative, or absolute on NEWSROOM_SITE_URL)."""
    try:
        parts = urlsplit(src)
    except ValueError:
        return None
    if parts.scheme or parts.netloc:
        site = urlsplit(settings.NEWSROOM_SITE_URL)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != site.netloc.lower():
            return None
    return parts.path


def photo_for_src(src, photos_by_pk):
    """The photo among `photos_by_pk` ({pk: photo}) whose stored file `src` addresses, else None."""
    path = _own_path(src or "")
    if not path:
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name != "articles:photo-file":
        return None
    photo = photos_by_pk.get(match.kwargs["pk"])
    if photo is None or not photo.has_file or not photo_urls.owns_file(photo, match.kwargs["name"]):
        return None
    return photo


def _own_images(block, photos_by_pk):
    """[(match, photo or None, alt), ...] for each <img> of `block`."""
    found = []
    for match in _IMG.finditer(block):
        attrs = _attributes(match[0])
        found.append((match, photo_for_src(attrs.get("src"), photos_by_pk), attrs.get("alt", "")))
    return found


def photos_by_pk(article):
    """The article's photos by primary key, from the prefetched `photos` (no query on an article page)."""
    return {photo.pk: photo for photo in article.photos.all()}


def body_photos(article, by_pk=None):
    """The article's own photos its body shows, in the order they appear (each once)."""
    by_pk = photos_by_pk(article) if by_pk is None else by_pk
    seen = {}
    if by_pk and "<img" in (article.body or ""):
        for _match, photo, _alt in _own_images(article.body, by_pk):
            if photo is not None:
                seen.setdefault(photo.pk, photo)
    return list(seen.values())


def share_photo(article):
    """The photo networks show for the article: the cover, else the first placed photo, else the body's first."""
    cover = article.cover_photo
    if cover is not None and cover.has_file:
        return cover
    by_pk = photos_by_pk(article)
    placed = next((photo for photo in by_pk.values() if photo.has_file and not photo.in_body), None)
    if placed is not None:
        return placed
    shown = body_photos(article, by_pk)
    return shown[0] if shown else None


def render_block(block, by_pk, *, figure, picture):
    """`block` (one top-level block of the body) with the article's own images rendered as photos.

    A figure or a paragraph holding one own image becomes `figure(photo, caption, alt)`,
    with the editor's figcaption as the caption when there is one (else the photo's);
    an own image among text becomes `picture(photo, alt)`. Returns `block` unchanged
    when it shows none of the article's photos.
    """
    if "<img" not in block or not by_pk:
        return block
    images = _own_images(block, by_pk)
    if not any(photo for _match, photo, _alt in images):
        return block
    # A linked image keeps its link: it is replaced in place rather than rebuilt as a figure.
    linked = "<a " in block.split("<figcaption>", 1)[0]
    whole_figure = block.count("<figure") == 1 and _FIGURE.match(block)
    if len(images) == 1 and not linked and (whole_figure or _LONE_IMAGE.match(block)):
        _match, photo, alt = images[0]
        caption = _FIGCAPTION.search(block)
        caption_html = caption[1].strip() if caption and not is_placeholder_caption(caption[1]) else None
        if not caption_html:
            return figure(photo, None, alt or None)
        # An image the editor left without alt text is described by its caption, as placed photos are.
        alt = alt or photo.alt or " ".join(html.unescape(strip_tags(caption_html)).split())
        # The figcaption is sanitised HTML, stored through the sanitiser like the rest of the body.
        return figure(photo, mark_safe(caption_html), alt)
    out, end = [], 0
    for match, photo, alt in images:
        if photo is not None:
            out += [block[end : match.start()], picture(photo, alt or None)]
            end = match.end()
    out.append(block[end:])
    return mark_safe("".join(out))
