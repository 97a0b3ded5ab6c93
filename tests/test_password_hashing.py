"""Passwords are hashed with Argon2 in production; old PBKDF2 hashes still log in and are upgraded."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings

from newsroom import settings as production
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
# The test settings swap in MD5 for speed; these tests use the production list.
production_hashers = override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS)


def test_production_settings_hash_new_passwords_with_argon2():
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="congannghean.vn",
    )
    code = (
        "import django; django.setup()\n"
        "from django.contrib.auth.models import User\n"
        "user = User(username='phongvien')\n"
        "user.set_password('mat-khau-rat-dai-2026')\n"
        "print(user.password)\n"
        "print(user.check_password('mat-khau-rat-dai-2026'), user.check_password('sai'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    stored, checks = result.stdout.splitlines()
    assert stored.startswith("argon2$argon2id$")
    assert checks == "True False"


@pytest.mark.django_db
@production_hashers
def test_an_old_pbkdf2_hash_still_logs_in_and_is_upgraded_to_argon2(client):
    user = UserFactory(username="bientapvien", is_staff=True)
    user.password = make_password("mat-khau-cu-2019", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    credentials = {"username": "bientapvien", "password": "mat-khau-cu-2019", "next": "/admin/"}
    response = client.post("/admin/login/", credentials)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("mat-khau-cu-2019")


@pytest.mark.django_db
@production_hashers
def test_a_wrong_password_leaves_the_old_hash_alone(client):
    user = UserFactory(username="bientapvien", is_staff=True)
    old_hash = make_password("mat-khau-cu-2019", hasher="pbkdf2_sha256")
    user.password = old_hash
    user.save(update_fields=["password"])
    response = client.post("/admin/login/", {"username": "bientapvien", "password": "doan-bua"})
    assert response.status_code == 200  # the login form again, with its error
    user.refresh_from_db()
    assert user.password == old_hash
