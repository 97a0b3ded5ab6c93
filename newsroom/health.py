"""Health probes for the load balancer: liveness (cheap) and readiness (database and cache)."""

import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse

READY_PROBE_KEY = "newsroom:readiness"


def healthz(request):
    """Liveness: the process answers. Touches neither database nor cache; `?deep=1` is readiness."""
    if request.GET.get("deep"):
        return readyz(request)
    return HttpResponse("ok", content_type="text/plain")


def readyz(request):
    """Readiness: a query on the database and a round trip to the cache; 503 naming what is down."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    down = [name for name, ok in checks.items() if not ok]
    body = {"status": "unavailable" if down else "ok", **{name: "ok" if ok else "down" for name, ok in checks.items()}}
    if down:
        body["down"] = down
    response = JsonResponse(body, status=503 if down else 200)
    response["Cache-Control"] = "no-store"
    return response


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_ok():
    # The cache backends answer a miss when the server is away (articles/cache_backends.py),
    # so a value written and read back is the proof it is there.
    token = secrets.token_hex(8)
    cache.set(READY_PROBE_KEY, token, 30)
    return cache.get(READY_PROBE_KEY) == token
