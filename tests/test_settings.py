"""Settings come from the environment; production refuses to start without its secrets."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = secrets.token_urlsafe(50)


def load_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS")}
    clean.update(env)
    code = "import newsroom.settings as s; print(s.DEBUG, s.LANGUAGE_CODE, s.TIME_ZONE, s.ALLOWED_HOSTS)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_production_refuses_to_start_without_secret_key():
    result = load_settings(ALLOWED_HOSTS="congannghean.vn")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "short",
        secrets.token_urlsafe(50)[:49],  # one character short of Django's 50
        "ab" * 40,  # long, but only two different characters
        "django-insecure-" + secrets.token_urlsafe(50),  # what startproject writes
    ],
    ids=["short", "49-characters", "low-entropy", "django-insecure-prefix"],
)
def test_production_refuses_a_weak_secret_key(key):
    result = load_settings(SECRET_KEY=key, ALLOWED_HOSTS="congannghean.vn")
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a random value of at least 50 characters" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = load_settings(SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_its_secrets():
    result = load_settings(SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="congannghean.vn,www.congannghean.vn")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "vi", "Asia/Ho_Chi_Minh", "['congannghean.vn',", "'www.congannghean.vn']"]


def test_debug_must_be_a_boolean():
    result = load_settings(DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_development_defaults_need_no_secret(value):
    result = load_settings(DEBUG=value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True vi Asia/Ho_Chi_Minh")
