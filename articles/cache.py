"""The public page cache, keyed so that a change or a scheduled time never shows stale pages.

Views opt in with `@public_page`; `PageCacheMiddleware`, placed before the
session and authentication middleware, answers anonymous readers from the
cache without running the rest of the stack, which is what lets a breaking-news
burst be served close to the speed of a bare Django view.

Every cached page key carries the content generation. Any editorial change
(articles.workflow, admin saves) calls `bump()`; and when the earliest scheduled
article's time arrives the generation moves on by itself, so the article
appears on every page at that moment, with no cron job.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

GENERATION_KEY = "newsroom:generation"
NEXT_KEY = "newsroom:next-publication"
# Never pages: no cache round trip for them (photo files have their own HTTP caching).
UNCACHED_PREFIXES = ("/admin/", "/anh/", "/healthz", "/static/", "/media/", "/xem-truoc/")


def bump():
    """Invalidate every cached public page (content or schedule changed)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)
    cache.delete(NEXT_KEY)


def _next_publication_ts():
    from .models import Article

    upcoming = Article.objects.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
    ts = upcoming.timestamp() if upcoming else 0.0
    cache.set(NEXT_KEY, ts, None)
    return ts


def _current_generation(values):
    """The generation from a get_many() result; moves it on when a scheduled time has passed."""
    next_ts = values.get(NEXT_KEY)
    if next_ts is None:
        next_ts = _next_publication_ts()
    if next_ts and timezone.now().timestamp() >= next_ts:
        bump()
        return generation()
    gen = values.get(GENERATION_KEY)
    if gen is None:
        cache.add(GENERATION_KEY, 1, None)
        gen = cache.get(GENERATION_KEY, 1)
    return gen


def generation():
    """The current content generation, moved on when a scheduled time has passed."""
    return _current_generation(cache.get_many([GENERATION_KEY, NEXT_KEY]))


def _is_cacheable_request(request):
    # Staff (anyone with a session cookie) always get a fresh page, so previews and
    # edits are never served from or stored in the cache.
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(UNCACHED_PREFIXES)
    )


def _key(request):
    digest = hashlib.sha1(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()
    return f"newsroom:page:{digest}"


def public_page(view):
    """Mark a view's successful responses as cacheable public pages."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.is_public_page = True
        return response

    return wrapper


class PageCacheMiddleware:
    """Serve and store `@public_page` responses for anonymous readers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        # One round trip: the generation, the next scheduled time and the page itself. A page
        # stored under an older generation is stale and rendered again.
        values = cache.get_many([GENERATION_KEY, NEXT_KEY, key])
        gen = _current_generation(values)
        stored = values.get(key)
        if stored is not None and stored[0] == gen:
            return _rebuild(stored)
        response = self.get_response(request)
        if (
            getattr(response, "is_public_page", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            seconds = settings.PAGE_CACHE_SECONDS
            patch_cache_control(response, public=True, max_age=min(seconds, 60))
            cache.set(key, (gen, response.content, list(response.items())), seconds)
        return response


def _rebuild(stored):
    """An HttpResponse from the (generation, body, headers) a page was stored as."""
    _gen, content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response
