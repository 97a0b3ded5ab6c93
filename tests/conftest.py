"""Shared fixtures: media in a temporary folder, a clean cache, users by role."""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.db import connections

from articles.cache_backends import ResilientCacheMixin
from tests.factories import (
    CategoryFactory,
    ChiefFactory,
    ModeratorFactory,
    ReporterFactory,
    UserFactory,
    limit_to_sections,
)
from tests.matrix import ADMIN, ANON, CHIEF, LIMITED, MOD, OTHER, OWNER


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAGE_CACHE_SECONDS = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    configured = django_settings.CACHES
    yield
    cache.clear()
    if django_settings.CACHES is not configured:
        # The test's own caches (a closed port, an unwritable directory) are discarded when its
        # settings are restored: their probers must stop with them.
        for backend in caches.all(initialized_only=True):
            if isinstance(backend, ResilientCacheMixin):
                backend.retire()


@pytest.fixture
def reporter(db):
    return ReporterFactory(username="reporter_a")


@pytest.fixture
def other_reporter(db):
    return ReporterFactory(username="reporter_b")


@pytest.fixture
def moderator(db):
    return ModeratorFactory(username="moderator")


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True)


@pytest.fixture
def chief(db):
    return ChiefFactory(username="tongbientap")


@pytest.fixture
def limited_editor(db):
    """An editor limited to a section of their own (Thể thao), so none of the other tests' articles."""
    return limit_to_sections(ModeratorFactory(username="bientap_thethao"), CategoryFactory(name="Thể thao"))


@pytest.fixture
def users(reporter, other_reporter, moderator, chief, limited_editor, superuser):
    """The permission matrix's roles (tests/matrix.py) as users; anonymous is None."""
    return {
        ANON: None, OWNER: reporter, OTHER: other_reporter, MOD: moderator, CHIEF: chief, LIMITED: limited_editor,
        ADMIN: superuser,
    }  # fmt: skip


@pytest.fixture
def as_role(client, users):
    """as_role(role) -> the test client, logged in as that role's user (or anonymous)."""

    def login(role):
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return login


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser(monkeypatch):
    """Debian's chromium driven by Playwright; never a downloaded browser.

    Missing chromium skips the test, except under REQUIRE_BROWSER=1 (CI), where it fails.
    """
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # meanwhile are plain synchronous code, so Django's async guard is lifted for browser tests only.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()
        # While Playwright's loop runs, Django's connection registry (an asgiref Local) hands the
        # test code its own connections: close them here, or the test database cannot be dropped.
        connections.close_all()


@pytest.fixture
def clock(monkeypatch):
    """A frozen clock: `clock.now` is what django.utils.timezone.now() answers; move it with `clock.set(...)`."""
    from datetime import UTC, datetime

    from django.utils import timezone

    class Clock:
        now = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)  # 08:00, Thursday 3 December 2026, Vietnam time

        def set(self, value):
            self.now = value

    frozen = Clock()
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen
