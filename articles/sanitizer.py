"""The server-side HTML sanitiser: the only definition of what markup may be stored."""

import html as html_lib
import re
import unicodedata
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark",
    "a", "ul", "ol", "li", "blockquote", "cite", "q",
    "figure", "figcaption", "img", "picture", "source",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "div", "span",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "srcset", "sizes", "loading", "data-photo-id"},
    "source": {"srcset", "type", "sizes"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}

# Only these classes survive, so editors can align figures but not inject layout.
ALLOWED_CLASSES = {"figure": {"image", "image-left", "image-right", "image-center"}}
URL_SCHEMES = {"http", "https", "mailto"}

# One srcset candidate: a URL (no spaces or commas inside) and an optional "480w" / "2x" descriptor.
_CANDIDATE = re.compile(r"^(?P<url>[^\s,]+)(?:\s+(?:\d+w|\d+(?:\.\d+)?x))?$")
_IMAGE_SCHEMES = {"http", "https"}

# Elements whose content the HTML parser reads as raw text (or, for math and svg, as
# foreign content with its own rules). Left open, one of them swallows the rest of the
# body: `<math><mtext><table><mglyph><style>` makes everything after it style text,
# which the sanitiser then drops. These tags are never allowed, so they are kept as
# visible, escaped text instead, and what follows them stays the article's text.
_SWALLOWING = "script|style|xmp|iframe|noembed|noframes|noscript|plaintext|textarea|title|template|math|svg"
# MathML and SVG elements mean nothing outside foreign content; inside a table the parser moves
# them out ("foster parenting") and what they hold is lost, so they are kept as text too.
_FOREIGN = (
    "maction|annotation|annotation-xml|menclose|merror|mfenced|mfrac|mglyph|mi|mlabeledtr|mmultiscripts|mn|mo|"
    "mover|mpadded|mphantom|mprescripts|mroot|mrow|ms|mspace|msqrt|mstyle|msub|msubsup|msup|mtable|mtd|mtext|mtr|"
    "munder|munderover|semantics|malignmark|foreignobject|desc"
)
# script and style with their content are dropped, as the sanitiser always did: they are code, not text.
_CLOSED_CODE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SWALLOWING_TAG = re.compile(rf"<(?=/?(?:{_SWALLOWING}|{_FOREIGN})(?:[\s/>]|$))|<(?=!)", re.IGNORECASE)

# The text CKEditor 4's image2 plugin puts in a new caption ("Nhãn" in Vietnamese, "Caption" in
# English): a caption nobody wrote, never to be published. Compared case-folded, NFC.
CAPTION_PLACEHOLDERS = {"nhãn", "caption"}
_FIGCAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)
# What may wrap a caption's text without being content: line breaks and inline formatting.
_CAPTION_WRAPPERS = re.compile(r"<br>|</?(?:b|strong|i|em|u|s|span|small|mark)>")


def _plain_image_url(url):
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return (parts.scheme == "" and not url.startswith("//")) or parts.scheme.lower() in _IMAGE_SCHEMES


def _filter_attribute(element, attribute, value):
    """srcset is a list of URLs nh3 does not check: keep it only if every candidate is a plain image URL."""
    if attribute == "srcset":
        candidates = [candidate.strip() for candidate in value.split(",")]
        for candidate in candidates:
            match = _CANDIDATE.match(candidate)
            if not match or not _plain_image_url(match["url"]):
                return None
    return value


def _neutralise(html):
    """Drop closed script/style blocks and comments; escape every other tag that would swallow what follows."""
    for _ in range(5):  # removing a block can join two halves into a new one: repeat until stable
        cleaned = _COMMENT.sub("", _CLOSED_CODE.sub("", html))
        if cleaned == html:
            break
        html = cleaned
    return _SWALLOWING_TAG.sub("&lt;", html)


def is_placeholder_caption(inner_html):
    """Whether a figcaption's inner (sanitised) HTML is empty or only the editor's placeholder text."""
    bare = _CAPTION_WRAPPERS.sub("", inner_html)
    if "<" in bare:  # an image, a link...: real content
        return False
    text = unicodedata.normalize("NFC", html_lib.unescape(bare)).strip().casefold()
    return not text or text in CAPTION_PLACEHOLDERS


def _drop_placeholder_captions(html):
    return _FIGCAPTION.sub(lambda m: "" if is_placeholder_caption(m[1]) else m[0], html)


def sanitize_html(html):
    """Return `html` reduced to the news allow-list.

    Removes scripts, styles, event handlers and any URL whose scheme is not
    http, https or mailto (relative URLs such as /media/... stay), and srcset
    lists with anything but plain image URLs. Links get rel="noopener
    noreferrer nofollow" so a body cannot leak the admin's session. Markup that
    would make the parser swallow the rest of the body is kept as escaped text.
    A figcaption left empty or at the editor's placeholder ("Nhãn") is dropped.
    """
    if not html:
        return ""
    cleaned = nh3.clean(
        _neutralise(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return _drop_placeholder_captions(cleaned)
