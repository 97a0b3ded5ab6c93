"""In a real browser, CKEditor 4 uploads images to the project's view with the CSRF header editor.js adds.

Both ways CKEditor uploads (the uploadimage plugin on paste/drop, and the file
loader the image dialog uses) go through fileUploadRequest, where editor.js
puts the page's CSRF token in X-CSRFToken.
"""

import re

import pytest

from articles.editor import body_widget
from articles.forms import ArticleAdminForm
from articles.models import Photo
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A 40x30 PNG drawn on a canvas, as a Blob, and CKEditor's file loader uploading it.
UPLOAD_JS = """
async () => {
  const editor = CKEDITOR.instances.id_body
  const canvas = document.createElement("canvas")
  canvas.width = 40; canvas.height = 30
  canvas.getContext("2d").fillRect(0, 0, 40, 30)
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"))
  const loader = editor.uploadRepository.create(blob, "pasted.png")
  return await new Promise((resolve) => {
    loader.on("uploaded", () => resolve({status: loader.status, url: loader.url}))
    loader.on("error", () => resolve({status: loader.status, message: loader.message}))
    loader.loadAndUpload(editor.config.uploadUrl)
  })
}
"""

PASTE_JS = """
() => {
  const editor = CKEDITOR.instances.id_body
  const canvas = document.createElement("canvas")
  canvas.width = 60; canvas.height = 40
  canvas.getContext("2d").fillRect(0, 0, 60, 40)
  const html = '<p><img src="' + canvas.toDataURL("image/png") + '"></p>'
  editor.fire("paste", {type: "html", method: "paste", dataValue: html})
}
"""


@pytest.fixture
def editor_page(browser, live_server, monkeypatch):
    user = UserFactory(username="bientap", is_superuser=True)
    article = ArticleFactory(created_by=user)
    # The admin form gets the article's upload URL the way the admin passes it: body_widget(article=obj).
    monkeypatch.setitem(ArticleAdminForm.Meta.widgets, "body", body_widget(article=article))
    page = browser.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "matkhau-12345")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    # Functions, not expression strings: the admin's CSP forbids eval.
    page.wait_for_function("() => window.CKEDITOR?.instances.id_body?.status === 'ready'")
    return page, article


def test_file_loader_upload_carries_the_csrf_header_and_creates_a_body_photo(editor_page):
    page, article = editor_page
    result = page.evaluate(UPLOAD_JS)
    assert result["status"] == "uploaded", result
    photo = Photo.objects.get(article=article)
    assert photo.in_body and re.fullmatch(rf"/anh/{photo.pk}/[\w-]+\.jpg", result["url"])


def test_pasted_image_is_uploaded_and_replaced_by_its_rendition_url(editor_page):
    page, article = editor_page
    page.evaluate(PASTE_JS)
    page.wait_for_function("() => CKEDITOR.instances.id_body.getData().includes('/anh/')", timeout=15000)
    html = page.evaluate("() => CKEDITOR.instances.id_body.getData()")
    photo = Photo.objects.get(article=article, in_body=True)
    assert f"/anh/{photo.pk}/" in html and "data:image" not in html
