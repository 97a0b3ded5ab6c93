"""The site's most repeated markup, built in Python: the article card and the photo figure.

A list page shows twenty cards and the home page thirty-one; an article page, a figure per
photo. Through the template engine each cost about 0.3 ms ({% include %}, a tag, a dozen
variable lookups), most of an uncached page; here they are string formatting. Each fragment's
markup lives only here.
"""

import html

from django.urls import get_script_prefix
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from . import photo_urls
from .text import iso_vietnam, to_vietnam


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


# --- Photos in an article's body --------------------------------------------------------------

BODY_SIZES = "(max-width: 792px) calc(100vw - 32px), 760px"


def _picture_parts(pic, sizes):
    """The WebP <source>, the <img>'s JPEG srcset and its size attributes, from photo_urls.picture()."""
    source = (
        format_html('<source type="image/webp" srcset="{}" sizes="{}">', pic["webp_srcset"], sizes)
        if pic.get("webp_srcset")
        else ""
    )
    srcset = format_html(' srcset="{}" sizes="{}"', pic["jpeg_srcset"], sizes) if pic.get("jpeg_srcset") else ""
    dims = format_html(' width="{}" height="{}"', pic["width"], pic["height"]) if pic.get("width") else ""
    return source, srcset, dims


def picture(photo, eager=False, alt=None):
    """<picture> of an article photo: WebP and JPEG srcsets, the size reserved, lazy unless `eager`."""
    pic = photo_urls.picture(photo)
    source, srcset, dims = _picture_parts(pic, BODY_SIZES)
    return format_html(
        '<picture>\n    {}\n    <img src="{}"{} alt="{}"{}{} decoding="async">\n  </picture>',
        source, pic["src"], srcset, alt or photo.alt, dims, mark_safe("" if eager else ' loading="lazy"'),
    )  # fmt: skip


def figure(photo, eager=False, caption=None, alt=None):
    """A photo as a figure with its caption and credit; a photo without a file shows its caption alone.

    `caption` (safe HTML: the editor's figcaption) and `alt` override the photo's own.
    """
    caption = photo.caption if caption is None else caption
    credit = (
        format_html(' <span class="credit">({})</span>', gettext("Photo: %(credit)s") % {"credit": photo.credit})
        if photo.credit
        else ""
    )
    return format_html(
        '<figure class="photo{}">\n  {}\n  {}\n</figure>\n',
        "" if photo.has_file else " photo-caption-only",
        format_html("{}\n", picture(photo, eager, alt)) if photo.has_file else "",
        format_html("<figcaption>{}{}</figcaption>", caption, credit) if caption or photo.credit else "",
    )


# --- Cards ------------------------------------------------------------------------------------

CARD_SIZES = "(max-width: 560px) calc(100vw - 32px), (max-width: 900px) 50vw, 280px"
LEAD_SIZES = "(max-width: 900px) calc(100vw - 32px), 740px"


# A card's <picture> is a pure function of the photo's stored fields, and the same covers
# appear on the home page, sections, units and archives: each process keeps the markup of
# the last CARD_MEMO_SIZE covers (a tenth of a home page's rendering time). The key holds
# every field the markup is made of, so a re-stored or re-captioned photo gets new markup.
CARD_MEMO_SIZE = 4096
_card_memo = {}


def _cover_key(photo):
    # Every stored field a cover's markup is made of.
    return (photo.pk, photo.image.name, str(photo.renditions), photo.width, photo.height, photo.alt)


def card_picture(photo, large=False):
    """<picture> for a card's cover: WebP with a JPEG fallback, sized so the grid does not jump."""
    return _memoised(_card_memo, (*_cover_key(photo), large), _card_picture, photo, large)


def _memoised(memo, key, make, *args):
    """memo[key], made by make(*args) when missing; a full memo (CARD_MEMO_SIZE) starts afresh."""
    html = memo.get(key)
    if html is None:
        if len(memo) >= CARD_MEMO_SIZE:
            memo.clear()
        html = memo[key] = make(*args)
    return html


def _card_picture(photo, large):
    pic = photo_urls.picture(photo, 960 if large else 480)
    source, srcset, dims = _picture_parts(pic, LEAD_SIZES if large else CARD_SIZES)
    loading = "" if large else ' loading="lazy"'
    return format_html(
        '<picture>{}<img src="{}"{} alt="{}"{}{} decoding="async"></picture>',
        source, pic["src"], srcset, photo.alt, dims, mark_safe(loading),
    )  # fmt: skip


# A card is a pure function of its article's shown fields, its section's name and address and
# its cover: the same articles fill the home page, their section, the latest news, their day's,
# month's and year's archives, their units' and authors' pages. Each process keeps the last
# CARD_MEMO_SIZE cards; the key holds everything the markup is made of, so an edited title, a
# renamed section or a re-stored cover makes a new card.
_cards = {}


def card(article, large=False, show_lead=False):
    """A list card: cover, title, section and time, and the lead when asked."""
    if article.published_at is None:  # its address would follow the clock: never kept
        return _card(article, large, show_lead)
    cover = article.cover_photo
    key = (
        get_script_prefix(), article.pk, article.title, article.slug, article.published_at,
        article.category.slug, article.category.name, article.lead if show_lead else None,
        _cover_key(cover) if cover is not None else None, large, show_lead,
    )  # fmt: skip
    return _memoised(_cards, key, _card, article, large, show_lead)


def _card(article, large, show_lead):
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
