"""The whole editorial workflow in a real browser: a reporter writes, a moderator approves, a reader reads.

Playwright drives Debian's chromium against pytest-django's live server. The
demo accounts come from load_demo, with a known password.
"""

import os
import re

import pytest
from django.core.management import call_command
from PIL import Image

from articles.models import Article

PASSWORD = "mat-khau-demo-2024"
TITLE = "Công an huyện Diễn Châu ra quân trấn áp tội phạm"
CAPTION = "Lực lượng Công an huyện Diễn Châu ra quân"
BODY_TEXT = "Sáng nay, Công an huyện Diễn Châu tổ chức lễ ra quân."

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("load_demo", stdout=open(os.devnull, "w"))


@pytest.fixture
def photo_path(tmp_path):
    path = tmp_path / "ra-quan.jpg"
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(path, "JPEG", quality=85)
    return path


class Console:
    """Collects console errors and CSP violations per page, to report what breaks the editor."""

    def __init__(self):
        self.messages = []

    def watch(self, page):
        page.on("console", lambda msg: msg.type in ("error", "warning") and self.messages.append((page.url, msg.text)))
        page.on("pageerror", lambda exc: self.messages.append((page.url, str(exc))))
        return page

    def csp_violations(self, path_prefix=""):
        return [
            (url, text)
            for url, text in self.messages
            if "Content Security Policy" in text and re.search(rf"//[^/]+{re.escape(path_prefix)}", url)
        ]


def new_page(browser, console):
    context = browser.new_context(locale="vi-VN")
    context.set_default_timeout(20_000)
    return console.watch(context.new_page())


def log_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


def choose_autocomplete(page, field_id, text):
    """Pick `text` in a Select2 autocomplete, as a person does: open, type, choose."""
    page.click(f"#{field_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-container--open .select2-results__option:has-text('{text}')")


def test_reporter_writes_moderator_approves_reader_reads(browser, demo, live_server, photo_path):
    base = live_server.url
    console = Console()

    # The reporter writes the article in CKEditor, adds a photo with a caption, and submits it.
    page = new_page(browser, console)
    log_in(page, base, "phongvien")
    page.goto(f"{base}/admin/articles/article/add/")
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", "Công an huyện Diễn Châu ra quân tấn công trấn áp tội phạm.")
    choose_autocomplete(page, "id_category", "Xây dựng lực lượng")  # a one-step section
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )
    editor_body = page.frame_locator("#cke_id_body iframe").locator("body")
    editor_body.click()
    editor_body.press_sequentially(BODY_TEXT, delay=5)
    editor_body.press("Enter")
    editor_body.press_sequentially("Đây là đoạn thứ hai.", delay=5)
    page.set_input_files("#id_photos-0-image", str(photo_path))
    page.fill("#id_photos-0-caption", CAPTION)
    page.fill("#id_photos-0-position", "1")
    page.click("input[name=_continue]")
    page.wait_for_selector("form.transition-submit button")
    article = Article.objects.get(title=TITLE)
    assert BODY_TEXT in article.body
    assert article.status == Article.Status.DRAFT
    assert article.photos.get().caption == CAPTION
    assert article.created_by.username == "phongvien"
    assert page.locator("form.transition-approve").count() == 0  # never a publish control for a reporter
    page.click("form.transition-submit button")
    page.wait_for_selector(".messagelist .success")
    assert Article.objects.get(pk=article.pk).status == Article.Status.SUBMITTED
    page.context.close()

    # The moderator finds it in the review queue and approves it.
    page = new_page(browser, console)
    log_in(page, base, "bientapvien")
    page.goto(f"{base}/admin/")
    page.click("#review-queue a")
    page.click(f"#result_list a:has-text('{TITLE}')")
    page.click("form.transition-approve button")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.is_live
    assert article.transitions.count() == 2
    page.context.close()

    # An anonymous reader finds it on the home page, opens it, and sees the caption.
    page = new_page(browser, console)
    page.goto(f"{base}/")
    page.click(f"a:has-text('{TITLE}')")
    page.wait_for_selector("h1.article-title")
    assert page.locator("h1.article-title").inner_text() == TITLE
    assert CAPTION in page.locator("figure.photo figcaption").first.inner_text()
    assert BODY_TEXT in page.locator(".article-body").inner_text()
    page.context.close()

    admin_violations = console.csp_violations("/admin/")
    assert not admin_violations, admin_violations
    public_violations = console.csp_violations("/")
    assert not public_violations, public_violations
