"""The public page cache, keyed so that a change or a scheduled time never shows stale pages.

Every cached page key carries the content generation. Any editorial change
(articles.workflow, admin saves) calls `bump()`; and when the earliest scheduled
article's time arrives the generation moves on by itself, so the article
appears on every page at that moment, with no cron job.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import patch_cache_control

GENERATION_KEY = "newsroom:generation"
NEXT_KEY = "newsroom:next-publication"


def bump():
    """Invalidate every cached public page (content or schedule changed)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)
    cache.delete(NEXT_KEY)


def _next_publication_ts():
    ts = cache.get(NEXT_KEY)
    if ts is None:
        from .models import Article

        upcoming = (
            Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        ts = upcoming.timestamp() if upcoming else 0.0
        cache.set(NEXT_KEY, ts, None)
    return ts


def generation():
    """The current content generation, moved on when a scheduled time has passed."""
    next_ts = _next_publication_ts()
    if next_ts and timezone.now().timestamp() >= next_ts:
        bump()
    gen = cache.get(GENERATION_KEY)
    if gen is None:
        cache.add(GENERATION_KEY, 1, None)
        gen = cache.get(GENERATION_KEY, 1)
    return gen


def public_page(view):
    """Cache a public GET page for anonymous readers for PAGE_CACHE_SECONDS.

    Staff (anyone with a session cookie) always get a fresh page, so previews and
    edits are never served from the cache.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        digest = hashlib.sha1(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()
        key = f"newsroom:page:{generation()}:{digest}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.streaming:
                patch_cache_control(response, public=True, max_age=min(seconds, 60))
                cache.set(key, response, seconds)
        return response

    return wrapper
