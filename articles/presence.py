"""Who has an article open in the admin: short-lived marks kept in the cache.

The cache is shared by every worker (Redis, or the CACHE_DIR files), so every worker
sees every mark. While the cache is unreachable nobody is shown and nothing fails.
"""

import time

from django.core.cache import cache

# A mark older than this is forgotten; the change form refreshes its mark more often (presence.js).
TTL_SECONDS = 90


def _key(article_id):
    return f"newsroom:presence:{article_id}"


def _name(user):
    return user.get_full_name() or user.get_username()


def touch(article_id, user):
    """Mark `user` as having the article open now; returns the others who have it open."""
    now = time.time()
    marks = {uid: mark for uid, mark in (cache.get(_key(article_id)) or {}).items() if now - mark[1] < TTL_SECONDS}
    marks[user.pk] = (_name(user), now)
    # A lost race between two writers only drops a mark until the next heartbeat: acceptable for a hint.
    cache.set(_key(article_id), marks, TTL_SECONDS)
    return others(article_id, user, marks=marks)


def others(article_id, user, *, marks=None):
    """Names of the other users who had the article open within TTL_SECONDS, sorted."""
    now = time.time()
    if marks is None:
        marks = cache.get(_key(article_id)) or {}
    return sorted(name for uid, (name, seen) in marks.items() if uid != user.pk and now - seen < TTL_SECONDS)


def leave(article_id, user):
    """Forget `user`'s mark (the form was saved or closed)."""
    marks = cache.get(_key(article_id)) or {}
    if marks.pop(user.pk, None) is not None:
        cache.set(_key(article_id), marks, TTL_SECONDS)
