"""Most read (Đọc nhiều): counting readers without touching the database per view, and the block that ranks them.

A page (cached or not) carries a tiny script that, once the page is shown, posts to
/doc/<id>/ (`read_beacon`). That request is never cached, sets no cookie and answers
204; it adds one to a counter for (clock hour, article) in Redis when the cache is
Redis (HINCRBY on one hash, shared by every worker), else in this process's memory.
Bots (by User-Agent) and a reader opening the same article again within
DEDUP_SECONDS (same address and browser) are not counted.

`fold()` moves the counters into ArticleReadCount rows (one per article and hour)
at most every FOLD_SECONDS per process: from the beacon itself, and before the
block is computed. The block ranks published() articles by their rows of the last
24 hours or 7 days and is cached for BLOCK_SECONDS within the content generation,
so an unpublished article leaves it at once.
"""

import hashlib
import logging
import re
import secrets
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from redis.exceptions import RedisError, ResponseError

from newsroom.login_throttle import client_ip

from . import cache as page_cache
from .models import Article, ArticleReadCount

logger = logging.getLogger(__name__)

DEDUP_SECONDS = 30 * 60
FOLD_SECONDS = 60
BLOCK_SECONDS = 60
BLOCK_SIZE = 5
KEEP_DAYS = 8  # rows older than the longest period (and a day's margin) are deleted when folding
MAX_PK = 2**63 - 1
LIVE_CHUNK = 500  # ids per published() lookup when folding: made-up ids must not make one huge query
# (key, label, length): the block's two lists.
PERIODS = (("day", _("24 hours"), timedelta(hours=24)), ("week", _("7 days"), timedelta(days=7)))
PENDING_KEY = "newsroom:reads:pending"
# Crawlers, link previews, monitors and scripts: not readers.
BOT_AGENTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|headless|lighthouse|pingdom|"
    r"uptime|monitor|curl|wget|python|httpclient|okhttp|java/|go-http|libwww|scrapy|phantomjs",
    re.IGNORECASE,
)


def is_bot(user_agent):
    return not user_agent or bool(BOT_AGENTS.search(user_agent))


def hour_of(moment):
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


class MemoryCounter:
    """Counters and recent readers in this process (no Redis): folded by this process."""

    MAX_SEEN = 100_000
    MAX_PENDING = 50_000  # (hour, article) pairs between two folds; a flood of made-up ids stops here

    def __init__(self):
        self._lock = threading.Lock()
        self._pending = Counter()
        self._seen = {}

    def first_view(self, reader, seconds):
        now = time.monotonic()
        with self._lock:
            if self._seen.get(reader, 0) > now:
                return False
            if len(self._seen) >= self.MAX_SEEN:
                self._seen = {key: until for key, until in self._seen.items() if until > now}
                if len(self._seen) >= self.MAX_SEEN:
                    self._seen.clear()  # a flood: forget who was seen rather than grow without bound
            self._seen[reader] = now + seconds
            return True

    def add(self, field, amount=1):
        with self._lock:
            if field in self._pending or len(self._pending) < self.MAX_PENDING:
                self._pending[field] += amount

    def drain(self):
        with self._lock:
            pending, self._pending = self._pending, Counter()
        return dict(pending)


class RedisCounter:
    """The same counters in Redis, shared by every worker; drained atomically by RENAME."""

    def __init__(self, backend):
        self.backend = backend
        self.pending_key = backend.make_and_validate_key(PENDING_KEY)

    def client(self):
        return self.backend._cache.get_client(None, write=True)

    def first_view(self, reader, seconds):
        return bool(self.client().set(self.backend.make_and_validate_key(reader), 1, nx=True, ex=seconds))

    def add(self, field, amount=1):
        self.client().hincrby(self.pending_key, field, amount)

    def drain(self):
        client = self.client()
        taken = f"{self.pending_key}:{secrets.token_hex(6)}"
        try:
            client.rename(self.pending_key, taken)
        except ResponseError:
            return {}  # nothing counted since the last fold
        pending = client.hgetall(taken)
        client.delete(taken)
        return {field.decode(): int(value) for field, value in pending.items()}


_memory = MemoryCounter()
_last_fold = 0.0


def _redis():
    backend = caches["default"]
    if isinstance(backend, RedisCache) and not getattr(backend, "is_down", False):
        return RedisCounter(backend)
    return None


