"""The demo's drawn photos: an event scene from the caption, with the caption printed only in a font that has its marks.

Vietnamese without its marks is wrong Vietnamese, so a caption is burned into the
picture only when a font on the machine draws every one of its characters (DejaVu
or Liberation on Debian); a fresh machine without them gets the picture alone.
"""

import hashlib
import io
import unicodedata

from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/opentype/noto/NotoSans-Regular.ttf",
)
LABEL_SIZE = 26
LABEL_CHARS = 70
# A code point no font has a glyph for: what the font draws for it is its "missing" box.
_NO_GLYPH = "\U0010fffd"


def draws_all(font, text):
    """Whether `font` has a real glyph for every character of `text` (no "missing" box)."""
    missing = bytes(font.getmask(_NO_GLYPH))
    return all(char.isspace() or bytes(font.getmask(char)) != missing for char in set(text))


def label_font(text, paths=FONT_PATHS, size=LABEL_SIZE):
    """The first TrueType font of `paths` that draws all of `text`, Vietnamese marks included; else None."""
    for path in paths:
        try:
            font = ImageFont.truetype(path, size)
        except (OSError, ImportError):  # no such file, or Pillow built without FreeType
            continue
        if draws_all(font, text):
            return font
    return None


def _label(caption):
    text = " ".join(unicodedata.normalize("NFC", caption).split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def draw_photo(caption, number, size=(960, 640), font_paths=FONT_PATHS):
    """A JPEG drawn from the caption: the same caption always gives the same bytes (so re-runs change nothing)."""
    seed = hashlib.sha256(f"{caption}|{number}".encode()).digest()
    width, height = size
    top = (seed[0] // 2, 40 + seed[1] // 3, 90 + seed[2] // 2)
    bottom = (20 + seed[3] // 2, seed[4] // 4, 40 + seed[5] // 4)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / (height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    # A stage, a banner and a row of figures: enough to read as a photo of an event.
    draw.rectangle([0, height * 0.72, width, height], fill=(60 + seed[6] // 4, 45, 40))
    draw.rectangle([width * 0.12, height * 0.1, width * 0.88, height * 0.28], fill=(170, 20, 30))
    draw.ellipse([width * 0.46, height * 0.12, width * 0.54, height * 0.26], fill=(250, 210, 40))
    figures = 5 + seed[7] % 6
    for i in range(figures):
        x = width * (i + 0.5) / figures
        shade = 30 + (seed[8 + i % 20] % 60)
        colour = (shade, 70 + shade // 2, 40 + shade // 3)
        draw.ellipse([x - 22, height * 0.42, x + 22, height * 0.42 + 44], fill=(230, 190, 160))
        draw.rounded_rectangle([x - 38, height * 0.42 + 48, x + 38, height * 0.78], radius=16, fill=colour)
    label = _label(caption)
    font = label_font(label, font_paths) if label else None
    if font is not None:
        draw.rectangle([0, height - 56, width, height], fill=(0, 0, 0))
        draw.text((20, height - 44), label, fill=(255, 255, 255), font=font)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
