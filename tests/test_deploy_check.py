"""`manage.py check --deploy` is clean with the production environment of .env.example; HTTPS settings are strict."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def env_example():
    """The variables of .env.example, read the way README's deployment reads them: `set -a; . file`."""
    names = [
        line.partition("=")[0].strip()
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    result = subprocess.run(
        ["bash", "-c", 'set -euo pipefail; set -a; . "$0"; set +a; env -0', str(ROOT / ".env.example")],
        env={"PATH": os.environ["PATH"]}, capture_output=True, text=True,
    )  # fmt: skip
    # A value with a space and no quotes would run its second word as a command: the file must source cleanly.
    assert result.returncode == 0 and result.stderr == "", result.stderr
    sourced = dict(entry.partition("=")[::2] for entry in result.stdout.split("\0") if entry)
    return {name: sourced[name] for name in names}


def test_env_example_values_with_spaces_survive_the_shell():
    assert env_example()["NEWSROOM_SITE_NAME"] == "Báo Công an Nghệ An"


def production_env(**overrides):
    # Nothing inherited but the basics: the test run's own settings (SECURE_COOKIES=false...) stay out.
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    env.update(env_example())
    env.update(DJANGO_SETTINGS_MODULE="newsroom.settings", SECRET_KEY=secrets.token_urlsafe(50))
    env.update(overrides)
    return env


def check_deploy(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip


def test_check_deploy_is_clean_with_the_documented_production_environment():
    result = check_deploy(production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_env_example_leaves_the_secret_key_to_the_operator():
    # A placeholder someone forgets to change would be a known key in production.
    assert env_example()["SECRET_KEY"] == ""


@pytest.mark.parametrize(
    ("name", "warning"),
    [("SECURE_HSTS_SECONDS", "security.W004"), ("SECURE_SSL_REDIRECT", "security.W008")],
)
def test_check_deploy_warns_when_an_https_setting_is_left_out(name, warning):
    env = production_env()
    del env[name]
    result = check_deploy(env)
    assert result.returncode != 0
    assert warning in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SECURE_HSTS_SECONDS", "one year", "SECURE_HSTS_SECONDS must be an integer"),
        ("SECURE_HSTS_SECONDS", "-1", "SECURE_HSTS_SECONDS must be at least 0"),
        ("SECURE_HSTS_PRELOAD", "maybe", "SECURE_HSTS_PRELOAD must be a boolean"),
        ("SECURE_HSTS_INCLUDE_SUBDOMAINS", "2", "SECURE_HSTS_INCLUDE_SUBDOMAINS must be a boolean"),
        ("SECURE_SSL_REDIRECT", "https", "SECURE_SSL_REDIRECT must be a boolean"),
    ],
)
def test_https_settings_refuse_values_they_cannot_parse(name, value, message):
    result = check_deploy(production_env(**{name: value}))
    assert result.returncode != 0
    assert message in result.stderr
