"""A reporter's read-only view of a published article: the body as readers get it, photos never by storage path."""

import re

import pytest

from articles import photos
from articles.models import Photo
from tests import photo_samples as samples
from tests.admin_client import change_url
from tests.factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db

BODY = '<p>Đoạn <strong>in đậm</strong> thứ nhất.</p><p>Xem <a href="https://congannghean.vn/">trang chủ</a>.</p>'


def add_photo(article, **fields):
    return photos.store_photo(Photo(article=article, **fields), samples.upload(samples.jpeg_bytes(1200, 800)))


@pytest.fixture
def published(reporter):
    article = PublishedArticleFactory(created_by=reporter, body=BODY)
    add_photo(article, caption="Toàn cảnh hội nghị", position=1)
    return article


def test_reporter_gets_a_read_only_view_with_the_body_rendered_not_its_html_source(client, reporter, published):
    client.force_login(reporter)
    response = client.get(change_url(published))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="_save"' not in html and "CKEDITOR" not in html  # read-only: no form to post, no editor
    [body] = re.findall(r'<div class="article-body readonly-body">(.*?)</div></div>', html, re.S)
    assert "<strong>in đậm</strong>" in body and '<a href="https://congannghean.vn/"' in body
    assert "&lt;p&gt;" not in html and "&lt;strong&gt;" not in html
    # The photo is placed after the paragraph the reporter chose, as on the article page.
    assert body.index("thứ nhất") < body.index("<figure") < body.index("trang chủ")
    assert "Toàn cảnh hội nghị" in body


def test_reporter_s_read_only_view_never_names_a_storage_path_or_a_media_link(client, reporter, published):
    photo = published.photos.get()
    client.force_login(reporter)
    html = client.get(change_url(published)).content.decode()
    assert photo.image.name not in html and "photos/" not in html
    assert "/media/" not in html
    urls = set(re.findall(r'src="(/anh/\d+/[\w-]+\.jpg)"', html))
    assert urls  # the preview and the figure, through the checked photo view
    for url in urls:
        assert client.get(url).status_code == 200


def test_the_editable_form_links_the_current_photo_through_the_photo_view_too(client, moderator, published):
    photo = published.photos.get()
    client.force_login(moderator)
    html = client.get(change_url(published)).content.decode()
    assert 'name="photos-0-image"' in html  # editable: the file input is there
    assert photo.image.name not in html and "/media/" not in html
    [link] = re.findall(r'<a href="(/anh/\d+/[\w-]+\.jpg)">xem ảnh</a>', html)
    assert client.get(link).status_code == 200
