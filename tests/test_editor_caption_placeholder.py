"""A caption left at CKEditor's placeholder ("Nhãn", "Caption") is never stored, on any way into the database."""

from pathlib import Path

import ckeditor
import pytest

from articles.models import Article
from articles.sanitizer import CAPTION_PLACEHOLDERS, sanitize_html
from tests.factories import ArticleFactory

# What CKEditor 4.22's image2 plugin returns from getData() for a captioned image whose caption
# nobody typed (the editor's language is Vietnamese), copied from the real editor.
CKEDITOR_PLACEHOLDER_FIGURE = (
    '<figure class="image"><img alt="" src="/anh/1/abc-960.jpg" />\n<figcaption>Nh&atilde;n</figcaption>\n</figure>\n\n'
    "<p>Đoạn thứ nhất.</p>"
)
IMAGE2_LANG = Path(ckeditor.__file__).parent / "static/ckeditor/ckeditor/plugins/image2/lang"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_placeholders_are_the_ones_the_shipped_editor_inserts(language):
    text = (IMAGE2_LANG / f"{language}.js").read_text(encoding="utf-8-sig")
    placeholder = text.split('captionPlaceholder:"', 1)[1].split('"', 1)[0]
    assert placeholder.casefold() in CAPTION_PLACEHOLDERS


def test_ckeditors_placeholder_caption_is_dropped_and_the_image_kept():
    cleaned = sanitize_html(CKEDITOR_PLACEHOLDER_FIGURE)
    assert "figcaption" not in cleaned and "Nhãn" not in cleaned
    assert '<figure class="image"><img alt="" src="/anh/1/abc-960.jpg">' in cleaned
    assert "<p>Đoạn thứ nhất.</p>" in cleaned


@pytest.mark.parametrize(
    "caption",
    ["Nhãn", "Caption", "caption", " Nh&atilde;n&nbsp;", "<strong>Nhãn</strong><br>", "Nha\u0303n", "", "&nbsp;<br>"],
    ids=["vi", "en", "lower", "entities-nbsp", "formatted", "decomposed-marks", "empty", "blank"],
)
def test_placeholder_or_empty_captions_are_dropped(caption):
    html = f'<figure class="image"><img src="/a.jpg"><figcaption>{caption}</figcaption></figure>'
    assert sanitize_html(html) == '<figure class="image"><img src="/a.jpg"></figure>'


@pytest.mark.parametrize(
    "caption",
    ["Nhãn hàng giả bị thu giữ tại kho", "Nhãn mác", "Đại tá Nguyễn Văn A phát biểu", '<a href="/x">Nhãn</a>'],
)
def test_real_captions_are_kept(caption):
    html = f'<figure class="image"><img src="/a.jpg"><figcaption>{caption}</figcaption></figure>'
    assert "<figcaption>" in sanitize_html(html)


@pytest.mark.django_db
def test_placeholder_caption_is_never_stored_through_save_update_or_bulk_create():
    article = ArticleFactory(body=CKEDITOR_PLACEHOLDER_FIGURE)
    Article.objects.filter(pk=article.pk).update(body=CKEDITOR_PLACEHOLDER_FIGURE + "<p>Sửa.</p>")
    other = ArticleFactory.build(
        body=CKEDITOR_PLACEHOLDER_FIGURE, category=article.category, created_by=article.created_by
    )
    Article.objects.bulk_create([other])
    stored = list(Article.objects.values_list("body", flat=True))
    assert len(stored) == 2 and "<p>Sửa.</p>" in stored[0] + stored[1]
    for body in stored:
        assert "Nhãn" not in body and "figcaption" not in body and "/anh/1/abc-960.jpg" in body
