"""The sample report, imported with its three photos, reads on its page as the paper printed it."""

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.factories import jpeg_bytes

SAMPLE = Path(__file__).resolve().parent.parent / "articles" / "demo" / "conference-report-2020-07-07.txt"
CAPTIONS = [
    "Toàn cảnh Hội nghị",
    "Đại biểu Cục X03, Bộ Công an và lãnh đạo Công an các tỉnh Bắc Trung Bộ tham dự hội nghị",
    "Đại tá Hồ Văn Tứ - Phó Giám đốc Công an tỉnh Nghệ An báo cáo sơ kết phong trào thi đua 6 tháng đầu năm 2020 "
    "của Cụm thi đua số 5",
]


@pytest.fixture
def sample_page(db, client, tmp_path):
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)
    for number in (1, 2, 3):
        (tmp_path / f"{SAMPLE.stem}-{number}.jpg").write_bytes(jpeg_bytes(color=(20 * number, 60, 120)))
    call_command("import_articles", str(tmp_path / SAMPLE.name), stdout=None)
    article = Article.objects.get(import_key=SAMPLE.stem)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return article, response.content.decode()


def _body(html):
    return re.search(r'<div class="article-body">(.*?)</div>', html, re.S).group(1)


def test_sample_page_shows_date_line_title_labelled_lead_and_byline(sample_page):
    article, html = sample_page
    assert "Thứ Ba, 07/07/2020, 14:33 [GMT+7]" in html
    assert "Cụm thi đua số 5 - Bộ Công an: Sơ kết phong trào thi đua 6 tháng đầu năm" in html
    assert re.search(r"\(Congannghean\.vn\)-(</strong>)?Sáng 7/7, tại TX Cửa Lò", html)
    assert re.search(r'class="byline">.*Đ\. Thắng', html, re.S)
    assert article.lead.startswith("Sáng 7/7")  # the label is stored apart
    assert article.source_label == "Congannghean.vn"


def test_sample_page_places_the_three_captions_between_the_paragraphs(sample_page):
    _article, html = sample_page
    body = _body(html)
    marks = [
        body.index(f"<figcaption>{CAPTIONS[0]}"),
        body.index("Từ đầu năm đến nay"),
        body.index(f"<figcaption>{CAPTIONS[1]}"),
        body.index("Trên cơ sở những kết quả"),
        body.index(f"<figcaption>{CAPTIONS[2]}"),
    ]
    assert marks == sorted(marks)
    assert body.count("<img") == 3


def test_sample_page_body_has_no_leftovers(sample_page):
    article, html = sample_page
    body = _body(html)
    assert body.count("<p>") == 2
    assert not re.search(r"<p>\s*(\.|&nbsp;|\u00a0)?\s*</p>", body)
    assert "Đ. Thắng" not in body  # the byline is not a paragraph
    assert article.photos.filter(image="").count() == 0
