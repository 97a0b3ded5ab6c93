"""gunicorn settings for Newsroom (`gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi`).

Every value can be changed from the environment the app already reads (deploy/newsroom.service
loads /etc/newsroom.env): GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_TIMEOUT. Options given on
the command line win over this file (tests/servers.py's AppServer does that for its port).
"""

import multiprocessing
import os

# nginx (deploy/nginx.conf) talks to this address; never expose it: the app trusts nginx's headers.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, about two per core: the site is CPU-bound (template rendering), not I/O-bound,
# and the front cache absorbs bursts, so more workers only add memory.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count()))
worker_class = "sync"
# A request that takes this long is stuck (a hung dependency is bounded well below it: REDIS_TIMEOUT,
# DB_CONNECT_TIMEOUT); the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
# Recycle workers now and then so that slow growth of memory never adds up; jitter spreads restarts.
max_requests = 2000
max_requests_jitter = 200
# Access log to stdout (journald under systemd); errors to stderr.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# The app does not trust X-Forwarded-* through gunicorn; it reads them itself only with
# BEHIND_HTTPS_PROXY=true (newsroom/settings.py).
forwarded_allow_ips = "127.0.0.1"
# Temporary files of the worker heartbeat on tmpfs, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def post_worker_init(worker):
    """Leave the loaded app's objects out of the garbage collector's full passes.

    Django, the URLconf, templates and the app's modules are made once and live as long as the
    worker; each full collection walked them all again, a 40-60 ms pause every few hundred
    requests (the p95 of a 500-entry sitemap page on a million articles). Collected first, so
    nothing frozen is garbage; what requests make is collected as before.
    """
    import gc

    gc.collect()
    gc.freeze()
