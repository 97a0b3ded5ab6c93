"""Every word a reporter and an editor see or hear in the admin is Vietnamese: a real browser walks their pages.

Playwright drives Debian's chromium against the live server with the demo accounts. In each
role it opens the admin home, the article list, the add form with a form error, a change form
with CKEditor (its link dialog, in each link type, its image, table and keyboard help dialogs), the article's history,
the notifications, the profile, the password change form, a 403 page and the logout page; on
each it gathers the visible text, the aria-label / title / alt / placeholder attributes, the
options of every list and the text inside CKEditor's frame, and fails on any English phrase of
tests/admin_english.FORBIDDEN. ADMIN_ENGLISH_DUMP=path writes everything gathered (to find new ones).
"""

import json
import os

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article
from tests.admin_english import COLLECT_JS, english_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-demo-2024"


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    reporter = get_user_model().objects.get(username="phongvien")
    published = Article.objects.published().first()
    # A draft of the reporter's own (editable) and a published one (read-only for them).
    draft = Article.objects.create(
        title="Bản nháp của phóng viên", lead="Sa pô.", body="<p>Nội dung nháp.</p>", category=published.category,
        created_by=reporter,
    )  # fmt: skip
    Article.objects.filter(pk=published.pk).update(created_by=reporter)
    for article in (draft, published):
        LogEntry.objects.log_actions(reporter.pk, [article], CHANGE, change_message="Đã sửa.", single_object=True)
    return {"draft": draft, "published": published, "waiting": Article.objects.get(status=Article.Status.SUBMITTED)}


def gather(page):
    """All the words of the page and of its frames (CKEditor's editing area is an iframe)."""
    texts = page.main_frame.evaluate(COLLECT_JS)
    for frame in page.frames[1:]:
        try:
            texts += frame.evaluate(COLLECT_JS)
        except Exception:  # a frame navigating away or detached meanwhile: the main page still counts
            continue
    texts = [t for t in texts if t and t.strip()]
    assert texts, page.url
    return texts


def ckeditor(page):
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
    )


def open_dialog(page, command):
    page.evaluate(f"() => CKEDITOR.instances.id_body.execCommand({command!r})")
    page.wait_for_function("() => CKEDITOR.dialog.getCurrent() !== null")
    page.wait_for_selector(".cke_dialog_body >> visible=true")


def close_dialog(page):
    page.evaluate("() => CKEDITOR.dialog.getCurrent().hide()")
    page.wait_for_function("() => CKEDITOR.dialog.getCurrent() === null")


def walk(page, base, articles, editable, readonly):
    """(where, texts) for each page and state the person goes through."""
    seen = []

    def visit(where, url=None):
        if url:
            page.goto(base + url)
        seen.append((where, gather(page)))

    def visit_tabs(where):
        for tab in page.locator(".cke_dialog_tab:visible").all():
            tab.click()
            visit(f"{where}, tab {tab.inner_text()}")

    visit("home", "/admin/")
    visit("article list", "/admin/articles/article/")
    page.click("#changelist-filter a:has-text('Hiện số lượng'), #changelist-filter a[href*='_facets']")
    page.wait_for_load_state()
    visit("article list with counts")
    visit("article list, a search", "/admin/articles/article/?q=C%C3%B4ng+an")
    page.goto(base + "/admin/articles/article/add/")
    ckeditor(page)
    page.click("#calendarlink0")
    page.wait_for_selector("#calendarbox0", state="visible")
    visit("add form, date picker")
    page.click("#calendarbox0 .calendar-cancel a")
    page.click("#id_category + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "zzzz")
    page.wait_for_selector(".select2-results__message")
    visit("add form, section autocomplete without a match")
    page.keyboard.press("Escape")
    page.click("input[name=_save]")
    page.wait_for_selector(".errornote")
    visit("add form with an error")
    page.goto(f"{base}/admin/articles/article/{editable.pk}/change/")
    ckeditor(page)
    visit("change form")
    page.click(".cke_combo__format a.cke_combo_button")
    page.wait_for_selector(".cke_combopanel", state="visible")
    visit("change form, format list")
    page.keyboard.press("Escape")
    open_dialog(page, "link")
    # Each link type shows fields of its own (URL, anchor, e-mail, phone).
    link_type = "CKEDITOR.dialog.getCurrent().getContentElement('info', 'linkType')"
    for value in page.evaluate(f"() => {link_type}.items.map(item => item[1])"):
        page.evaluate(f"value => {link_type}.setValue(value)", value)
        visit(f"link dialog ({value})")
    visit_tabs("link dialog")
    close_dialog(page)
    for command in ("image", "table", "a11yHelp"):  # the photo, the table and the keyboard help (Alt+0)
        open_dialog(page, command)
        visit(f"{command} dialog")
        visit_tabs(f"{command} dialog")
        close_dialog(page)
    if readonly is not None:
        visit("read-only article", f"/admin/articles/article/{readonly.pk}/change/")
    visit("history", f"/admin/articles/article/{editable.pk}/history/")
    visit("notifications", "/admin/notifications/")
    visit("profile", "/admin/profile/")
    visit("password change", "/admin/password_change/")
    page.fill("#id_old_password", "khong-dung")
    page.fill("#id_new_password1", "123")
    page.fill("#id_new_password2", "124")
    page.click("input[type=submit]")
    page.wait_for_selector(".errorlist")
    visit("password change with errors")
    response = page.goto(base + "/admin/auth/user/")
    assert response.status == 403
    visit("403 page")
    page.goto(base + "/admin/")
    page.click("#logout-form button")
    page.wait_for_selector("#content")
    visit("logout page")
    return seen


@pytest.mark.parametrize(
    ("username", "editable", "readonly"), [("phongvien", "draft", "published"), ("bientapvien", "waiting", None)]
)
def test_every_admin_page_of_the_role_speaks_vietnamese(browser, demo, live_server, username, editable, readonly):
    context = browser.new_context(locale="vi-VN")
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{live_server.url}/admin/login/")
        visited = [("login", gather(page))]
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_selector("#user-tools")
        visited += walk(page, live_server.url, demo, demo[editable], demo[readonly] if readonly else None)
    finally:
        context.close()
    if os.environ.get("ADMIN_ENGLISH_DUMP"):
        with open(f"{os.environ['ADMIN_ENGLISH_DUMP']}.{username}.json", "w") as out:
            json.dump(visited, out, ensure_ascii=False, indent=1)
    assert not errors, errors
    assert len(visited) >= 20
    english = {where: found for where, texts in visited if (found := english_in(texts))}
    assert not english, json.dumps(english, ensure_ascii=False, indent=1)
