"""An image the editor put in the body is served to readers like the article's other photos, and can be shared."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import photo_urls, photos
from articles.models import Photo
from tests import photo_samples as samples
from tests.factories import PhotoFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db

SITE = "https://congannghean.example"
FIGURES = re.compile(r'<figure class="photo">.*?</figure>', re.S)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.NEWSROOM_SITE_URL = SITE


def body_photo(article, width=1800, height=1200, **fields):
    """A photo stored the way the editor's upload view stores one (in_body, through the pipeline)."""
    photo = Photo(article=article, in_body=True, **fields)
    return photos.store_photo(photo, samples.upload(samples.jpeg_bytes(width, height)))


def ckeditor_figure(src, caption):
    """CKEditor 4 image2's getData() for a captioned image."""
    return f'<figure class="image"><img alt="" src="{src}" />\n<figcaption>{caption}</figcaption>\n</figure>'


def set_body(article, body):
    article.body = body
    article.save()


def article_body(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    return html.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]


def meta(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    tags = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html))
    (data,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return tags, json.loads(data)


def test_an_image_uploaded_in_the_editor_is_served_as_a_picture_with_the_editors_caption(client, moderator):
    article = PublishedArticleFactory()
    client.force_login(moderator)
    upload = reverse("articles:editor-upload", kwargs={"article_pk": article.pk})
    answer = client.post(upload, {"upload": samples.upload(samples.camera_jpeg(1800, 1200))}).json()
    client.logout()
    photo = Photo.objects.get(article=article)
    assert photo.in_body and answer["url"] == photo_urls.body_image_url(photo)
    set_body(article, "<p>Mở đầu.</p>" + ckeditor_figure(answer["url"], "Đại biểu dự hội nghị") + "<p>Kết.</p>")

    body = article_body(client, article)
    (figure,) = FIGURES.findall(body)
    webp = photo_urls.photo_url(photo, photo.renditions["480"]["webp"])
    assert f'<source type="image/webp" srcset="{webp} 480w, ' in figure and "960w" in figure
    jpeg = photo_urls.photo_url(photo, photo.renditions["480"]["jpeg"])
    assert f'srcset="{jpeg} 480w, ' in figure.split("<img", 1)[1]
    assert 'width="1200" height="1800"' in figure and 'sizes="' in figure
    assert "<figcaption>Đại biểu dự hội nghị</figcaption>" in figure
    assert 'alt="Đại biểu dự hội nghị"' in figure  # the editor left alt empty: the caption describes it
    assert 'class="image"' not in body and body.count("<img") == 1
    assert body.index("Mở đầu.") < body.index("<figure") < body.index("Kết.")
    for url in re.findall(r"(/anh/\d+/[\w-]+\.(?:webp|jpg))", figure):
        assert client.get(url).status_code == 200


def test_the_body_image_loads_lazily_below_a_placed_photo_and_at_once_when_first(client):
    article = PublishedArticleFactory()
    placed = PhotoFactory(article=article, position=0, caption="Ảnh đầu bài")
    inside = body_photo(article)
    set_body(article, "<p>Một.</p>" + ckeditor_figure(photo_urls.body_image_url(inside), "Trong bài"))
    first, second = FIGURES.findall(article_body(client, article))
    assert "Ảnh đầu bài" in first and 'loading="lazy"' not in first
    assert "Trong bài" in second and 'loading="lazy"' in second
    placed.delete()
    (only,) = FIGURES.findall(article_body(client, article))
    assert 'loading="lazy"' not in only


def test_a_centred_captioned_image_becomes_one_figure(client):
    article = PublishedArticleFactory()
    photo = body_photo(article, 600, 400)
    src = photo_urls.body_image_url(photo)
    # CKEditor 4 image2's output for a captioned image aligned to the centre.
    centred = (
        '<div style="text-align:center"><figure class="image" style="display:inline-block">'
        f'<img alt="" src="{src}" />\n<figcaption>Giữa</figcaption>\n</figure></div>'
    )
    set_body(article, "<p>Mở đầu.</p>" + centred)
    body = article_body(client, article)
    (figure,) = FIGURES.findall(body)
    assert "<figcaption>Giữa</figcaption>" in figure and "<picture>" in figure
    assert "<div" not in body and 'class="image"' not in body


def test_a_wrapper_holding_more_than_the_figure_keeps_the_rest(client):
    article = PublishedArticleFactory()
    photo = body_photo(article, 600, 400)
    src = photo_urls.body_image_url(photo)
    body = f'<div><figure class="image"><img src="{src}"></figure><p>Giữ đoạn này.</p><figure>Bảng</figure></div>'
    set_body(article, body)
    shown = article_body(client, article)
    assert "Giữ đoạn này." in shown and "Bảng" in shown and shown.count("<picture>") == 1


def test_an_image_alone_in_a_paragraph_becomes_a_figure_with_the_photos_caption(client):
    article = PublishedArticleFactory()
    photo = body_photo(article, caption="Lực lượng ra quân", credit="Hoàng Anh")
    set_body(article, f'<p>Mở đầu.</p><p><img alt="Ra quân" src="{photo_urls.body_image_url(photo)}"></p>')
    body = article_body(client, article)
    (figure,) = FIGURES.findall(body)
    assert "<p><figure" not in body and "<picture>" in figure and 'alt="Ra quân"' in figure
    assert "<figcaption>Lực lượng ra quân <span" in figure and "(Ảnh: Hoàng Anh)" in figure


def test_a_figcaption_stored_at_the_placeholder_falls_back_to_the_photos_caption(client):
    article = PublishedArticleFactory()
    photo = body_photo(article, caption="Chú thích của ảnh")
    # Stored before the sanitiser dropped placeholders: written around it, as an old row would be.
    with connection.cursor() as cursor:
        body = ckeditor_figure(photo_urls.body_image_url(photo), "Nhãn")
        cursor.execute("UPDATE articles_article SET body = %s WHERE id = %s", [body, article.pk])
    (figure,) = FIGURES.findall(article_body(client, article))
    assert "Nhãn" not in figure and "<figcaption>Chú thích của ảnh</figcaption>" in figure


def test_an_image_among_text_becomes_a_picture_in_place(client):
    article = PublishedArticleFactory()
    photo = body_photo(article, 600, 400)
    set_body(article, f'<p>Trước ảnh <img src="{photo_urls.body_image_url(photo)}"> sau ảnh.</p>')
    body = article_body(client, article)
    assert "<figure" not in body
    paragraph = re.search(r"<p>Trước ảnh (.*) sau ảnh\.</p>", body, re.S)[1]
    assert paragraph.startswith("<picture>") and 'width="600" height="400"' in paragraph
    assert '<source type="image/webp"' in paragraph and 'loading="lazy"' not in paragraph  # first image


def test_a_linked_image_keeps_its_link_around_the_picture(client):
    article = PublishedArticleFactory()
    photo = body_photo(article, 600, 400)
    src = photo_urls.body_image_url(photo)
    set_body(
        article,
        f'<figure class="image"><a href="https://cand.vn/"><img src="{src}"></a><figcaption>Xem</figcaption></figure>',
    )
    body = article_body(client, article)
    assert re.search(
        r'<a href="https://cand.vn/"[^>]*><picture>.*</picture></a><figcaption>Xem</figcaption>', body, re.S
    )


def test_an_absolute_address_on_the_site_is_recognised(client):
    article = PublishedArticleFactory()
    photo = body_photo(article)
    set_body(article, ckeditor_figure(SITE + photo_urls.body_image_url(photo), "Ảnh địa chỉ đầy đủ"))
    (figure,) = FIGURES.findall(article_body(client, article))
    assert "<picture>" in figure and "Ảnh địa chỉ đầy đủ" in figure


def test_images_that_are_not_the_articles_own_photos_are_left_as_stored(client):
    article = PublishedArticleFactory()
    other_article_photo = body_photo(PublishedArticleFactory())
    own = body_photo(article)
    sources = [
        "https://cand.vn/anh/hoi-nghi.jpg",
        photo_urls.body_image_url(other_article_photo),
        photo_urls.photo_url(own, "khong-phai-anh-nay.jpg"),
        "https://elsewhere.example" + photo_urls.body_image_url(own),
        "/tin-moi/",
    ]
    set_body(article, "".join(f'<p><img alt="" src="{src}"></p>' for src in sources))
    body = article_body(client, article)
    assert "<picture>" not in body and "<figure" not in body
    for src in sources:
        assert f'<p><img alt="" src="{src}"></p>' in body


def test_body_images_add_no_queries(client, django_assert_num_queries):
    def make(count):
        article = PublishedArticleFactory()
        set_body(article, "".join(ckeditor_figure(photo_urls.body_image_url(body_photo(article, 64, 48)), f"Ảnh {n}")
                                  for n in range(count)))  # fmt: skip
        return article

    two, six = make(2), make(6)
    for article in (two, six):
        client.get(article.get_absolute_url())  # warm per-process caches (site menu, related articles)
    with CaptureQueriesContext(connection) as queries:
        assert article_body(client, two).count("<picture>") == 2
    with django_assert_num_queries(len(queries)):
        assert article_body(client, six).count("<picture>") == 6


def test_the_body_image_is_the_share_image_when_there_is_no_cover_or_other_photo(client):
    article = PublishedArticleFactory()
    photo = body_photo(article, 1800, 1200)
    set_body(article, "<p>Một.</p>" + ckeditor_figure(photo_urls.body_image_url(photo), "Đại biểu"))
    tags, data = meta(client, article)
    expected = SITE + photo_urls.photo_url(photo, photo.renditions["1600"]["jpeg"])
    assert tags["og:image"] == expected and tags["twitter:image"] == expected
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1600", "1067")
    assert tags["twitter:card"] == "summary_large_image"
    assert data["image"] == [expected]


def test_a_photo_removed_from_the_body_is_not_shared(client):
    article = PublishedArticleFactory()
    body_photo(article)  # uploaded, then deleted from the text in the editor
    tags, data = meta(client, article)
    assert "og:image" not in tags and "image" not in data and tags["twitter:card"] == "summary"


def test_the_cover_then_a_placed_photo_come_before_the_body_image(client):
    article = PublishedArticleFactory()
    inside = body_photo(article)
    set_body(article, ckeditor_figure(photo_urls.body_image_url(inside), "Trong bài"))
    placed = photos.store_photo(Photo(article=article, position=2), samples.upload(samples.jpeg_bytes(900, 600)))
    tags, _data = meta(client, article)
    assert tags["og:image"].startswith(f"{SITE}/anh/{placed.pk}/")
    cover = photos.store_photo(Photo(article=article, position=1), samples.upload(samples.jpeg_bytes(800, 600)))
    article.cover_photo = cover
    article.save()
    tags, _data = meta(client, article)
    assert tags["og:image"].startswith(f"{SITE}/anh/{cover.pk}/")
