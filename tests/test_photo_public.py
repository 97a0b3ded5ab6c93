"""Public pages show photos through stored renditions: <picture>, srcset/sizes, width/height, lazy below the fold."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import photo_urls, photos
from articles.models import Photo
from tests import photo_samples as samples
from tests.factories import CategoryFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db


def add_photo(article, width=2000, height=1000, **fields):
    photo = Photo(article=article, **fields)
    return photos.store_photo(photo, samples.upload(samples.jpeg_bytes(width, height)))


def test_article_page_serves_renditions_with_srcset_sizes_and_dimensions(client):
    article = PublishedArticleFactory(body="<p>Một.</p><p>Hai.</p><p>Ba.</p>")
    first = add_photo(article, caption="Toàn cảnh hội nghị", position=0)
    add_photo(article, 1200, 800, caption="Đại biểu dự hội nghị", position=2)
    html = client.get(article.get_absolute_url()).content.decode()
    figures = re.findall(r"<figure class=\"photo\">.*?</figure>", html, re.S)
    assert len(figures) == 2
    webp = photo_urls.photo_url(first, first.renditions["480"]["webp"])
    assert f'<source type="image/webp" srcset="{webp} 480w, ' in figures[0]
    assert "960w" in figures[0] and "1600w" in figures[0] and 'sizes="' in figures[0]
    assert 'srcset="' in figures[0].split("<img", 1)[1]  # JPEG fallback srcset on the <img>
    assert 'width="2000" height="1000"' in figures[0]
    assert 'width="1200" height="800"' in figures[1]
    assert "Toàn cảnh hội nghị" in figures[0] and "Đại biểu dự hội nghị" in figures[1]
    # The first photo is above the fold: loaded at once; the others lazily.
    assert 'loading="lazy"' not in figures[0]
    assert 'loading="lazy"' in figures[1]
    # Readers never get a storage path, only the checked photo URLs.
    assert "/media/" not in html and "photos/" not in html


def test_rendition_urls_on_the_page_return_the_files(client):
    article = PublishedArticleFactory()
    photo = add_photo(article, position=1)
    html = client.get(article.get_absolute_url()).content.decode()
    urls = set(re.findall(r"(/anh/\d+/[\w-]+\.(?:webp|jpg))", html))
    assert len(urls) == 6  # 3 widths x (WebP, JPEG)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] in ("image/webp", "image/jpeg")
    assert photo.pk


def test_list_pages_use_a_cover_thumbnail_with_srcset(client):
    article = PublishedArticleFactory()
    article.cover_photo = add_photo(article, position=0)
    article.save()
    for url in (reverse("articles:home"), reverse("articles:latest"), article.category.get_absolute_url()):
        html = client.get(url).content.decode()
        assert '<source type="image/webp" srcset="' in html, url
        assert "480w" in html and 'sizes="' in html and 'width="2000"' in html, url
        assert "/media/" not in html, url


def make_listing(count, category):
    for _ in range(count):
        article = PublishedArticleFactory(category=category)
        article.cover_photo = add_photo(article, 600, 400)
        article.save()


@pytest.mark.parametrize("url_name", ["articles:latest", "articles:category", "articles:home"])
def test_cover_thumbnails_add_no_queries(client, django_assert_num_queries, url_name):
    one, many = CategoryFactory(name="Một bài"), CategoryFactory(name="Ba mươi bài")
    make_listing(1, one)
    kwargs = {"slug": one.slug} if url_name == "articles:category" else {}
    cache.clear()  # both counts cold: the menu and the home page's choice of articles are kept
    with CaptureQueriesContext(connection) as single:
        html = client.get(reverse(url_name, kwargs=kwargs)).content.decode()
    assert html.count("<picture>") >= 1
    make_listing(29, one if url_name != "articles:category" else many)
    if url_name == "articles:category":
        make_listing(1, many)
        kwargs = {"slug": many.slug}
    cache.clear()
    with django_assert_num_queries(len(single)):
        html = client.get(reverse(url_name, kwargs=kwargs)).content.decode()
    assert html.count("<picture>") >= (20 if url_name == "articles:category" else 4)  # a full page


def test_a_cover_recaptioned_or_re_stored_gets_new_card_markup_not_the_remembered_one(client):
    from articles.markup import card_picture

    article = PublishedArticleFactory()
    photo = add_photo(article, caption="Toàn cảnh hội nghị", alt_text="Toàn cảnh")
    first = card_picture(photo)
    assert card_picture(photo) is first  # remembered
    photo.alt_text = "Đại biểu dự hội nghị"
    assert 'alt="Đại biểu dự hội nghị"' in card_picture(photo)
    photos.store_photo(photo, samples.upload(samples.jpeg_bytes(1600, 900)))
    renewed = card_picture(photo)
    assert photo_urls.photo_url(photo, photo.renditions["480"]["jpeg"]) in renewed


@pytest.mark.parametrize("name", ["photos/2026/12/abc_DEF-123.jpg", "x-480.webp", "tên ảnh%.jpg", "a{pk}b.jpg", "NAME"])
def test_photo_addresses_are_what_reverse_gives(name):
    from django.urls import set_script_prefix

    photo = Photo(pk=42)
    for prefix in ("/", "/bao/"):
        set_script_prefix(prefix)
        try:
            expected = reverse("articles:photo-file", kwargs={"pk": 42, "name": name.rsplit("/", 1)[-1]})
            assert photo_urls.photo_url(photo, name) == expected
        finally:
            set_script_prefix("/")
