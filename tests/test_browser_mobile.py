"""On a phone: the body reads ragged right, the section bar says it scrolls, cards without a photo keep the grid."""

import os

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.factories import CategoryFactory, PublishedArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "mat-khau-demo-2024")
    call_command("load_demo", stdout=open(os.devnull, "w"))


def test_the_article_body_is_left_aligned_on_a_phone(browser, live_server, demo):
    page = browser.new_context(viewport=PHONE, locale="vi-VN").new_page()
    article = Article.objects.published().order_by("-published_at").first()
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    aligns = page.eval_on_selector_all(".article-body p", "ps => ps.map(p => getComputedStyle(p).textAlign)")
    assert aligns and set(aligns) <= {"left", "start"}


def test_the_section_bar_scrolls_sideways_and_fades_at_its_edge(browser, live_server, demo):
    page = browser.new_context(viewport=PHONE, locale="vi-VN").new_page()
    page.goto(f"{live_server.url}/")
    bar = page.eval_on_selector(
        ".sections ul", "ul => ({scroll: ul.scrollWidth, client: ul.clientWidth, wraps: getComputedStyle(ul).flexWrap})"
    )
    assert bar["scroll"] > bar["client"] and bar["wraps"] == "nowrap"  # one line, wider than the phone
    fade = page.eval_on_selector(".sections", "nav => getComputedStyle(nav, '::after').backgroundImage")
    assert "linear-gradient" in fade


def test_a_card_without_a_photo_keeps_its_place_in_the_grid(browser, live_server):
    section = CategoryFactory(name="An ninh trật tự", order=1)
    for i in range(4):
        PublishedArticleFactory(category=section, title=f"Tin không ảnh số {i}")
    page = browser.new_context(viewport={"width": 1200, "height": 900}, locale="vi-VN").new_page()
    page.goto(f"{live_server.url}/")
    cards = page.eval_on_selector_all(
        ".category-block .card",
        "cards => cards.map(c => ({top: c.querySelector('.card-title').getBoundingClientRect().top,"
        " before: getComputedStyle(c, '::before').aspectRatio}))",
    )
    assert len(cards) == 4
    assert len({round(card["top"]) for card in cards}) == 1  # one row, titles in line
    assert all(card["before"].replace(" ", "") == "3/2" for card in cards)  # the photo's space kept
