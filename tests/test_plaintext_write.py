"""Writing the plain-text format back: the sample comes out as a normalised copy of itself, and reads back the same."""

from pathlib import Path

from articles.plaintext import html_to_blocks, paragraphs_to_html, parse, parse_bytes, write
from articles.sanitizer import sanitize_html

SAMPLE = Path(__file__).resolve().parent.parent / "articles" / "demo" / "conference-report-2020-07-07.txt"


def normalised(text):
    """The sample minus its leftovers: no whitespace-only or lone "." lines, the doubled caption once."""
    lines = [line.strip() for line in text.splitlines()]
    lines = ["" if line in ("", ".") else line for line in lines]
    out = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    text = "\n".join(out).strip() + "\n"
    doubled = "Đại biểu Cục X03, Bộ Công an và lãnh đạo Công an các tỉnh Bắc Trung Bộ tham dự hội nghị"
    return text.replace(f"{doubled} {doubled}\n", f"{doubled}\n")


def test_sample_is_written_back_as_its_normalised_text():
    raw = SAMPLE.read_text(encoding="utf-8")
    assert write(parse(raw)) == normalised(raw)


def test_written_text_reads_back_to_the_same_article():
    doc = parse_bytes(SAMPLE.read_bytes())
    assert parse(write(doc)) == doc


def test_photo_after_the_last_paragraph_stays_there():
    text = "Thứ Ba, 07/07/2020, 14:33 [GMT+7]\n\nT\n\n(X)-Sapo\n\nĐoạn.\n\nẢnh cuối\nẢnh cuối\n\nP.V\n"
    doc = parse(text)
    assert doc.photos[0].position == 1
    assert write(doc) == text


def test_markup_characters_stay_text_through_html_and_back():
    paragraphs = ("Dùng <script>alert(1)</script> & “ngoặc” <b>đậm</b>", "Tổ\u00a0 chức & A<B>C")
    body = sanitize_html(paragraphs_to_html(paragraphs))
    assert "<script>" not in body
    assert "&lt;script&gt;" in body
    assert tuple(html_to_blocks(body)) == paragraphs


def test_editor_markup_becomes_one_line_per_block():
    body = (
        "<h2>Tiêu đề\n phụ</h2><p>Dòng một<br>dòng hai</p><figure class='image'><img src='/a.jpg'></figure><p>Hết</p>"
    )
    assert html_to_blocks(body) == ["Tiêu đề phụ", "Dòng một dòng hai", "", "Hết"]
