"""Text stays text: "<", ">" and "&" in a file appear literally on the page and never become markup."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.factories import jpeg_bytes

TEXT = (
    "Thứ Ba, 07/07/2020, 14:33 [GMT+7]\n\n"
    "Cảnh giác với <script> & lừa đảo\n\n"
    "(Congannghean.vn)-Kẻ gian gửi tin nhắn có <b>đường link</b> & mã độc.\n\n"
    "<script>alert('xss')</script>\n\n"
    "Lãi suất > 5% & phí < 1% <img src=x onerror=alert(1)>\n\n"
    "Ảnh <i>minh họa</i> & chú thích\nẢnh <i>minh họa</i> & chú thích\n\n"
    "P.V & cộng sự <b>\n"
)


@pytest.mark.django_db
def test_markup_in_the_file_is_shown_literally(tmp_path, client):
    path = tmp_path / "xss.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "xss-1.jpg").write_bytes(jpeg_bytes())
    call_command("import_articles", str(path), stdout=StringIO())
    article = Article.objects.get()
    assert "<script>" not in article.body and "&lt;script&gt;" in article.body
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html
    assert "Lãi suất &gt; 5% &amp; phí &lt; 1% &lt;img src=x onerror=alert(1)&gt;" in html
    assert "Cảnh giác với &lt;script&gt; &amp; lừa đảo" in html
    assert "có &lt;b&gt;đường link&lt;/b&gt; &amp; mã độc." in html
    assert "Ảnh &lt;i&gt;minh họa&lt;/i&gt; &amp; chú thích" in html
    assert "P.V &amp; cộng sự &lt;b&gt;" in html
