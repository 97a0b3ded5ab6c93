"""Search results shown: the words a reader looked for marked in the title and an excerpt, whatever their marks."""

import functools
import html
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .text import fold, strip_control_chars

EXCERPT_CHARS = 240


@functools.lru_cache(maxsize=4096)
def _fold_char(ch):
    return fold(ch).lower()


class _FoldTable(dict):
    """str.translate's table for folding, filled as characters are met.

    Nearly every character folds to exactly one ("ộ" to "o"); the few that fold to none or
    several ("ǆ", "İ") are noted, and a text holding one is folded the slow way.
    """

    irregular = set()

    def __missing__(self, code):
        folded = self[code] = _fold_char(chr(code))
        if len(folded) != 1:
            self.irregular.add(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def _folded(text):
    """`text` folded like search_key, and for each folded character the index of its original one.

    The index map is None when it is the identity (every character folded to one): the
    translation runs in C, which matters on a search page folding twenty bodies.
    """
    folded = text.translate(_FOLD_TABLE)
    if _FOLD_TABLE.irregular.isdisjoint(text):
        return folded, None
    chars, origin = [], []
    for i, ch in enumerate(text):
        for folded_char in _fold_char(ch):
            chars.append(folded_char)
            origin.append(i)
    return "".join(chars), origin


def match_spans(text, terms):
    """(start, end) spans of `text` where a whole word equals a term, found without regard to marks or case.

    "hoi nghi" finds "Hội nghị" and "đảng" finds "Đảng": matching runs on the folded text,
    and the spans point back into the original.
    """
    if not terms or not text:
        return []
    folded, origin = _folded(text)
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    spans = []
    for m in re.finditer(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", folded):
        start, end = (m.start(), m.end()) if origin is None else (origin[m.start()], origin[m.end() - 1] + 1)
        # Neighbouring words ("Hội nghị") become one mark.
        if spans and (start <= spans[-1][1] or text[spans[-1][1] : start].isspace()):
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def highlight(text, terms, spans=None):
    """`text` escaped, with the matching words wrapped in <mark>."""
    text = unicodedata.normalize("NFC", text or "")
    if spans is None:
        spans = match_spans(text, terms)
    out, pos = [], 0
    for start, end in spans:
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


# A tag of the stored (sanitised) body, quoted attribute values included: what strip_tags()
# removes from such markup, without its HTML parser (a tenth of a search page for twenty bodies).
_TAG = re.compile(r"<[a-zA-Z/!](?:[^>\"']|\"[^\"]*\"|'[^']*')*>")


def excerpt(article, terms, length=EXCERPT_CHARS):
    """A window of the lead and body around the first match, highlighted; the lead's start when none."""
    text = " ".join(f"{article.lead} {html.unescape(_TAG.sub('', article.body or ''))}".split())
    text = unicodedata.normalize("NFC", strip_control_chars(text))
    spans = match_spans(text, terms)
    if not spans:
        return highlight(Truncator(text).chars(length), terms, spans=[])
    start = max(spans[0][0] - length // 4, 0)
    if start:
        # Start at a word, not in the middle of one.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(start + length, len(text))
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > spans[0][1] else end
    window = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + highlight(text[start:end], terms, spans=window) + suffix)
