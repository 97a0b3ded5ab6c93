"""Cache backends that keep the site up when the cache is unreachable.

The cache is an accelerator: nothing in it is the only copy of anything. So when
Redis is down (or the cache directory cannot be written), every call answers as a
miss or does nothing, and the caller renders, saves or transitions as if the cache
were empty. After the first failure a circuit breaker opens: calls return at once,
without touching the network, and a background thread tries the server every
`RETRY_SECONDS` (a top-level key of the CACHES entry, default 5). When it answers,
`cache_reconnected` is sent *before* the breaker closes, so receivers (the page
cache moving its generation on, articles.cache) run before any request of this
process reads the cache again. Failures are logged once per LOG_INTERVAL seconds,
not on every request.

Redis's socket timeouts come from OPTIONS (settings.py sets them from REDIS_TIMEOUT),
so a hung server costs one timeout, once, not a worker per request.
"""

import logging
import os
import pickle
import threading
import time
import weakref
import zlib

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache as DjangoFileBasedCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.db import connections
from django.dispatch import Signal
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Sent with `cache=<backend>` from the probing thread once the cache answers again.
cache_reconnected = Signal()

LOG_INTERVAL = 60.0
PROBE_KEY = "newsroom:cache-probe"


class ResilientCacheMixin:
    """Turns the backend's outage errors into misses and no-ops, behind a circuit breaker."""

    outage_errors = (OSError,)

    def __init__(self, location, params):
        self.retry_seconds = float(params.get("RETRY_SECONDS", 5.0))
        self._down = False
        self._lock = threading.Lock()
        self._prober = None
        self._recovering = None  # the probing thread's ident while receivers run
        self._recovery_failed = False
        self._last_logged = None
        self._location = location
        self._retired = False
        super().__init__(location, params)

    # --- the breaker ---------------------------------------------------------------

    @property
    def is_down(self):
        """True while the breaker is open: the last call failed and the cache has not answered since."""
        return self._down

    def _guard(self, call, fallback, *args, **kwargs):
        if self._down and self._recovering != threading.get_ident():
            self._ensure_prober()
            return fallback
        try:
            return call(*args, **kwargs)
        except self.outage_errors as exc:
            self._trip(exc)
            return fallback

    def _trip(self, exc):
        if self._recovering == threading.get_ident():
            self._recovery_failed = True
            self._log_failure(exc)
            return
        with self._lock:
            was_down, self._down = self._down, True
        if not was_down:
            self._log_failure(exc)
        self._ensure_prober()

    def _log_failure(self, exc):
        now = time.monotonic()
        if self._last_logged is None or now - self._last_logged >= LOG_INTERVAL:
            self._last_logged = now
            logger.warning(
                "Cache %s unreachable (%s: %s); serving without it, retrying every %ss",
                self._location, type(exc).__name__, exc, self.retry_seconds,
            )  # fmt: skip

    def retire(self):
        """Stop probing for good: this backend is being replaced (a new CACHES setting).

        A discarded backend normally ends its prober by being collected, but Django keeps
        each configuration's backends in a context variable of the thread that made them,
        which outlives the configuration: a test that points CACHES at a closed port would
        leave its prober retrying, and logging, until the process ends.
        """
        self._retired = True

    def _ensure_prober(self):
        # Also restarts the prober in a forked child, where the parent's thread does not exist.
        with self._lock:
            if self._down and not self._retired and (self._prober is None or not self._prober.is_alive()):
                self._prober = threading.Thread(
                    target=_probe_until_back, args=(weakref.ref(self),), name="cache-prober", daemon=True
                )
                self._prober.start()

    def _try_recover(self):
        """One probe; on success the receivers run, then the breaker closes. True once recovered."""
        try:
            self._probe()
        except self.outage_errors as exc:
            self._log_failure(exc)
            return False
        self._recovering, self._recovery_failed = threading.get_ident(), False
        try:
            answers = cache_reconnected.send_robust(sender=type(self), cache=self)
        finally:
            self._recovering = None
        for receiver, error in answers:
            if isinstance(error, Exception):
                # Closing the breaker without the receiver's repair could serve stale pages: try again later.
                logger.error("Cache %s: %r failed after reconnecting", self._location, receiver, exc_info=error)
                self._recovery_failed = True
        if self._recovery_failed:
            return False
        with self._lock:
            self._down = False
        logger.warning("Cache %s reachable again", self._location)
        return True

    def _probe(self):
        """A real round trip that raises one of `outage_errors` when the cache is still away."""
        super().set(PROBE_KEY, time.time(), 30)

    # --- the cache API, guarded -----------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guard(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._guard(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._guard(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._guard(super().incr, missing, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guard(super().delete_many, None, keys, version)

    def clear(self):
        return self._guard(super().clear, None)


def _probe_until_back(ref):
    """The prober thread: holds only a weak reference, so a discarded backend ends it."""
    try:
        while True:
            backend = ref()
            if backend is None:
                return
            interval = backend.retry_seconds
            del backend
            time.sleep(interval)
            backend = ref()
            if backend is None or backend._retired or backend._try_recover():
                return
            del backend
    finally:
        # Receivers may have used the database from this thread: don't leave its connection open.
        connections.close_all()


class RedisCache(ResilientCacheMixin, DjangoRedisCache):
    """Django's Redis backend; an unreachable or failing server reads as an empty cache."""

    outage_errors = (RedisError, OSError)


class FileBasedCache(ResilientCacheMixin, DjangoFileBasedCache):
    """Django's file cache, shared by every worker on the host, with a cheap cull.

    Django's version lists the whole directory on every set to decide whether to cull,
    which costs more than rendering a page once there are thousands of entries; here
    the count is taken at most once per CULL_INTERVAL seconds in each process
    (MAX_ENTRIES is then a soft limit).
    """

    outage_errors = (OSError, EOFError, pickle.UnpicklingError, zlib.error)
    CULL_INTERVAL = 5.0

    def __init__(self, directory, params):
        self._next_cull = 0.0
        try:
            super().__init__(directory, params)
        except OSError as exc:  # the directory cannot be created: start with the breaker open
            self._dir = os.path.abspath(directory)
            self._trip(exc)

    def _cull(self):
        now = time.monotonic()
        if now < self._next_cull:
            return
        self._next_cull = now + self.CULL_INTERVAL
        with os.scandir(self._dir) as entries:
            count = sum(1 for entry in entries if entry.name.endswith(self.cache_suffix))
        if count >= self._max_entries:
            super()._cull()
