"""The plain-text article format of legacy exports: parse it into a PlainArticle and write one back (no database)."""

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _

from .templatetags.newsroom import split_blocks
from .text import DatelineError, format_dateline, parse_dateline, strip_control_chars, to_vietnam

# Characters str.strip() keeps but a layout leftover may consist of.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# A lone dot is what a removed image or widget leaves behind in the exports.
_LEFTOVERS = {"", "."}
# "(Congannghean.vn)-Sáng 7/7, ..." : the source label, then a hyphen (or en dash), then the lead.
_LABELLED_LEAD = re.compile(r"^\((?P<label>[^()\n]{1,80})\)\s*[-–]\s*(?P<lead>.*)$", re.DOTALL)
_BYLINE_SEPARATOR = re.compile(r"\s+[-–]\s+")
_LINE_BREAKS = re.compile(r"<br\s*/?>|</(?:p|li|h[1-6]|tr|td|th|blockquote|figcaption)>", re.IGNORECASE)
_SPACE_RUNS_WITH_NEWLINE = re.compile(r"\s*\n\s*")

# Field limits of the models the text ends up in (Article.title, Author.pen_name, Photo.caption/alt_text).
MAX_TITLE = 300
MAX_PEN_NAME = 120
MAX_CAPTION = 500
MAX_ALT = 300


class PlainTextError(ValueError):
    """A file that cannot be read as an article. str() is a message for the user; `code` is stable for code."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return str(self.message)


@dataclass(frozen=True)
class PlainPhoto:
    caption: str
    alt_text: str
    # Number of body paragraphs before the photo, as Photo.position counts.
    position: int


@dataclass(frozen=True)
class PlainArticle:
    published_at: datetime
    title: str
    source_label: str
    lead: str
    paragraphs: tuple[str, ...]
    photos: tuple[PlainPhoto, ...]
    authors: tuple[str, ...]


def squash(text):
    """Single-spaced text, for comparing lines that differ only in spacing."""
    return " ".join(text.split())


def clean_line(line):
    """A line without control characters and outer blanks; "" for a layout leftover."""
    line = unicodedata.normalize("NFC", strip_control_chars(line))
    line = line.strip().strip(_INVISIBLE).strip()
    return "" if line in _LEFTOVERS else line


def decode(data):
    """Bytes of a file as text; refuses anything that is not UTF-8 (a leading BOM is allowed)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlainTextError(
            _("not UTF-8 text (invalid byte at position %(position)s)") % {"position": exc.start}, "encoding"
        ) from None


def caption_pair(first, second):
    """(alt text, caption) when two adjacent lines are a photo's alt text and caption, else None.

    The exports repeat a caption on the next line; sometimes the first line holds
    it twice run together ("X X", then "X").
    """
    a, b = squash(first), squash(second)
    if not b or len(second) > MAX_CAPTION:
        return None
    if a == b:
        return first, second
    if a == f"{b} {b}":
        return second, second
    return None


def split_byline(line):
    """ "Hoàng Anh - Minh Đức" -> ("Hoàng Anh", "Minh Đức"), without repeats."""
    names = []
    for name in _BYLINE_SEPARATOR.split(line):
        name = squash(name)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _parse_date(line):
    try:
        return parse_dateline(line)
    except DatelineError as exc:
        if exc.code == "nonexistent":
            message = _("the date in the date line does not exist: “%(line)s”")
        elif exc.code == "weekday":
            message = _("the weekday does not match the date in the date line: “%(line)s”")
        else:
            raise PlainTextError(
                _("no date line: the first line should read like “Thứ Ba, 07/07/2020, 14:33 [GMT+7]”"), "no-dateline"
            ) from None
        raise PlainTextError(message % {"line": line[:80]}, "bad-date") from None


def parse(text):
    """Read one article; raises PlainTextError saying what is wrong with the text."""
    lines = [clean_line(line) for line in text.splitlines()]
    # (line number, text) of every line that carries content, so adjacency can be checked.
    content = [(number, line) for number, line in enumerate(lines) if line]
    if not content:
        raise PlainTextError(_("the file is empty"), "empty")
    published_at = _parse_date(content[0][1])
    if len(content) < 4:
        raise PlainTextError(
            _("incomplete article: a date line, a title, a lead and a byline are needed"), "incomplete"
        )
    title = squash(content[1][1])
    if len(title) > MAX_TITLE:
        raise PlainTextError(
            _("the title is longer than %(max)s characters: is the second line really the title?") % {"max": MAX_TITLE},
            "title",
        )
    source_label, lead = "", content[2][1]
    match = _LABELLED_LEAD.match(lead)
    if match:
        source_label, lead = match["label"].strip(), match["lead"].strip()
    if not lead:
        raise PlainTextError(_("the lead is empty"), "lead")
    authors = split_byline(content[-1][1])
    if not authors or any(len(name) > MAX_PEN_NAME for name in authors):
        raise PlainTextError(_("the last line does not look like a byline (pen names separated by “ - ”)"), "byline")

    paragraphs, photos = [], []
    body = content[3:-1]
    index = 0
    while index < len(body):
        number, line = body[index]
        if index + 1 < len(body) and body[index + 1][0] == number + 1:
            pair = caption_pair(line, body[index + 1][1])
            if pair:
                alt, caption = pair
                photos.append(
                    PlainPhoto(caption=caption, alt_text=alt if len(alt) <= MAX_ALT else "", position=len(paragraphs))
                )
                index += 2
                continue
        paragraphs.append(line)
        index += 1
    return PlainArticle(
        published_at=published_at,
        title=title,
        source_label=source_label,
        lead=lead,
        paragraphs=tuple(paragraphs),
        photos=tuple(photos),
        authors=authors,
    )


def parse_bytes(data):
    return parse(decode(data))


def _one_line(text):
    return " ".join((text or "").splitlines()).strip()


def write(article):
    """The text of `article` in the export format; parse(write(a)) == a for what the format can hold.

    A photo's alt text survives only when it reads the same as its caption:
    the format has no other place for it.
    """
    blocks = [
        format_dateline(to_vietnam(article.published_at)),
        _one_line(article.title),
        f"({article.source_label})-{_one_line(article.lead)}" if article.source_label else _one_line(article.lead),
    ]
    by_position = {}
    for photo in article.photos:
        by_position.setdefault(min(photo.position, len(article.paragraphs)), []).append(photo)
    for index in range(len(article.paragraphs) + 1):
        for photo in by_position.get(index, []):
            caption = _one_line(photo.caption or photo.alt_text)
            alt = _one_line(photo.alt_text)
            first = alt if alt and squash(alt) == squash(caption) else caption
            blocks.append(f"{first}\n{caption}")
        if index < len(article.paragraphs):
            blocks.append(_one_line(article.paragraphs[index]))
    blocks.append(" - ".join(article.authors))
    return "\n\n".join(blocks) + "\n"


def paragraphs_to_html(paragraphs):
    """Body HTML for plain paragraphs: text stays text, so "<", ">" and "&" are shown, never run."""
    return "\n".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def html_to_blocks(body):
    """The text of each top-level block of a body, in the order article_body counts them.

    A block without text (a figure, an image) gives "" so photo positions,
    which count blocks, can be mapped onto paragraphs.
    """
    texts = []
    for block in split_blocks(body or ""):
        if block.lstrip().lower().startswith(("<figure", "<img", "<picture")):
            texts.append("")
            continue
        text = html.unescape(strip_tags(_LINE_BREAKS.sub(lambda m: m.group(0) + "\n", block)))
        texts.append(_SPACE_RUNS_WITH_NEWLINE.sub(" ", text).strip())
    return texts
