"""In real Chromium: CKEditor's image dialog on a new article saves the draft, then uploads; readers get a <picture>.

The whole path a reporter takes: the image button on an article not saved yet says it
must be saved first and offers to do it, the change page reopens the dialog on its
upload tab, the file goes through the pipeline, the caption typed in the editor (or
none, when left at the placeholder "Nhãn") is stored, and the published page serves
the photo like every other one.
"""

import io

import pytest
from django.utils import timezone
from PIL import Image

from articles import workflow
from articles.models import Article, Photo
from tests.factories import AuthorFactory, CategoryFactory, ModeratorFactory, ReporterFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READY = "() => window.CKEDITOR?.instances.id_body?.status === 'ready'"
DIALOG = ".cke_dialog"
SAVE_FIRST = "Hãy lưu bài viết một lần trước khi chèn ảnh vào nội dung."
SAVE_BUTTON = "Lưu bài ngay rồi tải ảnh lên"


def jpeg(width=1400, height=900):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (180, 30, 40)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def signed_in(browser, live_server):
    user = ReporterFactory(username="phongvien")  # the reporter is the one who writes and inserts images
    CategoryFactory(name="Tin tức - Sự kiện")
    page = browser.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "phongvien")
    page.fill("#id_password", "matkhau-12345")
    page.click("input[type=submit]")
    return page, user


def open_image_dialog(page):
    page.evaluate("() => CKEDITOR.instances.id_body.execCommand('image')")
    page.wait_for_selector(DIALOG, state="visible")


