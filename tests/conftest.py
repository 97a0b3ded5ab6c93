"""Shared fixtures: media in a temporary folder, a clean cache, users by role."""

import pytest
from django.core.cache import cache

from tests.factories import ModeratorFactory, ReporterFactory, UserFactory


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAGE_CACHE_SECONDS = 0
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    yield
    cache.clear()


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
