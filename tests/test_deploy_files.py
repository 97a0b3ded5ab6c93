"""The shipped gunicorn config and systemd unit say what README says, and gunicorn reads them."""

import configparser
import os
import shlex
import subprocess
from pathlib import Path

from tests.servers import PYTHON, ROOT

DEPLOY = ROOT / "deploy"


def gunicorn_config(**env):
    result = subprocess.run(
        [str(Path(PYTHON).parent / "gunicorn"), "--print-config", "-c", str(DEPLOY / "gunicorn.conf.py"),
         "newsroom.wsgi"],
        cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return dict(
        (name.strip(), value.strip()) for name, _, value in (line.partition("=") for line in result.stdout.splitlines())
    )


def test_gunicorn_reads_the_shipped_config_and_its_environment_overrides():
    default = gunicorn_config()
    assert default["bind"] == "['127.0.0.1:8000']" and default["worker_class"] == "sync"
    assert int(default["workers"]) == 2 * os.cpu_count() and default["timeout"] == "30"
    assert default["max_requests"] == "2000"

    changed = gunicorn_config(GUNICORN_BIND="127.0.0.1:9001", GUNICORN_WORKERS="3", GUNICORN_TIMEOUT="20")
    assert changed["bind"] == "['127.0.0.1:9001']" and changed["workers"] == "3" and changed["timeout"] == "20"


def test_the_systemd_unit_runs_that_config_with_the_documented_environment_file():
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.read(DEPLOY / "newsroom.service")
    service = unit["Service"]
    command = shlex.split(service["ExecStart"])
    assert command[0] == "/srv/newsroom/.venv/bin/gunicorn"
    assert command[command.index("-c") + 1] == "deploy/gunicorn.conf.py" and command[-1] == "newsroom.wsgi"
    assert service["WorkingDirectory"] == "/srv/newsroom"
    readme = (ROOT / "README.md").read_text()
    assert service["EnvironmentFile"] == "/etc/newsroom.env" and "/etc/newsroom.env" in readme
    assert "deploy/newsroom.service" in readme
    writable = service["ReadWritePaths"].split()
    assert "/srv/newsroom/media" in writable and "/var/cache/newsroom" in writable


def test_a_page_renders_with_plain_static_names_when_nothing_was_collected(tmp_path):
    from tests.servers import AppServer, production_env

    env = production_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True, capture_output=True)
    with AppServer(env) as app:
        response = app.get("/")
    assert response.status == 200
    assert 'href="/static/css/site.css"' in response.text


def test_the_reminders_timer_runs_the_assignment_reminders_command_every_five_minutes():
    service = configparser.ConfigParser(interpolation=None, strict=False)
    service.read(DEPLOY / "newsroom-reminders.service")
    command = shlex.split(service["Service"]["ExecStart"])
    assert command[-2:] == ["manage.py", "notify_due_assignments"]
    assert (ROOT / "articles" / "management" / "commands" / "notify_due_assignments.py").exists()
    assert service["Service"]["EnvironmentFile"] == "/etc/newsroom.env"
    timer = configparser.ConfigParser(interpolation=None, strict=False)
    timer.read(DEPLOY / "newsroom-reminders.timer")
    assert timer["Timer"]["OnCalendar"] == "*:0/5"
