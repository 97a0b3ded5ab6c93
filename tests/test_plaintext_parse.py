"""Reading the plain-text format: date line, title, label and lead, paragraphs, captions, leftovers, byline."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from articles.plaintext import PlainTextError, parse, parse_bytes

# The sample report (../shared/samples/), as the demo content ships it.
SAMPLE = Path(__file__).resolve().parent.parent / "articles" / "demo" / "conference-report-2020-07-07.txt"

HEAD = "Thứ Ba, 07/07/2020, 14:33 [GMT+7]\n\nTiêu đề bài viết\n\n(Congannghean.vn)-Sáng 7/7, hội nghị diễn ra.\n\n"


def test_sample_is_read_as_the_page_shows_it():
    doc = parse_bytes(SAMPLE.read_bytes())
    assert doc.published_at.astimezone(UTC) == datetime(2020, 7, 7, 7, 33, tzinfo=UTC)
    assert doc.title == "Cụm thi đua số 5 - Bộ Công an: Sơ kết phong trào thi đua 6 tháng đầu năm"
    assert doc.source_label == "Congannghean.vn"
    assert doc.lead.startswith("Sáng 7/7, tại TX Cửa Lò")
    assert len(doc.paragraphs) == 2
    assert doc.paragraphs[0].startswith("Từ đầu năm đến nay")
    assert doc.paragraphs[1].startswith("Trên cơ sở những kết quả")
    assert [(p.caption, p.position) for p in doc.photos] == [
        ("Toàn cảnh Hội nghị", 0),
        ("Đại biểu Cục X03, Bộ Công an và lãnh đạo Công an các tỉnh Bắc Trung Bộ tham dự hội nghị", 1),
        (
            "Đại tá Hồ Văn Tứ - Phó Giám đốc Công an tỉnh Nghệ An báo cáo sơ kết phong trào thi đua "
            "6 tháng đầu năm 2020 của Cụm thi đua số 5",
            2,
        ),
    ]
    assert doc.authors == ("Đ. Thắng",)


def test_doubled_caption_line_gives_the_caption_once():
    doc = parse(HEAD + "Lực lượng ra quân Lực lượng ra quân\nLực lượng ra quân\n\nĐoạn một.\n\nP.V\n")
    assert [(p.caption, p.alt_text, p.position) for p in doc.photos] == [("Lực lượng ra quân", "Lực lượng ra quân", 0)]
    assert doc.paragraphs == ("Đoạn một.",)


def test_leftover_lines_are_dropped():
    text = HEAD + "Đoạn một.\n\n\u00a0\n\n.\n\n \t \n\n\u200b\n\nĐoạn hai.\n\n\u00a0 \n.\n\nP.V\n"
    doc = parse(text)
    assert doc.paragraphs == ("Đoạn một.", "Đoạn hai.")
    assert doc.authors == ("P.V",)


def test_same_text_separated_by_a_blank_line_is_two_paragraphs_not_a_caption():
    doc = parse(HEAD + "Nhắc lại.\n\nNhắc lại.\n\nP.V\n")
    assert doc.photos == ()
    assert doc.paragraphs == ("Nhắc lại.", "Nhắc lại.")


def test_several_photos_take_the_paragraph_count_before_them():
    text = HEAD + "Ảnh một\nẢnh một\n\nĐoạn 1.\n\nĐoạn 2.\n\nẢnh hai\nẢnh hai\n\nẢnh ba\nẢnh ba\n\nĐoạn 3.\n\nP.V\n"
    doc = parse(text)
    assert [(p.caption, p.position) for p in doc.photos] == [("Ảnh một", 0), ("Ảnh hai", 2), ("Ảnh ba", 2)]
    assert doc.paragraphs == ("Đoạn 1.", "Đoạn 2.", "Đoạn 3.")


@pytest.mark.parametrize(
    "byline, authors",
    [
        ("Đ. Thắng", ("Đ. Thắng",)),
        ("Hoàng Anh - Minh Đức", ("Hoàng Anh", "Minh Đức")),
        ("P.V", ("P.V",)),
        ("Hoàng Anh  -  Minh Đức - Hoàng Anh", ("Hoàng Anh", "Minh Đức")),
    ],
)
def test_byline_is_split_into_pen_names(byline, authors):
    assert parse(HEAD + "Đoạn.\n\n" + byline + "\n").authors == authors


def test_lead_without_a_label_keeps_its_text_and_an_empty_label():
    doc = parse("Thứ Ba, 07/07/2020, 14:33 [GMT+7]\n\nTiêu đề\n\nSáng 7/7, hội nghị.\n\nĐoạn.\n\nP.V\n")
    assert (doc.source_label, doc.lead) == ("", "Sáng 7/7, hội nghị.")


def test_windows_line_endings_and_a_bom_are_accepted():
    data = ("\ufeff" + HEAD + "Đoạn.\n\nP.V\n").replace("\n", "\r\n").encode("utf-8")
    doc = parse_bytes(data)
    assert doc.title == "Tiêu đề bài viết"
    assert doc.paragraphs == ("Đoạn.",)


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "empty"),
        (b" \n\xc2\xa0\n.\n", "empty"),
        ("Tiêu đề\n\n(X)-Sapo\n\nĐoạn.\n\nP.V\n".encode(), "no-dateline"),
        ("Chủ Nhật, 30/02/2020, 10:00 [GMT+7]\n\nTiêu đề\n\n(X)-Sapo\n\nĐoạn.\n\nP.V\n".encode(), "bad-date"),
        ("Thứ Hai, 07/07/2020, 14:33 [GMT+7]\n\nTiêu đề\n\n(X)-Sapo\n\nP.V\n".encode(), "bad-date"),
        ("Thứ Ba, 07/07/2020, 14:33 [GMT+7]\n\nTiêu đề\n".encode(), "incomplete"),
        ("Tiêu đề".encode("utf-16"), "encoding"),
        (b"Th\xf8 Ba, 07/07/2020, 14:33 [GMT+7]\n\nTi\xeau \xf0\xea\xcc\n", "encoding"),
        ("Thứ Ba, 07/07/2020, 14:33 [GMT+7]\n\nTiêu đề\n\n(X)-\n\nĐoạn.\n\nP.V\n".encode(), "lead"),
        (("Thứ Ba, 07/07/2020, 14:33 [GMT+7]\n\nTiêu đề\n\n(X)-Sapo\n\n" + "dài " * 60).encode(), "byline"),
    ],
    ids=[
        "empty",
        "only-leftovers",
        "no-date-line",
        "30-february",
        "wrong-weekday",
        "no-lead-or-byline",
        "utf-16",
        "windows-1258",
        "empty-lead",
        "paragraph-as-byline",
    ],
)
def test_bad_input_is_refused_with_a_reason(data, code):
    with pytest.raises(PlainTextError) as info:
        parse_bytes(data)
    assert info.value.code == code
    assert str(info.value)
