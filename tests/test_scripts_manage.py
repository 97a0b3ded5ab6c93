"""scripts/manage: manage.py in the demo's environment, for a shell where nothing is set."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "demo" / "conference-report-2020-07-07.txt"


def bare_env(tmp_path):
    """A shell's environment with none of the project's variables: only where this test's data goes."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "CACHE_DIR": str(tmp_path / "cache"),
    }


def run(args, tmp_path, cwd):
    return subprocess.run(args, cwd=cwd, env=bare_env(tmp_path), capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bare_manage_py_stops_on_the_secret_key_but_scripts_manage_runs(tmp_path):
    bare = run([sys.executable, str(ROOT / "manage.py"), "check"], tmp_path, ROOT)
    assert bare.returncode != 0 and "SECRET_KEY must be set" in bare.stderr
    wrapped = run([str(ROOT / "scripts" / "manage"), "check"], tmp_path, ROOT)
    assert wrapped.returncode == 0, wrapped.stderr
    assert "System check identified no issues" in wrapped.stdout
    settings = run([str(ROOT / "scripts" / "manage"), "diffsettings", "--all"], tmp_path, ROOT).stdout
    # The demo's environment: production settings, local values; the key is this checkout's own.
    assert "DEBUG = False" in settings
    assert "SESSION_COOKIE_SECURE = False" in settings
    assert "dev-insecure" not in settings


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_scripts_manage_imports_a_path_relative_to_where_it_runs_and_assigns_a_role(tmp_path):
    manage = str(ROOT / "scripts" / "manage")
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    assert run([manage, "migrate", "--noinput"], tmp_path, tmp_path).returncode == 0
    imported = run([manage, "import_articles", f"exports/{SAMPLE.name}"], tmp_path, tmp_path)
    assert imported.returncode == 0, imported.stderr
    made = run(
        [manage, "createsuperuser", "--noinput", "--username", "toasoan", "--email", "a@b.vn"], tmp_path, tmp_path
    )
    assert made.returncode == 0, made.stderr
    assigned = run([manage, "assign_role", "toasoan", "moderator"], tmp_path, tmp_path)
    assert assigned.returncode == 0, assigned.stderr
    # The progress lines of the wrapper go to stderr: the command's own output is all of stdout.
    assert not imported.stdout.startswith("==>")
    counted = run(
        [manage, "shell", "--no-imports", "-c", "from articles.models import Article; print(Article.objects.count())"],
        tmp_path,
        tmp_path,
    )
    assert counted.stdout.strip() == "1"