def fill_new_article(page, live_server):
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.wait_for_function(READY)
    page.fill("#id_title", "Hội nghị tổng kết có ảnh")
    page.fill("#id_lead", "Sáng nay, Công an tỉnh tổ chức hội nghị tổng kết.")
    page.click("#id_category + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "Tin")
    page.click(".select2-container--open .select2-results__option:has-text('Tin tức - Sự kiện')")


def upload_in_dialog(page):
    """The dialog's upload tab: choose a file, send it, come back to the URL the server answered."""
    frame = page.frame_locator(f"{DIALOG} iframe.cke_dialog_ui_input_file")
    frame.locator("input[type=file]").set_input_files(
        files=[{"name": "hoi-nghi.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}]
    )
    page.click(f"{DIALOG} a.cke_dialog_ui_fileButton")
    page.wait_for_function(
        "() => CKEDITOR.dialog.getCurrent().getValueOf('info', 'src').includes('/anh/')", timeout=20000
    )


def insert_with_caption(page):
    page.check(f"{DIALOG} input[type=checkbox]")  # "Ảnh có chú thích"
    page.click(f"{DIALOG} a.cke_dialog_ui_button_ok")
    page.frame_locator(".cke_wysiwyg_frame").locator("figcaption").wait_for()


def save_and_continue(page):
    with page.expect_navigation():
        page.click("input[name=_continue]")
    assert page.locator("ul.messagelist .success").count() == 1, page.inner_text("#content")


def publish(article):
    """An editor approves the reporter's draft, through the workflow."""
    article.set_byline([AuthorFactory(pen_name="Hoàng Anh").pk])
    editor = ModeratorFactory(username="bientapvien")
    workflow.transition(article, "approve", user=editor, seen_version=article.version)
    assert Article.objects.published(timezone.now()).filter(pk=article.pk).exists()


def test_new_article_dialog_saves_the_draft_then_uploads_and_readers_get_a_picture(signed_in, live_server):
    page, user = signed_in
    fill_new_article(page, live_server)
    open_image_dialog(page)
    dialog = page.locator(DIALOG)
    assert SAVE_FIRST in dialog.inner_text()
    assert not dialog.locator(".cke_dialog_tab:has-text('Tải lên')").is_visible()  # no upload before the save
    with page.expect_navigation():
        dialog.locator(f"a.cke_dialog_ui_button:has-text('{SAVE_BUTTON}')").click()

    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT and page.url.endswith(f"/{article.pk}/change/")
    page.wait_for_function(READY)
    page.wait_for_selector(f"{DIALOG} .cke_dialog_tab_selected:has-text('Tải lên')")  # reopened on its upload tab
    upload_in_dialog(page)
    insert_with_caption(page)
    page.frame_locator(".cke_wysiwyg_frame").locator("figcaption").dblclick()  # selects the placeholder word
    page.keyboard.insert_text("Đại biểu dự hội nghị")  # at once: typed key by key, a busy editor dropped some
    save_and_continue(page)

    photo = Photo.objects.get(article=article)
    assert photo.in_body and photo.uploaded_by == user and (photo.width, photo.height) == (1400, 900)
    article.refresh_from_db()
    assert "<figcaption>Đại biểu dự hội nghị</figcaption>" in article.body
    publish(article)

    reader = page.context.browser.new_page()  # a fresh context: no admin session
    reader.goto(live_server.url + article.get_absolute_url())
    figure = reader.locator(".article-body figure.photo")
    assert figure.count() == 1 and reader.locator(".article-body figure.image").count() == 0
    assert figure.locator("figcaption").inner_text() == "Đại biểu dự hội nghị"
    source = figure.locator("picture source[type='image/webp']")
    assert "480w" in source.get_attribute("srcset") and "960w" in source.get_attribute("srcset")
    img = figure.locator("picture img")
    assert (img.get_attribute("width"), img.get_attribute("height")) == ("1400", "900")
    assert "960w" in img.get_attribute("srcset") and img.get_attribute("alt") == "Đại biểu dự hội nghị"
    reader.wait_for_function("() => document.querySelector('.article-body picture img').complete")
    assert reader.evaluate("() => document.querySelector('.article-body picture img').naturalWidth") > 0
    assert reader.evaluate("() => document.querySelector('.article-body picture img').currentSrc").endswith(".webp")
    og_image = reader.locator("meta[property='og:image']").get_attribute("content")
    assert f"/anh/{photo.pk}/" in og_image  # no cover, no other photo: the body's photo is shared
    reader.close()


def test_a_caption_left_at_the_placeholder_is_not_stored_or_shown(signed_in, live_server):
    page, _user = signed_in
    fill_new_article(page, live_server)
    save_and_continue(page)
    article = Article.objects.get()
    page.wait_for_function(READY)
    open_image_dialog(page)
    assert SAVE_FIRST not in page.inner_text(DIALOG) and SAVE_BUTTON not in page.inner_text(DIALOG)
    page.click(f"{DIALOG} .cke_dialog_tab:has-text('Tải lên')")
    upload_in_dialog(page)
    insert_with_caption(page)
    data = page.evaluate("() => CKEDITOR.instances.id_body.getData()")
    assert "<figcaption>Nh&atilde;n</figcaption>" in data  # what the editor would send untouched
    save_and_continue(page)

    article.refresh_from_db()
    assert "/anh/" in article.body and "figcaption" not in article.body and "Nhãn" not in article.body
    publish(article)
    reader = page.context.browser.new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    figure = reader.locator(".article-body figure.photo")
    assert figure.locator("picture img").count() == 1 and figure.locator("figcaption").count() == 0
    assert "Nhãn" not in reader.locator(".article-body").inner_text()
    reader.close()


def test_an_image_pasted_into_a_new_article_is_refused_with_the_note(signed_in, live_server):
    page, _user = signed_in
    fill_new_article(page, live_server)
    page.evaluate(
        """() => {
          const canvas = document.createElement("canvas")
          canvas.width = 30; canvas.height = 20
          const html = '<p>Chữ</p><p><img src="' + canvas.toDataURL("image/png") + '"></p>'
          CKEDITOR.instances.id_body.fire("paste", {type: "html", method: "paste", dataValue: html})
        }"""
    )
    page.wait_for_selector(f".cke_notification_warning:has-text('{SAVE_FIRST}')")
    data = page.evaluate("() => CKEDITOR.instances.id_body.getData()")
    assert "Chữ" in data and "<img" not in data
