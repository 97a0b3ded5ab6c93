"""Real servers for outage and deployment tests: the app under gunicorn, a private Redis, a TCP proxy.

Outages are tested against real processes stopped or on a closed port, never mocks:
`AppServer` runs `gunicorn newsroom.wsgi` in a subprocess with a production-like
environment; `RedisServer` is a private redis-server on a free port that a test may
stop; `TcpProxy` forwards a port to a real server (PostgreSQL, Redis) and can be cut,
which the app sees exactly as a dead server (connection refused, connections reset);
`HungServer` accepts connections and never answers, like a server that froze.
nginx in front of the app: tests/nginx.py.
"""

import http.client
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


def in_ci():
    return bool(os.environ.get("CI")) or os.environ.get("REQUIRE_BROWSER") == "1"


def require(condition, reason):
    """Skip when a server the test needs is missing; in CI that is a failure instead."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port():
    """A local port nothing listens on (bound, then released)."""
    return free_port()


def port_open(host, port, timeout=0.5):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def stop_process(process, timeout=10):
    """Terminate a server subprocess, killing it if it does not stop within `timeout` seconds."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for(predicate, timeout=20.0, interval=0.05, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise TimeoutError(f"timed out waiting for {what}")


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)


def request(base_url, path, method="GET", headers=None, body=None, timeout=15):
    """One HTTP or HTTPS request (test certificates are self-signed); 4xx and 5xx are answers, not exceptions."""
    parts = urlsplit(base_url)
    if parts.scheme == "https":
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout, context=context)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        try:
            conn.request(method, path, body=body, headers=headers or {})
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered before reading all the body: its answer may still be readable
        raw = conn.getresponse()
        data = raw.read()
        return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, data)
    finally:
        conn.close()


def production_env(tmp_path, **overrides):
    """Environment for the app as the README deploys it: DEBUG off, real secrets, media in tmp_path."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PAGE_CACHE", "CACHE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DEBUG="false",
        SECRET_KEY="outage-test-" + secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="false",
        MEDIA_ROOT=str(tmp_path / "media"),
        CACHE_DIR=str(tmp_path / "cache"),
        STATIC_ROOT=str(tmp_path / "static"),
        PAGE_CACHE_SECONDS="60",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def manage(env, *args, input_text=None, check=True):
    """Run manage.py in a subprocess with `env`; returns the CompletedProcess."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, input=input_text, capture_output=True, text=True
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def django_shell(env, code):
    """Run Python `code` with Django set up in a subprocess using `env`; returns its stdout."""
    return manage(env, "shell", "-c", code).stdout


class Database:
    """A fresh database for a server subprocess: a SQLite file, or a new PostgreSQL database.

    PostgreSQL is used when the suite runs on it (DATABASE_URL) or when asked; the
    database is created empty (migrate it with `manage(env, "migrate")`) and dropped by drop().
    """

    def __init__(self, tmp_path, engine=None):
        engine = engine or ("postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite")
        self.engine = engine
        if engine == "sqlite":
            self.url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
            self.pg_admin = None
        else:
            require(port_open("127.0.0.1", 5432), "PostgreSQL at 127.0.0.1:5432")
            self.name = f"newsroom_srv_{secrets.token_hex(6)}"
            admin = urlsplit(POSTGRES_URL)
            self.pg_admin = admin
            self._pg("CREATE DATABASE " + self.name)
            self.url = f"postgres://{admin.username or 'postgres'}@{admin.hostname}:{admin.port or 5432}/{self.name}"

    def _pg(self, sql):
        import psycopg2

        admin = self.pg_admin
        conn = psycopg2.connect(
            host=admin.hostname, port=admin.port or 5432, user=admin.username or "postgres", dbname="postgres"
        )
        conn.autocommit = True
        try:
            with conn.cursor() as cursor:
                cursor.execute(sql)
        finally:
            conn.close()

    def url_via(self, host, port):
        """The same database reached through another address (a TcpProxy)."""
        parts = urlsplit(self.url)
        return parts._replace(netloc=f"{parts.username or 'postgres'}@{host}:{port}").geturl()

    def drop(self):
        if self.pg_admin is not None:
            self._pg(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{self.name}' AND pid <> pg_backend_pid()"
            )
            self._pg(f"DROP DATABASE IF EXISTS {self.name}")


class AppServer:
    """`gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi` on a free port with `env`.

    Stopped by stop() or the context manager.
    """

    def __init__(self, env, workers=2, timeout=30):
        require(shutil.which("gunicorn", path=str(Path(PYTHON).parent)) is not None, "gunicorn in the venv")
        self.env = env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(env["MEDIA_ROOT"]).parent / f"gunicorn-{self.port}.log"
        self.workers = workers
        self.timeout = timeout
        self.process = None

    def start(self):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "ab")
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        self.process = subprocess.Popen(
            [gunicorn, "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "newsroom.wsgi",  # the shipped config
             "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}",
             "--timeout", str(self.timeout), "--graceful-timeout", "2"],
            cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_for(self._ready, timeout=30, what=f"gunicorn on {self.url}")
        except TimeoutError:
            self.stop()
            raise AssertionError(f"gunicorn did not start:\n{self.log()}") from None
        return self

    def _ready(self):
        if self.process.poll() is not None:
            raise AssertionError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
        try:
            return request(self.url, "/healthz", timeout=2).status == 200
        except OSError:
            return False

    def get(self, path, **kwargs):
        return request(self.url, path, **kwargs)

    def log(self):
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def stop(self):
        stop_process(self.process)
        if getattr(self, "_log", None):
            self._log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class RedisServer:
    """A private redis-server on a free port, nothing kept on disk; stop() is a real outage."""

    def __init__(self, tmp_path):
        require(shutil.which("redis-server") is not None, "redis-server on the PATH")
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: port_open("127.0.0.1", self.port), timeout=10, what="redis-server")
        return self

    def stop(self):
        stop_process(self.process)
        wait_for(lambda: not port_open("127.0.0.1", self.port), timeout=10, what="redis-server to stop")

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a real server; cut() closes the port and resets every connection."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self._listener = None
        self._connections = []
        self._lock = threading.Lock()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def _accept(self, listener):
        while True:
            try:
                client, _addr = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._connections += [client, upstream]
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(src, dst), daemon=True).start()

    @staticmethod
    def _pipe(src, dst):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self):
        """The server is gone: nothing listens on the port, open connections are reset."""
        if self._listener is not None:
            try:
                self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() thread, freeing the port
            except OSError:
                pass
            self._listener.close()
            self._listener = None
        with self._lock:
            connections, self._connections = self._connections, []
        for sock in connections:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                sock.close()
            except OSError:
                pass

    def restore(self):
        return self.start()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cut()


class HungServer:
    """A port that accepts TCP connections and never sends a byte: a frozen server."""

    def __init__(self):
        self.port = free_port()
        self._listener = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        # The kernel completes the handshakes into the backlog; nothing ever reads or answers.
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", self.port))
        self._listener.listen(128)
        return self

    def stop(self):
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
