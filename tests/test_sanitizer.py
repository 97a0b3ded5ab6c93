"""Server-side HTML sanitising: no route stores script, handlers, styles or javascript: URLs."""

import pytest

from articles.models import Article
from articles.sanitizer import sanitize_html
from tests.factories import ArticleFactory

DANGEROUS = (
    '<p onclick="steal()">Tin<script>alert(1)</script>'
    '<a href="javascript:alert(1)">x</a><a href="JaVaScRiPt:alert(2)">y</a>'
    '<img src="/media/a.jpg" onerror="alert(3)" style="width:1px">'
    '<iframe src="https://evil.example"></iframe><style>p{}</style>'
    '<a href="data:text/html,hi">d</a></p>'
)


def assert_clean(html):
    lowered = html.lower()
    for bad in ("<script", "onclick", "onerror", "javascript:", "style", "<iframe", "data:text"):
        assert bad not in lowered, bad


def test_sanitizer_removes_script_handlers_styles_and_bad_urls():
    cleaned = sanitize_html(DANGEROUS)
    assert_clean(cleaned)
    assert "Tin" in cleaned
    assert '<img src="/media/a.jpg">' in cleaned


def test_sanitizer_keeps_news_markup():
    html = (
        "<h2>Tiêu đề</h2><p><strong>Đậm</strong> <em>nghiêng</em></p><ul><li>Một</li></ul>"
        "<blockquote>Trích</blockquote><table><tbody><tr><td>1</td></tr></tbody></table>"
        '<figure class="image"><img src="https://cand.vn/a.jpg" alt="A"><figcaption>Ảnh</figcaption></figure>'
        '<p><a href="https://congannghean.vn/">link</a> <a href="mailto:toasoan@example.vn">mail</a></p>'
    )
    cleaned = sanitize_html(html)
    kept = ["<h2>", "<strong>", "<em>", "<ul>", "<blockquote>", "<table>", "<figcaption>", '<figure class="image">']
    kept += ['href="https://congannghean.vn/"', 'href="mailto:toasoan@example.vn"']
    for fragment in kept:
        assert fragment in cleaned


@pytest.mark.django_db
def test_body_is_sanitised_on_save():
    article = ArticleFactory(body=DANGEROUS)
    article.refresh_from_db()
    assert_clean(article.body)


@pytest.mark.django_db
def test_body_is_sanitised_on_queryset_update_and_bulk_create():
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(body=DANGEROUS)
    article.refresh_from_db()
    assert_clean(article.body)
    other = ArticleFactory.build(body=DANGEROUS, category=article.category, created_by=article.created_by)
    Article.objects.bulk_create([other])
    assert_clean(Article.objects.exclude(pk=article.pk).get().body)
