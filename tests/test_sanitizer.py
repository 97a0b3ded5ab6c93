"""Server-side HTML sanitising: no route stores script, handlers, styles or javascript: URLs."""

from html.parser import HTMLParser

import pytest

from articles.models import Article
from articles.sanitizer import ALLOWED_TAGS, sanitize_html
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


# The mutation-XSS family: foreign content (math, svg) and raw-text elements (style) that, left
# open, make the parser read the rest of the body as something the sanitiser drops.
SWALLOWERS = [
    '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img src=1 '
    'onerror=alert(1)&gt;">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<svg><foreignObject><table><desc><style><img src=x onerror=alert(1)>",
    "<style>p{color:red}",
    "<textarea>",
    "<noscript><p title='</noscript><img src=x onerror=alert(1)>'>",
    "<!-- never closed",
    "<scr<script></script>ipt>alert(1)</script>",
]


@pytest.mark.parametrize("payload", SWALLOWERS)
def test_markup_that_would_swallow_the_body_keeps_what_follows(payload):
    cleaned = sanitize_html(f"<p>Đoạn mở đầu.</p>{payload}<p>Đoạn <strong>sau</strong> vẫn còn.</p>")
    assert "<p>Đoạn mở đầu.</p>" in cleaned
    assert "<p>Đoạn <strong>sau</strong> vẫn còn.</p>" in cleaned
    assert_clean_of_scripts(cleaned)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_clean_of_scripts(html):
    """As a browser parses it: no element outside the allow-list, no handler, no script URL."""
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag in ALLOWED_TAGS, tag
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert not any("script:" in (value or "").lower() for value in attrs.values()), (tag, attrs)


def test_closed_script_and_style_blocks_are_still_dropped_with_their_content():
    cleaned = sanitize_html("<p>Tin</p><script>steal()</script><style>p{}</style><p>tiếp</p>")
    assert cleaned == "<p>Tin</p><p>tiếp</p>"


def test_swallowing_tags_are_kept_as_visible_text():
    cleaned = sanitize_html("<p>a</p><math><mi>x</mi></math><p>b</p>")
    assert "&lt;math&gt;" in cleaned and "<p>b</p>" in cleaned


@pytest.mark.parametrize(
    "srcset",
    [
        "javascript:alert(1) 1x",
        "/a.jpg 1x, javascript:alert(1) 2x",
        "JaVaScRiPt:alert(1)",
        "data:image/svg+xml;base64,PHN2Zz4= 1x",
        "//evil.example/a.jpg 1x",
        "vbscript:x 2x",
        "/a.jpg 1x,",
        "/a.jpg 480w 2x",
    ],
)
def test_srcset_with_anything_but_plain_image_urls_is_dropped(srcset):
    cleaned = sanitize_html(f'<img src="/a.jpg" srcset="{srcset}" alt="Ảnh">')
    assert "srcset" not in cleaned
    assert 'src="/a.jpg"' in cleaned and 'alt="Ảnh"' in cleaned


@pytest.mark.parametrize(
    "srcset", ["/anh/1/a-480.jpg 480w, /anh/1/a-960.jpg 960w", "https://cdn.example.vn/a.jpg 2x", "/a.jpg"]
)
def test_plain_image_srcsets_are_kept(srcset):
    assert f'srcset="{srcset}"' in sanitize_html(f'<img src="/a.jpg" srcset="{srcset}">')
    assert f'srcset="{srcset}"' in sanitize_html(f'<picture><source srcset="{srcset}"></picture>')


@pytest.mark.django_db
def test_the_migration_cleans_bodies_stored_before_the_sanitiser_learned_more():
    import importlib

    from django.apps import apps
    from django.db import connection

    article = ArticleFactory()
    stored = '<p>a</p><img srcset="javascript:alert(1) 1x"><math><mtext><table><mglyph><style><p>sau</p>'
    with connection.cursor() as cursor:  # past get_prep_value, as an older sanitiser let it through
        cursor.execute("UPDATE articles_article SET body = %s WHERE id = %s", [stored, article.pk])
    importlib.import_module("articles.migrations.0007_resanitize_bodies").resanitize(apps, None)
    article.refresh_from_db()
    assert "javascript" not in article.body and "<p>sau</p>" in article.body
