"""Template tags every page uses the same way: date line, byline, photos in the body."""

import re

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from ..text import format_dateline

register = template.Library()

# Tags that never have a closing tag; they do not change nesting depth.
_VOID = {"br", "hr", "img", "source", "wbr"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")


@register.filter
def dateline(value):
    """07/07/2020 14:33 Vietnam time -> "Thứ Ba, 07/07/2020, 14:33 [GMT+7]"."""
    return format_dateline(value)


def split_blocks(html):
    """Split sanitised HTML into its top-level blocks (paragraphs, headings, figures...)."""
    blocks, depth, start = [], 0, 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            if depth == 0:
                blocks.append(html[start : match.end()])
                start = match.end()
            continue
        if closing:
            depth = max(depth - 1, 0)
            if depth == 0:
                blocks.append(html[start : match.end()])
                start = match.end()
        else:
            if depth == 0 and html[start : match.start()].strip():
                blocks.append(html[start : match.start()])
                start = match.start()
            depth += 1
    if html[start:].strip():
        blocks.append(html[start:])
    return [b for b in (b.strip() for b in blocks) if b]


_figure_template = None


def render_figure(photo, eager=False):
    global _figure_template
    if _figure_template is None:
        _figure_template = get_template("includes/photo_figure.html")
    return _figure_template.render({"photo": photo, "eager": eager})


@register.simple_tag
def article_body(article):
    """The body with each photo placed after the paragraph the reporter chose.

    Photos without a file (imported captions awaiting an image) are left out, so
    readers never see a broken image. Photos uploaded from the editor already
    sit in the body HTML.
    """
    placed = {}
    for photo in article.photos.all():
        if photo.has_file and not photo.in_body:
            placed.setdefault(photo.position, []).append(photo)
    blocks = split_blocks(article.body or "")
    out = []
    first = True
    for index in range(len(blocks) + 1):
        for photo in placed.pop(index, []):
            out.append(render_figure(photo, eager=first))
            first = False
        if index < len(blocks):
            out.append(blocks[index])
    for photos in placed.values():  # positions past the last paragraph
        out.extend(render_figure(p) for p in photos)
    return mark_safe("\n".join(out))


@register.inclusion_tag("includes/byline.html")
def byline(article):
    return {"authors": article.ordered_authors()}
