"""Template context shared by every page: site identity and the section menu."""

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError

from .models import Category

MENU_CACHE_KEY = "newsroom:menu"


def menu_categories():
    """Top-level sections for the navigation bar, cached because every page shows them."""
    menu = cache.get(MENU_CACHE_KEY)
    if menu is None:
        try:
            menu = [
                (c.name, c.get_absolute_url()) for c in Category.objects.filter(parent=None).order_by("order", "name")
            ]
        except DatabaseError:
            return []  # the database went away while rendering: a page without the menu
        cache.set(MENU_CACHE_KEY, menu, 300)
    return menu


def cached_menu():
    """The menu if the cache has it, else none: for pages rendered while the database is down."""
    return cache.get(MENU_CACHE_KEY) or []


def site(request):
    # The 503 page (articles.errors) marks the request: asking the database for the menu
    # would only wait for it a second time.
    database_down = getattr(request, "database_down", False)
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_url": settings.NEWSROOM_SITE_URL,
        "menu_categories": cached_menu if database_down else menu_categories,
    }
