"""axe-core in real Chromium: no critical or serious violation on the public pages and the desk's forms.

The demo content (load_demo) is what a new newsroom sees first; the reporter's add and change
forms, the editor's review queue and change form are where the desk spends its day.
"""

import json
import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from articles.models import Article, Author, Category, Topic, Unit

PASSWORD = "mat-khau-demo-2024"
SERIOUS = ("critical", "serious")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("load_demo", stdout=open(os.devnull, "w"))


def serious_violations(page):
    results = Axe().run(page)
    return [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def log_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


def public_pages():
    article = Article.objects.published().order_by("-published_at").first()
    local = article.published_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Ho_Chi_Minh"))
    return [
        "/",
        article.get_absolute_url(),
        Category.objects.filter(parent=None).first().get_absolute_url(),
        "/tim-kiem/?q=cong+an",
        Unit.objects.first().get_absolute_url(),
        Author.objects.first().get_absolute_url(),
        Topic.objects.first().get_absolute_url(),
        f"/{local:%Y}/{local:%m}/",
    ]


def test_public_pages_have_no_critical_or_serious_violation(browser, live_server, demo):
    page = browser.new_context(locale="vi-VN").new_page()
    found = {}
    for path in public_pages():
        page.goto(f"{live_server.url}{path}")
        found[path] = serious_violations(page)
    assert not any(found.values()), json.dumps(found, ensure_ascii=False, indent=1)


def test_the_desks_forms_have_no_critical_or_serious_violation(browser, live_server, demo):
    reporter_page = browser.new_context(locale="vi-VN").new_page()
    log_in(reporter_page, live_server.url, "phongvien")
    own = Article.objects.filter(created_by__username="phongvien").order_by("-pk").first()
    found = {}
    for path in ["/admin/articles/article/add/", f"/admin/articles/article/{own.pk}/change/"]:
        reporter_page.goto(f"{live_server.url}{path}")
        reporter_page.wait_for_load_state("networkidle")
        found[f"phongvien {path}"] = serious_violations(reporter_page)
    editor_page = browser.new_context(locale="vi-VN").new_page()
    log_in(editor_page, live_server.url, "bientapvien")
    waiting = Article.objects.filter(status=Article.Status.SUBMITTED).first()
    for path in ["/admin/articles/article/?queue=review", f"/admin/articles/article/{waiting.pk}/change/"]:
        editor_page.goto(f"{live_server.url}{path}")
        editor_page.wait_for_load_state("networkidle")
        found[f"bientapvien {path}"] = serious_violations(editor_page)
    assert not any(found.values()), json.dumps(found, ensure_ascii=False, indent=1)
