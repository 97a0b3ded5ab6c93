"""Vietnamese slugs and the newspaper date line."""

from datetime import UTC, datetime

import pytest

from articles.text import DatelineError, format_dateline, parse_dateline, search_key, slugify_vi


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đại hội Đảng bộ Công an tỉnh", "dai-hoi-dang-bo-cong-an-tinh"),
        ("Cụm thi đua số 5 - Bộ Công an: Sơ kết", "cum-thi-dua-so-5-bo-cong-an-so-ket"),
        ("Thừa Thiên Huế", "thua-thien-hue"),
        ("Ơn nghĩa ưu tiên Ạ Ệ", "on-nghia-uu-tien-a-e"),
        ("  --Tin  nóng!!  ", "tin-nong"),
    ],
)
def test_slugify_vi_keeps_every_vietnamese_letter(text, slug):
    assert slugify_vi(text) == slug


def test_slugify_vi_handles_decomposed_unicode():
    decomposed = "Đa\u0323i ho\u0323i"  # combining dot below instead of precomposed ạ, ộ
    assert slugify_vi(decomposed) == "dai-hoi"


def test_slugify_vi_cuts_long_text_at_a_word_boundary():
    slug = slugify_vi("Hội nghị " * 100, max_length=30)
    assert len(slug) <= 30
    assert not slug.endswith("-")
    assert slug.startswith("hoi-nghi-hoi-nghi")


def test_search_key_folds_marks_and_case():
    assert search_key("Công an Nghệ An  ĐẢNG bộ") == "cong an nghe an dang bo"


@pytest.mark.parametrize(
    ("utc", "line"),
    [
        (datetime(2020, 7, 7, 7, 33, tzinfo=UTC), "Thứ Ba, 07/07/2020, 14:33 [GMT+7]"),
        (datetime(2020, 7, 5, 1, 0, tzinfo=UTC), "Chủ Nhật, 05/07/2020, 08:00 [GMT+7]"),
        (datetime(2020, 7, 6, 1, 0, tzinfo=UTC), "Thứ Hai, 06/07/2020, 08:00 [GMT+7]"),
        (datetime(2020, 7, 11, 1, 0, tzinfo=UTC), "Thứ Bảy, 11/07/2020, 08:00 [GMT+7]"),
        # 23:15 UTC on 01/10 is already 06:15 on 02/10 in Hà Nội.
        (datetime(2020, 10, 1, 23, 15, tzinfo=UTC), "Thứ Sáu, 02/10/2020, 06:15 [GMT+7]"),
    ],
)
def test_format_dateline_uses_vietnam_time_and_weekday(utc, line):
    assert format_dateline(utc) == line


def test_parse_dateline_round_trips():
    value = parse_dateline("Thứ Ba, 07/07/2020, 14:33 [GMT+7]")
    assert format_dateline(value) == "Thứ Ba, 07/07/2020, 14:33 [GMT+7]"
    assert value.astimezone(UTC) == datetime(2020, 7, 7, 7, 33, tzinfo=UTC)


@pytest.mark.parametrize(
    "line",
    [
        "Thứ Hai, 30/02/2020, 10:00 [GMT+7]",  # no such date
        "Thứ Hai, 07/07/2020, 14:33 [GMT+7]",  # 07/07/2020 was a Tuesday
        "Tuesday, 07/07/2020, 14:33",
        "",
    ],
)
def test_parse_dateline_rejects_bad_lines(line):
    with pytest.raises(DatelineError):
        parse_dateline(line)
