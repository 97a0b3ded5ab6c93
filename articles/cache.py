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

import contextvars
import hashlib
import secrets
import time
from functools import wraps
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

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
# A page past its time is still served, for this long, to readers who come while one request rebuilds it.
STALE_GRACE_SECONDS = 300
# How long one rebuild may hold the others on the previous copy (a render takes milliseconds).
REBUILD_LOCK_SECONDS = 10
# The generation as this request read it: a page asks for it for each block it keeps, and each
# ask was a cache round trip. PageCacheMiddleware opens the scope; outside a request, no memo.
_request_generation = contextvars.ContextVar("newsroom_request_generation", default=None)
# What kept_for_generation() read or computed, also held in this process: most requests then
# need no cache round trip for it. Keyed by the generation like the cache, so a bump (read
# once per request from the shared cache) leaves every held value behind at once.
LOCAL_ENTRIES = 512
_held = {}


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
    memo = _request_generation.get()
    if memo is not None:
        memo[0] = state[0]  # the rest of this request sees its own change
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
    memo = _request_generation.get()
    if memo is not None and memo[0] is not None:
        return memo[0]
    state = _current(cache.get(GENERATION_KEY))
    token = state[0] if state else secrets.token_hex(8)
    if memo is not None:
        memo[0] = token
    return token


def request_scope():
    """Open a request's generation memo (PageCacheMiddleware); returns the token that closes it."""
    return _request_generation.set([None])


def kept_for_generation(name, compute, seconds=3600, *, keep=True):
    """compute(), kept in the cache under `name` for the current content generation (`seconds` at most).

    What public pages derive from the published articles (the sections, the home page's choice,
    related lists, most read, the search form's choices) only changes when the generation moves
    on: a publication, withdrawal, edit or change to a section, unit or author, and a scheduled
    time arriving. `keep=False` computes afresh and keeps nothing (staff see fresh pages).
    """
    if not keep:
        return compute()
    key = _kept_key(name)
    now = time.time()
    held = _held.get(key)
    if held is not None and held[0] > now:
        return held[1]
    stored = cache.get(key)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] > now:
        _hold(key, *stored)
        return stored[1]
    return _keep(key, compute(), seconds)


def keep_for_generation(name, value, seconds=3600):
    """Replace what kept_for_generation() keeps under `name` (a list grown further, say)."""
    return _keep(_kept_key(name), value, seconds)


def _kept_key(name):
    return f"newsroom:{name}:{generation()}"


def _keep(key, value, seconds):
    deadline = time.time() + seconds
    cache.set(key, (deadline, value), seconds)
    _hold(key, deadline, value)
    return value


def _hold(key, deadline, value):
    if len(_held) >= LOCAL_ENTRIES:
        _held.clear()
    _held[key] = (deadline, value)


@receiver(cache_reconnected)
def _after_outage(sender, **kwargs):
    # A bump may have been lost while the cache was away: no page stored before it stays current.
    bump(using=kwargs["cache"])


def data_period():
    """A token that moves on every PAGE_CACHE_SECONDS (each minute without a page cache).

    Data kept for the generation and this period (the home page's choice of articles) is
    never older than the page built from it: a page rebuilt past its time, or written behind
    the generation's back (a script), chooses again.
    """
    seconds = settings.PAGE_CACHE_SECONDS if settings.PAGE_CACHE_SECONDS > 0 else 60
    return int(time.time() // seconds)


def is_public_request(request):
    # Staff (anyone with a session cookie) always get a fresh, private page, so previews and
    # edits are never served from or stored in the cache, nor marked for a shared cache.
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(UNCACHED_PREFIXES)
    )


def _key(request):
    digest = hashlib.sha1(request.get_full_path().encode("utf-8", "surrogateescape")).hexdigest()
    return f"newsroom:page-v2:{digest}"


