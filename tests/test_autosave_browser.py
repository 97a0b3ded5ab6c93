"""Nothing lost while writing, in a real browser: a closed tab, a dropped connection, an expired session.

Playwright drives Debian's chromium against pytest-django's live server. The
browser's own clock zone is Paris, so the times shown prove they are Vietnam's.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from articles.models import Article, ArticleAutosave
from tests.factories import ArticleFactory, CategoryFactory, ReporterFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-12345"  # tests.factories.UserFactory's
TITLE = "Công an huyện Diễn Châu ra quân trấn áp tội phạm"
LEAD = "Sáng nay, Công an huyện Diễn Châu ra quân tấn công trấn áp tội phạm dịp cuối năm."
PARAGRAPHS = [
    "Lễ ra quân có sự tham dự của lãnh đạo Công an tỉnh, Huyện ủy, UBND huyện và đông đảo cán bộ, chiến sĩ.",
    "Trong đợt cao điểm, lực lượng Công an huyện tập trung đấu tranh với tội phạm ma túy, cờ bạc, trộm cắp.",
    "Đồng thời tăng cường tuần tra, kiểm soát, xử lý vi phạm trật tự an toàn giao thông trên các tuyến đường.",
]
OFFER = re.compile(r"Có bản lưu tự động lúc (\d\d:\d\d) — khôi phục\?")


@pytest.fixture
def writer(db):
    return ReporterFactory(username="phongvien")


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Europe/Paris")
    context.set_default_timeout(20_000)
    errors = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    yield context
    context.close()
    assert not errors, errors


def log_in(context, base, username):
    page = context.new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    return page


def open_form(page, url):
    page.goto(url)
    page.wait_for_selector("#article_form[data-autosave=ready]")
    return page


def editor_text(page):
    # The text, not getData(): CKEditor writes Vietnamese letters as HTML entities (&ocirc;).
    return page.evaluate("() => CKEDITOR.instances.id_body.editable().getText()")


def write(page):
    """Type a title, a lead and a long body, the body key by key in CKEditor."""
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", LEAD)
    page.fill("#id_event_place", "Diễn Châu")
    body = page.frame_locator("#cke_id_body iframe").locator("body")
    body.click()
    page.keyboard.press("Control+A")
    for number, paragraph in enumerate(PARAGRAPHS):
        if number:
            body.press("Enter")
        body.press_sequentially(paragraph)


def wait_for_status(page, text):
    page.wait_for_selector(f".submit-row .autosave-status:has-text('{text}')")
    return page.locator(".autosave-status").inner_text()


def vietnam_now_labels():
    """HH:MM in Vietnam time now and a minute ago (a test may straddle a minute)."""
    now = timezone.localtime()
    return {f"{now:%H:%M}", f"{now - timedelta(minutes=1):%H:%M}"}


def restore_from_banner(page):
    banner = page.wait_for_selector(".autosave-banner")
    shown = OFFER.search(banner.inner_text())
    assert shown, banner.inner_text()
    page.click(".autosave-banner button:has-text('Khôi phục')")
    page.wait_for_selector(".autosave-banner", state="detached")
    page.wait_for_function(f"() => CKEDITOR.instances.id_body.editable().getText().includes({PARAGRAPHS[-1]!r})")
    return shown.group(1)


def assert_form_holds_the_text(page):
    assert page.input_value("#id_title") == TITLE
    assert page.input_value("#id_lead").startswith(LEAD)
    assert page.input_value("#id_event_place") == "Diễn Châu"
    text = editor_text(page)
    assert all(paragraph in text for paragraph in PARAGRAPHS), text


def choose_category(page, name):
    page.click("#id_category + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", name)
    page.click(f".select2-container--open .select2-results__option:has-text('{name}')")


def test_a_new_article_survives_a_closed_tab(context, live_server, writer):
    CategoryFactory(name="An ninh trật tự")
    add_url = f"{live_server.url}/admin/articles/article/add/"
    page = open_form(log_in(context, live_server.url, "phongvien"), add_url)
    write(page)
    status = wait_for_status(page, "Đã lưu tự động lúc")
    autosave = ArticleAutosave.objects.get(user=writer, article=None)
    assert status == f"Đã lưu tự động lúc {ArticleAutosave.time_label(autosave.saved_at)}"
    assert autosave.fields["title"] == TITLE and PARAGRAPHS[-1] in autosave.body
    assert not Article.objects.exists()
    page.close()  # without saving

    page = open_form(context.new_page(), add_url)
    assert restore_from_banner(page) == ArticleAutosave.time_label(autosave.saved_at)
    assert_form_holds_the_text(page)
    choose_category(page, "An ninh trật tự")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    article = Article.objects.get()
    assert (article.title, article.lead, article.event_place) == (TITLE, LEAD, "Diễn Châu")
    assert all(paragraph in article.body for paragraph in PARAGRAPHS)
    assert not ArticleAutosave.objects.exists()
    open_form(page, add_url)
    assert page.locator(".autosave-banner").count() == 0
    assert page.input_value("#id_title") == ""


def test_an_edit_survives_a_closed_tab_and_the_next_save_ends_it(context, live_server, writer):
    article = ArticleFactory(created_by=writer, title="Bản cũ", lead="Sapo cũ.", body="<p>Đoạn cũ.</p>")
    change_url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page = open_form(log_in(context, live_server.url, "phongvien"), change_url)
    write(page)
    wait_for_status(page, "Đã lưu tự động lúc")
    page.close()
    unchanged = Article.objects.get(pk=article.pk)
    assert (unchanged.title, unchanged.version, unchanged.updated_at) == ("Bản cũ", 1, article.updated_at)

    page = open_form(context.new_page(), change_url)
    restore_from_banner(page)
    assert_form_holds_the_text(page)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    article.refresh_from_db()
    assert (article.title, article.lead, article.version) == (TITLE, LEAD, 2)
    assert all(paragraph in article.body for paragraph in PARAGRAPHS)
    assert not ArticleAutosave.objects.exists()
    open_form(page, change_url)
    assert page.locator(".autosave-banner").count() == 0


def test_a_dropped_connection_keeps_the_text_in_the_browser(context, live_server, writer):
    article = ArticleFactory(created_by=writer, title="Bản cũ", body="<p>Đoạn cũ.</p>")
    change_url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page = open_form(log_in(context, live_server.url, "phongvien"), change_url)
    context.set_offline(True)
    write(page)
    wait_for_status(page, "Chưa lưu được — sẽ thử lại")
    assert not ArticleAutosave.objects.exists()  # the server never got it
    # Asked before closing: the keepalive save sent as the tab closes may leave after
    # Playwright's offline emulation ends with the page, which a dropped line would not allow.
    page.close()
    context.set_offline(False)

    page = open_form(context.new_page(), change_url)
    assert restore_from_banner(page) in vietnam_now_labels()  # the browser's copy, in Vietnam time
    assert_form_holds_the_text(page)
    wait_for_status(page, "Đã lưu tự động lúc")  # now the server has it too
    assert PARAGRAPHS[-1] in ArticleAutosave.objects.get(user=writer, article=article).body


def test_an_expired_session_on_save_keeps_the_text_and_asks_to_log_in(context, live_server, writer):
    article = ArticleFactory(created_by=writer, title="Bản cũ", body="<p>Đoạn cũ.</p>")
    change_url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    page = open_form(log_in(context, live_server.url, "phongvien"), change_url)
    write(page)
    wait_for_status(page, "Đã lưu tự động lúc")
    Session.objects.all().delete()  # the session expired while the reporter wrote on
    page.fill("#id_lead", LEAD + " Tin, ảnh: Đ. Thắng.")
    page.click("input[name=_continue]")

    dialog = page.wait_for_selector("dialog.autosave-login[open]")
    assert "Phiên đăng nhập đã hết" in dialog.inner_text()
    assert page.url == change_url
    assert_form_holds_the_text(page)
    assert Article.objects.get(pk=article.pk).title == "Bản cũ"
    assert not page.is_visible("dialog.autosave-login .errornote")  # no empty error box before a try

    page.fill("dialog.autosave-login input[name=password]", "sai-mat-khau")
    page.click("dialog.autosave-login button[type=submit]")
    page.wait_for_selector("dialog.autosave-login .errornote:visible")
    assert page.url == change_url  # a wrong password keeps the page too

    assert page.input_value("dialog.autosave-login input[name=username]") == "phongvien"
    page.fill("dialog.autosave-login input[name=password]", PASSWORD)
    page.click("dialog.autosave-login button[type=submit]")
    page.wait_for_selector("dialog.autosave-login", state="hidden")
    wait_for_status(page, "Đã lưu tự động lúc")  # what waited goes to the server after login
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    article.refresh_from_db()
    assert (article.title, article.lead, article.version) == (TITLE, LEAD + " Tin, ảnh: Đ. Thắng.", 2)
    assert all(paragraph in article.body for paragraph in PARAGRAPHS)
    assert not ArticleAutosave.objects.exists()
