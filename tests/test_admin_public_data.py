"""Renaming a section, unit or author in the admin shows on the public site at once, cache or not."""

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_renamed_section_shows_on_cached_pages_and_menu(client, moderator):
    category = CategoryFactory(name="An ninh trật tự")
    PublishedArticleFactory(category=category)
    assert "An ninh trật tự" in client.get("/").content.decode()
    staff = client.__class__()
    staff.force_login(moderator)
    response = staff.post(
        reverse("admin:articles_category_change", args=[category.pk]),
        {"name": "An ninh - Trật tự", "slug": category.slug, "order": 0, "parent": ""},
    )
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "An ninh - Trật tự" in html
    assert "An ninh trật tự" not in html