def public_page(view):
    """Mark a view's successful responses as cacheable public pages."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.is_public_page = True
        return response

    return wrapper


class StoredPage(NamedTuple):
    """A page as the cache holds it: under which generation, until when fresh, and what to send."""

    generation: str
    fresh_until: float
    content: bytes
    headers: list  # the ETag among them


def _unpack(value):
    return StoredPage(*value) if isinstance(value, tuple) and len(value) == len(StoredPage._fields) else None


def _etag(generation_token, content):
    # The generation says when anything may have changed; the digest covers what the
    # generation does not move (a block cached on its own clock), so a 304 is never wrong.
    return f'"{generation_token}.{hashlib.sha1(content).hexdigest()[:16]}"'


def _is_storable(response):
    return (
        getattr(response, "is_public_page", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
    )


class PageCacheMiddleware:
    """Serve and store `@public_page` responses for anonymous readers, with ETag and 304.

    A hit is one cache round trip. A page past its time (same generation: nothing changed
    since) is rebuilt by one request at a time (a short lock in the cache); the readers who
    come meanwhile get that copy instead of all rendering it at once. If the rebuild yields no
    page to store, the copy is dropped. A page stored under an earlier generation is never
    served: something changed (an article unpublished, say), and readers see it at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        scope = request_scope()
        try:
            return self._respond(request)
        finally:
            _request_generation.reset(scope)

    def _respond(self, request):
        if not is_public_request(request):
            return self.get_response(request)
        # A foreign Host gets the 400 page (DisallowedHost), never a page cached for ours.
        request.get_host()
        if settings.PAGE_CACHE_SECONDS <= 0:
            return self._uncached(request)
        key = _key(request)
        # One round trip: the generation and the page. A page stored under another generation is stale.
        values = cache.get_many([GENERATION_KEY, key])
        state = _current(values.get(GENERATION_KEY))
        _request_generation.get()[0] = state[0] if state else None  # the page's blocks use the same
        stored = _unpack(values.get(key))
        rebuilding = False
        if stored is not None and state is not None and stored.generation == state[0]:
            if time.time() < stored.fresh_until:
                return _answer(request, stored)
            if not cache.add(key + ":rebuild", 1, REBUILD_LOCK_SECONDS):
                return _answer(request, stored)  # another request is rebuilding it right now
            rebuilding = True
        try:
            response = self.get_response(request)
            if state is None or not _is_storable(response):
                if rebuilding:
                    cache.delete(key)
                return response
            _mark_public(response, state[0])
            seconds = settings.PAGE_CACHE_SECONDS
            page = StoredPage(state[0], time.time() + seconds, response.content, list(response.items()))
            cache.set(key, tuple(page), seconds + STALE_GRACE_SECONDS)
        finally:
            if rebuilding:
                cache.delete(key + ":rebuild")
        return _conditional(request, response)

    def _uncached(self, request):
        # No page cache (development, PAGE_CACHE_SECONDS=0): still a validator and a 304, from
        # the body alone (asking for the generation would cost a query the page does not need).
        response = self.get_response(request)
        if not _is_storable(response):
            return response
        _mark_public(response, "page")
        return _conditional(request, response)


def _public_max_age():
    # A browser and the front cache (deploy/nginx.conf honours this header) keep a page for
    # PUBLIC_MAX_AGE seconds at most: the longest a change waits to reach readers through them.
    return min(max(settings.PAGE_CACHE_SECONDS, 0), settings.PUBLIC_MAX_AGE)


def _mark_public(response, generation_token):
    """Render `response`, let browsers and the front cache keep it, and give it its ETag."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    patch_cache_control(response, public=True, max_age=_public_max_age())
    response["ETag"] = _etag(generation_token, response.content)


def _conditional(request, response):
    """304 Not Modified when the reader already holds `response` (its ETag), else `response`."""
    return get_conditional_response(request, etag=response["ETag"], response=response) or response


def mark_public_not_found(request, response):
    """Let the front cache keep a reader's 404 as long as a page (articles.errors.not_found).

    When an article is unpublished, the front cache's refresh of its page gets this 404 and
    stores it in place of the page; a 404 it could not store would leave the old page to be
    served as "stale while updating" to every reader after it.
    """
    max_age = _public_max_age()
    if max_age > 0 and is_public_request(request):
        patch_cache_control(response, public=True, max_age=max_age)
    return response


def _answer(request, stored):
    """The stored page, or 304 Not Modified when the reader already holds it."""
    response = HttpResponse(stored.content)
    for name, value in stored.headers:
        response[name] = value
    return _conditional(request, response)
