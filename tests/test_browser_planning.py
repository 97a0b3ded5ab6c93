"""The plan in a real browser: an editor assigns, the reporter accepts, writes the article from it and files it.

Playwright drives Debian's chromium against pytest-django's live server, with the demo's
accounts; what is checked is what only a browser shows: the add form's action keeps
`?assignment=`, the split date widget, the calendar's links.
"""

import os

import pytest
from django.core.management import call_command

from articles.models import Article, Assignment, Notification
from tests.test_browser_workflow import Console, choose_autocomplete, log_in, new_page

PASSWORD = "mat-khau-demo-2024"
TOPIC = "Phóng sự: một ngày cùng Cảnh sát giao thông Cửa Lò"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("load_demo", stdout=open(os.devnull, "w"))


def test_editor_assigns_reporter_accepts_and_files_the_article(browser, demo, live_server):
    base = live_server.url
    console = Console()

    # The editor gives a free topic to the reporter, due tomorrow afternoon.
    page = new_page(browser, console)
    log_in(page, base, "bientapvien")
    page.goto(f"{base}/admin/articles/assignment/add/")
    page.fill("#id_topic", TOPIC)
    page.select_option("#id_reporters_from", label="phongvien")
    page.click("#id_reporters_add")
    page.fill("#id_due_at_0", "31/12/2026")
    page.fill("#id_due_at_1", "17:00")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    assignment = Assignment.objects.get(topic=TOPIC)
    assert list(assignment.reporters.values_list("username", flat=True)) == ["phongvien"]
    assert assignment.due_at.isoformat() == "2026-12-31T10:00:00+00:00"
    # The calendar's month view shows it on the 31st.
    page.goto(f"{base}/admin/articles/assignment/calendar/month/2026/12/")
    assert TOPIC in page.locator("td[data-date='2026-12-31']").inner_text()
    page.click("#calendar-next")
    page.wait_for_selector("#calendar-period")
    assert "01/2027" in page.locator("#calendar-period").inner_text()
    page.context.close()

    # The reporter hears of it, accepts it and writes the article from it.
    page = new_page(browser, console)
    log_in(page, base, "phongvien")
    assert Notification.objects.filter(recipient__username="phongvien", assignment=assignment).exists()
    page.click("#notification-bell")
    page.click(f".notification-message:has-text('{TOPIC}')")
    page.click("#accept-assignment")
    page.wait_for_selector(".messagelist .success")
    assert Assignment.objects.get(pk=assignment.pk).status == Assignment.Status.ACCEPTED
    page.click("#write-from-assignment")
    page.wait_for_selector("#from-assignment")
    assert page.input_value("#id_title") == TOPIC
    page.fill("#id_lead", "Một ngày theo chân tổ tuần tra trên đường Bình Minh.")
    choose_autocomplete(page, "id_category", "Xây dựng lực lượng")
    page.click("input[name=_continue]")
    page.wait_for_selector("form.transition-submit button")
    article = Article.objects.get(title=TOPIC)
    assignment.refresh_from_db()
    assert (assignment.status, assignment.article) == (Assignment.Status.FILED, article)
    page.context.close()

    violations = console.csp_violations("/admin/")
    assert not violations, violations
