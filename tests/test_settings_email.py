"""The email settings come from the environment: SMTP once EMAIL_HOST is set, the console in development, else none."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "congannghean.vn"}
NAMES = ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS",
         "EMAIL_USE_SSL", "EMAIL_TIMEOUT", "DEFAULT_FROM_EMAIL", "EMAIL_IN_BACKGROUND"]  # fmt: skip


def email_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", *NAMES)}
    clean.update(env)
    code = f"import json, newsroom.settings as s; print(json.dumps({{n: getattr(s, n) for n in {NAMES!r}}}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)
    return result


def loaded(**env):
    result = email_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_with_an_smtp_server_uses_it():
    values = loaded(
        **PRODUCTION,
        EMAIL_HOST="smtp.congannghean.vn",
        EMAIL_USE_TLS="true",
        EMAIL_HOST_USER="toasoan",
        EMAIL_HOST_PASSWORD="bi-mat",
        EMAIL_TIMEOUT="4.5",
        DEFAULT_FROM_EMAIL="toasoan@congannghean.vn",
    )
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.congannghean.vn",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "toasoan",
        "EMAIL_HOST_PASSWORD": "bi-mat",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 4.5,
        "DEFAULT_FROM_EMAIL": "toasoan@congannghean.vn",
        "EMAIL_IN_BACKGROUND": True,
    }


@pytest.mark.parametrize(("env", "port"), [({}, 25), ({"EMAIL_USE_SSL": "true"}, 465), ({"EMAIL_PORT": "2525"}, 2525)])
def test_the_port_follows_the_kind_of_connection(env, port):
    assert loaded(**PRODUCTION, EMAIL_HOST="smtp.example.vn", **env)["EMAIL_PORT"] == port


def test_development_prints_the_mail_and_production_without_a_server_sends_none():
    development = loaded(DEBUG="true")
    assert development["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert development["EMAIL_TIMEOUT"] == 10.0  # never Django's wait-forever
    assert development["DEFAULT_FROM_EMAIL"] == "Báo Công an Nghệ An <noreply@127.0.0.1>"
    assert loaded(**PRODUCTION)["EMAIL_BACKEND"] == "django.core.mail.backends.dummy.EmailBackend"
    chosen = loaded(**PRODUCTION, EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend")
    assert chosen["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"EMAIL_USE_TLS": "true", "EMAIL_USE_SSL": "true"}, "Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both."),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT must be an integer"),
        ({"EMAIL_TIMEOUT": "soon"}, "EMAIL_TIMEOUT must be a number"),
        ({"EMAIL_IN_BACKGROUND": "maybe"}, "EMAIL_IN_BACKGROUND must be a boolean"),
    ],
)
def test_bad_values_stop_the_start(env, message):
    result = email_settings(**PRODUCTION, EMAIL_HOST="smtp.example.vn", **env)
    assert result.returncode != 0 and message in result.stderr
