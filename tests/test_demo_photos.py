"""Demo photos print their caption only with its Vietnamese marks, and nothing at all without a font that has them."""

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFont

from articles.demo_photos import FONT_PATHS, draw_photo, draws_all, label_font

HAS_FONT = any(Path(path).exists() for path in FONT_PATHS)
NO_FONT = ("/nonexistent/font.ttf",)
SIZE = (960, 640)


def band(data):
    """The bottom strip where a caption goes (from 4 px inside its top edge, clear of the scene above)."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    return image.crop((0, SIZE[1] - 52, SIZE[0], SIZE[1]))


def strongly_different_pixels(a, b):
    diff = ImageChops.difference(a, b).convert("L")
    return sum(diff.histogram()[121:])


def test_the_built_in_font_has_no_vietnamese_marks_and_is_never_used_for_them():
    font = ImageFont.load_default(size=26)
    if not isinstance(font, ImageFont.FreeTypeFont):
        pytest.skip("Pillow without FreeType")
    assert draws_all(font, "Hoi nghi tong ket")
    assert not draws_all(font, "Hội nghị tổng kết")


@pytest.mark.skipif(not HAS_FONT, reason="no DejaVu, Liberation or Noto font on this machine")
def test_a_system_font_with_the_marks_is_chosen():
    font = label_font("Hội nghị tổng kết công tác năm 2026 của Công an tỉnh Nghệ An")
    assert font is not None and draws_all(font, "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
    assert bytes(font.getmask("ộ")) != bytes(font.getmask("o"))


@pytest.mark.skipif(not HAS_FONT, reason="no DejaVu, Liberation or Noto font on this machine")
def test_the_caption_is_burned_in_with_its_marks():
    marked, plain = band(draw_photo("Hội nghị", 1)), band(draw_photo("Hoi nghi", 1))
    assert strongly_different_pixels(marked, plain) > 20  # the marks are there, not a folded caption
    # The same caption over another scene: the strip is the caption alone (so the difference above is the marks).
    assert strongly_different_pixels(marked, band(draw_photo("Hội nghị", 2))) == 0
    assert marked.convert("L").getextrema()[1] > 200  # white text on the black strip


def test_without_a_font_that_has_the_marks_no_text_is_drawn():
    for caption in ("Hội nghị tổng kết", "Hoi nghi"):
        data = draw_photo(caption, 1, font_paths=NO_FONT)
        strip = band(data).convert("L")
        darkest, brightest = strip.getextrema()
        assert brightest < 150 and darkest > 10  # the stage's floor: no white letters, no black caption strip
        assert draw_photo(caption, 1, font_paths=NO_FONT) == data  # re-runs of load_demo change nothing
