"""The public page cache, keyed so that a change or a scheduled time never shows stale pages.

Views opt in with `@public_page`; `PageCacheMiddleware`, placed before the
session and authentication middleware, answers anonymous readers from the
cache without running the rest of the stack, which is what lets a breaking-news
burst be served close to the speed of a bare Django view.

Every cached page carries the content generation it was rendered under: a random
token, stored together with the time of the next scheduled publication. Any
editorial change (articles.workflow, admin saves) calls `bump()`, which stores a
fresh token, so a page stored under any earlier generation is stale whatever the
interleaving of concurrent bumps (a counter moved on by get+set, as on the file
cache, could give two bumps the same number). When the scheduled time arrives the
generation is renewed by itself, so the article appears on every page at that
moment, with no cron job. A hit is one cache round trip and never touches the
database, so pages already cached are served while the database is down.

When the cache itself is unreachable (articles/cache_backends.py) every lookup is a
miss and pages are rendered uncached; when it answers again the generation moves on,
because a bump may have been lost while it was away.
"""

import hashlib
import secrets
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from .cache_backends import cache_reconnected

# The generation in force: (token, renew_at), renew_at being the timestamp of the next
# scheduled publication (None when nothing is scheduled). A new key name, because the
# previous one held a counter that a not yet upgraded worker would try to increment.
GENERATION_KEY = "newsroom:generation-v2"
# Never pages: no cache round trip for them (photo files have their own HTTP caching).
UNCACHED_PREFIXES = ("/admin/", "/anh/", "/doc/", "/healthz", "/readyz", "/static/", "/media/", "/xem-truoc/")
# After the database failed to say what is scheduled, this process does not ask again for this long.
RENEW_RETRY_SECONDS = 5.0
_renew_blocked_until = 0.0


def bump(*, using=None):
    """Invalidate every cached public page (content or schedule changed); returns the new token.

    Safe in `transaction.on_commit`: neither an unreachable cache nor a database gone
    since the commit makes it raise.
    """
    try:
        state = _new_generation()
    except DatabaseError:
        state = (secrets.token_hex(8), timezone.now().timestamp())  # schedule unknown: renewed on the next request
    (using or cache).set(GENERATION_KEY, state, None)
    return state[0]


def _new_generation():
    from .models import Article

    upcoming = Article.objects.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
    return (secrets.token_hex(8), upcoming.timestamp() if upcoming else None)


def _current(state):
    """The generation in force, given the stored one: renewed when missing or a scheduled time has passed."""
    global _renew_blocked_until
    known = state if isinstance(state, tuple) else None
    if known is not None and (known[1] is None or timezone.now().timestamp() < known[1]):
        return known
    if time.monotonic() < _renew_blocked_until or (state is None and getattr(cache, "is_down", False)):
        return known  # the cache is away: nothing will be stored, no need to ask the database
    try:
        fresh = _new_generation()
    except DatabaseError:
        # The database is away: the pages of the last known generation are the best answer there is.
        _renew_blocked_until = time.monotonic() + RENEW_RETRY_SECONDS
        return known
    if state is None:
        if not cache.add(GENERATION_KEY, fresh, None):
            return cache.get(GENERATION_KEY) or fresh  # another worker was first: share its generation
        return fresh
    cache.set(GENERATION_KEY, fresh, None)
    return fresh


def generation():
    """The current content generation's token, moved on when a scheduled time has passed."""
    state = _current(cache.get(GENERATION_KEY))
    return state[0] if state else secrets.token_hex(8)


@receiver(cache_reconnected)
def _after_outage(sender, **kwargs):
    # A bump may have been lost while the cache was away: no page stored before it stays current.
    bump(using=kwargs["cache"])


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
        # A foreign Host gets the 400 page (DisallowedHost), never a page cached for ours.
        request.get_host()
        key = _key(request)
        # One round trip: the generation and the page. A page stored under another generation is stale.
        values = cache.get_many([GENERATION_KEY, key])
        state = _current(values.get(GENERATION_KEY))
        stored = values.get(key)
        if stored is not None and state is not None and stored[0] == state[0]:
            return _rebuild(stored)
        response = self.get_response(request)
        if (
            state is not None
            and getattr(response, "is_public_page", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            seconds = settings.PAGE_CACHE_SECONDS
            patch_cache_control(response, public=True, max_age=min(seconds, 60))
            cache.set(key, (state[0], response.content, list(response.items())), seconds)
        return response


def _rebuild(stored):
    """An HttpResponse from the (generation, body, headers) a page was stored as."""
    _gen, content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response
