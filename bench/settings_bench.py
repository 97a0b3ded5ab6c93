"""Production settings for bench/million_pages.py, with an in-process cache and no page cache.

Every request is rendered (PAGE_CACHE_SECONDS = 0); what the app keeps in the cache on
purpose (the section menu, related articles) lives in local memory, as it would in Redis.
"""

from newsroom.settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "million-bench"}}
PAGE_CACHE_SECONDS = 0