def _counters():
    """Where counts go now: Redis when it is the cache and up, and always this process's memory (fallback)."""
    redis = _redis()
    return [redis, _memory] if redis else [_memory]


def reader_key(request, pk):
    agent = request.META.get("HTTP_USER_AGENT", "")
    digest = hashlib.sha1(f"{client_ip(request)}|{agent}|{pk}".encode("utf-8", "surrogateescape")).hexdigest()
    return f"newsroom:reads:seen:{digest}"


def record_view(request, pk, *, now=None):
    """Count one view of article `pk`, unless a bot or a repeat; True when counted. Never queries the database."""
    if not 0 < pk <= MAX_PK or is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    field = f"{int(hour_of(now or timezone.now()).timestamp())}:{pk}"
    reader = reader_key(request, pk)
    for counter in _counters():
        try:
            if not counter.first_view(reader, DEDUP_SECONDS):
                return False
            counter.add(field)
        except (RedisError, OSError) as exc:
            logger.warning("Read count kept in memory, Redis failed: %s", exc)
            continue
        break
    if time.monotonic() - _last_fold >= FOLD_SECONDS:
        fold()
    return True


def _parse(pending):
    rows = Counter()
    for field, amount in pending.items():
        try:
            stamp, pk = (int(part) for part in field.split(":"))
            rows[(datetime.fromtimestamp(stamp, UTC), pk)] += int(amount)
        except (ValueError, OverflowError, OSError):
            continue
    return rows


def fold():
    """Move the pending counters into ArticleReadCount rows; returns the number of views stored."""
    global _last_fold
    _last_fold = time.monotonic()
    rows = Counter()
    for counter in _counters():
        try:
            rows.update(_parse(counter.drain()))
        except (RedisError, OSError) as exc:
            logger.warning("Read counts not folded, Redis failed: %s", exc)
    if not rows:
        return 0
    try:
        return _store(rows)
    except DatabaseError as exc:
        logger.warning("Read counts kept for later, the database failed: %s", exc)
        for (hour, pk), amount in rows.items():
            _memory.add(f"{int(hour.timestamp())}:{pk}", amount)
        return 0


def _store(rows):
    # Only articles readers may see are counted: a made-up id or an unpublished article is dropped.
    ids = sorted({pk for _, pk in rows})
    live = set()
    for start in range(0, len(ids), LIVE_CHUNK):
        chunk = ids[start : start + LIVE_CHUNK]
        live.update(Article.objects.published().filter(pk__in=chunk).values_list("pk", flat=True))
    stored = 0
    with transaction.atomic():
        for (hour, pk), amount in sorted(rows.items()):
            if pk not in live:
                continue
            stored += amount
            if ArticleReadCount.objects.filter(article_id=pk, hour=hour).update(count=F("count") + amount):
                continue
            try:
                with transaction.atomic():
                    ArticleReadCount.objects.create(article_id=pk, hour=hour, count=amount)
            except IntegrityError:  # another process created the row meanwhile
                ArticleReadCount.objects.filter(article_id=pk, hour=hour).update(count=F("count") + amount)
        ArticleReadCount.objects.filter(hour__lt=hour_of(timezone.now()) - timedelta(days=KEEP_DAYS)).delete()
    return stored


def most_read(length, count=BLOCK_SIZE, *, now=None):
    """The published articles read most in the last `length` (whole clock hours), most read first."""
    since = hour_of(now or timezone.now()) - length + timedelta(hours=1)
    return list(
        Article.objects.published(now)
        .filter(read_counts__hour__gte=since)
        .annotate(reads=Sum("read_counts__count"))
        .select_related("category")
        .only("pk", "title", "slug", "published_at", "created_at", "category__slug", "category__name")
        .order_by("-reads", "-published_at", "-pk")[:count]
    )


def most_read_block(count=BLOCK_SIZE):
    """[(key, label, articles)] for both periods; kept BLOCK_SECONDS within the content generation."""

    def rank():
        fold()
        return {name: most_read(length, count) for name, _label, length in PERIODS}

    lists = page_cache.kept_for_generation(f"most-read:{count}", rank, BLOCK_SECONDS)
    return [(name, label, lists.get(name, [])) for name, label, _length in PERIODS]
