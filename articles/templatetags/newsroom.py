"""Template tags every page uses the same way: date line, byline, photos in the body."""

import re

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from .. import body_photos, markup
from ..text import format_dateline, iso_vietnam

register = template.Library()


@register.filter
def datetime_attr(value):
    """A <time datetime> value: Vietnam time to the second (the validator refuses microseconds)."""
    return iso_vietnam(value)


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


_templates = {}


def _render(name, context):
    if name not in _templates:
        _templates[name] = get_template(name)
    return _templates[name].render(context)


@register.simple_tag
def article_body(article):
    """The body with each photo placed after the paragraph the reporter chose.

    A photo without a file (an imported caption awaiting its image) shows its
    caption in place, never a broken image. Images the editor put in the body
    that are the article's own photos are served like the placed ones
    (articles.body_photos); the first image on the page loads at once, the rest lazily.
    """
    by_pk = body_photos.photos_by_pk(article)
    placed = {}
    for photo in by_pk.values():
        if not photo.in_body and (photo.has_file or photo.caption or photo.credit):
            placed.setdefault(photo.position, []).append(photo)
    first = True

    def figure(photo, caption=None, alt=None):
        nonlocal first
        eager, first = first and photo.has_file, first and not photo.has_file
        return markup.figure(photo, eager=eager, caption=caption, alt=alt)

    def picture(photo, alt=None):
        nonlocal first
        eager, first = first, False
        return markup.picture(photo, eager=eager, alt=alt)

    blocks = split_blocks(article.body or "")
    out = []
    for index in range(len(blocks) + 1):
        out.extend(figure(photo) for photo in placed.pop(index, []))
        if index < len(blocks):
            out.append(body_photos.render_block(blocks[index], by_pk, figure=figure, picture=picture))
    for leftover in placed.values():  # positions past the last paragraph
        out.extend(figure(p) for p in leftover)
    return mark_safe("\n".join(out))


# The header is the same on every page for a given menu: each process renders it once per menu
# (sections are few and rarely change) instead of on every request.
HEADER_MEMO_SIZE = 16
_header_memo = {}


@register.simple_tag(takes_context=True)
def site_header(context):
    """includes/header.html: the masthead, search box and section menu."""
    menu = context.get("menu_categories") or []
    menu = tuple(menu() if callable(menu) else menu)
    key = (context.get("site_name"), menu)
    header = _header_memo.get(key)
    if header is None:
        if len(_header_memo) >= HEADER_MEMO_SIZE:
            _header_memo.clear()
        header = _header_memo[key] = mark_safe(
            _render("includes/header.html", {"site_name": key[0], "menu_categories": menu})
        )
    return header


@register.inclusion_tag("includes/byline.html")
def byline(article):
    return {"authors": article.ordered_authors()}


@register.simple_tag
def article_card(article, large=False, show_lead=False):
    """A list card: cover, title, section and time, and the lead when asked (articles.markup.card)."""
    return markup.card(article, large=large, show_lead=show_lead)
