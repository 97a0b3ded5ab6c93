"""Matching words are highlighted in the original Vietnamese text, escaped, whatever marks the query had."""

import pytest
from django.urls import reverse

from articles.search import query_terms
from articles.search_highlight import excerpt, highlight
from tests.factories import PublishedArticleFactory


def test_unaccented_query_highlights_accented_words():
    assert highlight("Khai mạc Hội nghị tổng kết", query_terms("hoi nghi")) == (
        "Khai mạc <mark>Hội nghị</mark> tổng kết"
    )


def test_d_highlights_d_stroke_and_keeps_the_original_letters():
    assert highlight("Đại hội Đảng bộ", query_terms("dang")) == "Đại hội <mark>Đảng</mark> bộ"


def test_matches_start_a_word_and_cover_the_whole_word():
    # "an" is the start of "An" (Nghệ An), not the middle of "Thanh".
    assert highlight("Thanh Hóa và Nghệ An", query_terms("an")) == "Thanh Hóa và Nghệ <mark>An</mark>"
    assert highlight("Công an tỉnh", query_terms("cong")) == "<mark>Công</mark> an tỉnh"


def test_text_is_escaped_before_marks_are_added():
    html = highlight('<script>alert("hội")</script> & hội', query_terms("hoi"))
    assert html == ("&lt;script&gt;alert(&quot;<mark>hội</mark>&quot;)&lt;/script&gt; &amp; <mark>hội</mark>")


def test_query_that_looks_like_markup_or_regex_highlights_nothing_dangerous():
    assert highlight("a <b> (c)", query_terms("<b> .* (")) == "a &lt;<mark>b</mark>&gt; (c)"
    assert highlight("Tin tức", query_terms("mark")) == "Tin tức"


def test_decomposed_unicode_text_is_matched_and_shown_composed():
    decomposed = "Ho\u0323\u0302i nghi\u0323"  # "Hội nghị" typed with combining marks
    assert highlight(decomposed, query_terms("hoi nghi")) == "<mark>Hội nghị</mark>"


@pytest.mark.django_db
def test_excerpt_shows_the_body_around_the_first_match():
    filler = " ".join(["Nội dung mở đầu dài dòng."] * 30)
    article = PublishedArticleFactory(
        lead="Tóm tắt.", body=f"<p>{filler}</p><p>Lực lượng phòng cháy chữa cháy &amp; cứu hộ.</p>"
    )
    text = excerpt(article, query_terms("phong chay"))
    assert "<mark>phòng cháy</mark>" in text
    assert "&amp; cứu hộ" in text
    assert text.startswith("… ")
    assert "Tóm tắt" not in text
    assert len(text) < 400


@pytest.mark.django_db
def test_excerpt_is_the_lead_when_only_the_title_matches():
    article = PublishedArticleFactory(title="Phòng cháy", lead="Sáng nay <đơn vị> diễn tập.", body="<p>Khác.</p>")
    assert excerpt(article, query_terms("phong chay")) == "Sáng nay &lt;đơn vị&gt; diễn tập. Khác."


@pytest.mark.django_db
def test_results_page_highlights_title_and_excerpt(client):
    PublishedArticleFactory(title="Hội nghị <tổng kết>", lead="Khai mạc hội nghị.", body="<p>Nội dung.</p>")
    content = client.get(reverse("articles:search"), {"q": "hoi nghi"}).content.decode()
    assert "<mark>Hội nghị</mark> &lt;tổng kết&gt;" in content
    assert "Khai mạc <mark>hội nghị</mark>." in content
    assert "<tổng kết>" not in content


@pytest.mark.parametrize("filler_words", [0, 150, 180, 900])
def test_excerpt_finds_a_match_wherever_the_body_has_it(filler_words):
    """The excerpt folds a growing prefix of the body: a match past it, or across its cut, is still right."""
    from types import SimpleNamespace

    filler = " ".join(["nghiệp"] * filler_words)  # "nghi" must never match inside "nghiệp"
    article = SimpleNamespace(lead="Tin đầu.", body=f"<p>{filler} Hội nghị sơ kết phong trào thi đua.</p>")
    shown = excerpt(article, query_terms("hoi nghi"))
    assert "<mark>Hội nghị</mark>" in shown
    assert shown.count("<mark>") == 1
    assert "nghiệp</mark>" not in shown and "<mark>nghi" not in shown


def test_highlight_stays_on_the_word_after_a_letter_that_folds_to_two():
    """ "İ" lowers to two characters: the spans must still point at the original text."""
    shown = highlight("İstanbul, Hội nghị Công an", query_terms("hoi nghi"))
    assert shown == "İstanbul, <mark>Hội nghị</mark> Công an"


@pytest.mark.django_db
def test_excerpt_reads_the_text_of_markup_with_a_bracket_in_an_attribute_and_in_the_text():
    from articles.models import Article

    article = PublishedArticleFactory(lead="Tin ngắn.")
    # Written past the sanitiser (a raw SQL fix, an old import): the excerpt still reads only the text.
    Article.objects.filter(pk=article.pk).update(
        body='<p>Trước <img alt="a > b" src="/x.jpg"> buổi <strong>hội nghị</strong>, 1 < 2 &amp; 3.</p>'
    )
    article.refresh_from_db()
    assert excerpt(article, query_terms("hoi nghi")) == (
        "Tin ngắn. Trước buổi <mark>hội nghị</mark>, 1 &lt; 2 &amp; 3."
    )
