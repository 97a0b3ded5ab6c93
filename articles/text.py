"""Vietnamese text rules: the one place where text becomes a slug, a search key or a date line."""

import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Monday is 0, as datetime.weekday() counts. Newspapers write "Chủ Nhật" with a capital N.
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")

# đ/Đ have no decomposition in Unicode, so NFKD alone would drop them.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text):
    """Strip Vietnamese tone and vowel marks: "Đảng bộ Nghệ An" -> "Dang bo Nghe An".

    Case is kept; callers lower() it when they need a search key.
    """
    text = unicodedata.normalize("NFKD", (text or "").translate(_SPECIAL))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def search_key(text):
    """Lower-case, mark-free, single-spaced text used to match searches."""
    return " ".join(fold(text).lower().split())


_WORDS = re.compile(r"[^\W_]+")
_TAGS = re.compile(r"<[^>]*>")


def search_words(text):
    """The stored search form of `text`: folded words joined by single spaces, padded by one space.

    Vietnamese words are syllables, so search matches whole syllables: "nghi" must find
    "nghị" but not "nghiệp". With the padding, " nghi " matches a whole word with a
    plain substring test on every database.
    """
    words = _WORDS.findall(search_key(text))
    return f" {' '.join(words)} " if words else ""


def html_text(html):
    """Text of an HTML fragment, with tags turned into spaces so paragraphs do not run together."""
    import html as html_module

    return html_module.unescape(_TAGS.sub(" ", html or ""))


def slugify_vi(text, max_length=200):
    """ "Đại hội Đảng bộ Công an tỉnh" -> "dai-hoi-dang-bo-cong-an-tinh"."""
    slug = _NON_SLUG.sub("-", fold(text).lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")


def strip_control_chars(text):
    """Remove control characters (but not tab and newlines) that break XML feeds and JSON."""
    return _CONTROL.sub("", text or "")


def to_vietnam(value):
    """`value` in Vietnam time; naive values are taken as Vietnam time already."""
    if timezone.is_naive(value):
        return value.replace(tzinfo=VIETNAM_TZ)
    try:
        return value.astimezone(VIETNAM_TZ)
    except OverflowError:  # the last hours of year 9999 (UTC) have no Vietnam time: keep the edge
        return datetime.max.replace(tzinfo=VIETNAM_TZ)


def iso_vietnam(value):
    """2020-07-07T14:33:00+07:00, whole seconds: a <time datetime>, OpenGraph, JSON-LD, sitemaps."""
    return to_vietnam(value).replace(microsecond=0).isoformat() if value else ""


def format_dateline(value):
    """The newspaper date line: "Thứ Ba, 07/07/2020, 14:33 [GMT+7]"."""
    if value is None:
        return ""
    local = to_vietnam(value)
    return f"{WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y, %H:%M} [GMT+7]"


_DATELINE = re.compile(
    r"^\s*(?P<weekday>Thứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ [Nn]hật),\s*"
    r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4}),\s*"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*\[GMT\+7\]\s*$"
)


class DatelineError(ValueError):
    """A line that is not a valid date line; `code` says why: "format", "nonexistent" or "weekday"."""

    def __init__(self, message, code="format"):
        super().__init__(message)
        self.code = code


def parse_dateline(line):
    """Inverse of format_dateline; raises DatelineError with a reason."""
    line = unicodedata.normalize("NFC", line or "")
    match = _DATELINE.match(line)
    if not match:
        raise DatelineError("not a date line")
    parts = {k: int(v) for k, v in match.groupdict().items() if k != "weekday"}
    try:
        local = datetime(parts["year"], parts["month"], parts["day"], parts["hour"], parts["minute"], tzinfo=VIETNAM_TZ)
    except ValueError as exc:
        raise DatelineError(f"date does not exist: {exc}", code="nonexistent") from None
    weekday = match["weekday"].replace("Chủ nhật", "Chủ Nhật")
    if WEEKDAYS[local.weekday()] != weekday:
        raise DatelineError(f"{weekday} does not match {local:%d/%m/%Y} ({WEEKDAYS[local.weekday()]})", code="weekday")
    return local
