"""The server-side HTML sanitiser: the only definition of what markup may be stored."""

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


def sanitize_html(html):
    """Return `html` reduced to the news allow-list.

    Removes scripts, styles, event handlers and any URL whose scheme is not
    http, https or mailto (relative URLs such as /media/... stay). Links get
    rel="noopener noreferrer nofollow" so a body cannot leak the admin's session.
    """
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
