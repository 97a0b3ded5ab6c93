"""Template tags every page uses the same way: date line, byline, photos in the body."""

import html
import re

from django import template
from django.template.loader import get_template
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from .. import body_photos, photo_urls
from ..text import format_dateline, iso_vietnam, to_vietnam

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


def render_figure(photo, eager=False, caption=None, alt=None):
    """includes/photo_figure.html for `photo`; `caption` (safe HTML) and `alt` override the photo's own."""
    context = {"photo": photo, "eager": eager, "caption": photo.caption if caption is None else caption}
    context["alt"] = alt or photo.alt
    return _render("includes/photo_figure.html", context)


def render_picture(photo, eager=False, alt=None):
    """The <picture> alone, as photo figures have it, for an image among the body's text."""
    context = {"photo": photo, "eager": eager, "alt": alt or photo.alt}
    return mark_safe(_render("includes/photo_picture.html", context).strip())


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
        return render_figure(photo, eager=eager, caption=caption, alt=alt)

    def picture(photo, alt=None):
        nonlocal first
        eager, first = first, False
        return render_picture(photo, eager=eager, alt=alt)

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


# The article card is the most repeated fragment of the site (31 on the home page), so it is
# built here instead of an {% include %}: the template engine spent about 0.3 ms per card, a
# third of the home page's time. Its markup lives only here.


def format_html(template, *args):
    """django.utils.html.format_html, the same output at half the cost (a list page makes a hundred).

    Each argument is escaped as conditional_escape() does it (safe markup kept, anything else
    through html.escape), without the lazy-string wrapper Django's escape() pays on every call.
    """
    escaped = []
    for arg in args:
        if isinstance(arg, Promise):
            arg = str(arg)
        escaped.append(arg.__html__() if hasattr(arg, "__html__") else html.escape(str(arg)))
    return SafeString(template.format(*escaped))


CARD_SIZES = "(max-width: 560px) calc(100vw - 32px), (max-width: 900px) 50vw, 280px"
LEAD_SIZES = "(max-width: 900px) calc(100vw - 32px), 740px"


# A card's <picture> is a pure function of the photo's stored fields, and the same covers
# appear on the home page, sections, units and archives: each process keeps the markup of
# the last CARD_MEMO_SIZE covers (a tenth of a home page's rendering time). The key holds
# every field the markup is made of, so a re-stored or re-captioned photo gets new markup.
CARD_MEMO_SIZE = 4096
_card_memo = {}


def card_picture(photo, large=False):
    """<picture> for a card's cover: WebP with a JPEG fallback, sized so the grid does not jump."""
    key = (photo.pk, photo.image.name, str(photo.renditions), photo.width, photo.height, photo.alt, large)
    html = _card_memo.get(key)
    if html is None:
        if len(_card_memo) >= CARD_MEMO_SIZE:
            _card_memo.clear()
        html = _card_memo[key] = _card_picture(photo, large)
    return html


def _card_picture(photo, large):
    pic = photo_urls.picture(photo, 960 if large else 480)
    sizes = LEAD_SIZES if large else CARD_SIZES
    source = (
        format_html('<source type="image/webp" srcset="{}" sizes="{}">', pic["webp_srcset"], sizes)
        if pic.get("webp_srcset")
        else ""
    )
    srcset = format_html(' srcset="{}" sizes="{}"', pic["jpeg_srcset"], sizes) if pic.get("jpeg_srcset") else ""
    dims = format_html(' width="{}" height="{}"', pic["width"], pic["height"]) if pic.get("width") else ""
    loading = "" if large else ' loading="lazy"'
    return format_html(
        '<picture>{}<img src="{}"{} alt="{}"{}{} decoding="async"></picture>',
        source, pic["src"], srcset, photo.alt, dims, mark_safe(loading),
    )  # fmt: skip


@register.simple_tag
def article_card(article, large=False, show_lead=False):
    """A list card: cover, title, section and time, and the lead when asked."""
    url = article.get_absolute_url()
    cover = article.cover_photo
    image = (
        format_html('<a class="card-image" href="{}">{}</a>', url, card_picture(cover, large))
        if cover is not None and cover.has_file
        else ""
    )
    local = to_vietnam(article.published_at) if article.published_at else None
    time = (
        format_html('<time datetime="{}">{}</time>', iso_vietnam(local), local.strftime("%d/%m/%Y %H:%M"))
        if local
        else ""
    )
    # The truncatewords filter, without the template filter's wrapping.
    lead = (
        format_html('<p class="card-lead-text">{}</p>', Truncator(article.lead).words(40, truncate=" …"))
        if show_lead
        else ""
    )
    return format_html(
        '<article class="card{}">{}<div class="card-body"><h3 class="card-title"><a href="{}">{}</a></h3>'
        '<p class="card-meta"><a href="{}">{}</a> · {}</p>{}</div></article>',
        " card-lead" if large else "", image, url, article.title,
        article.category.get_absolute_url(), article.category.name, time, lead,
    )  # fmt: skip
