"""Pagination that stays cheap on an archive of a million articles.

Django's Paginator counts every matching row (`COUNT(*)` over a section's hundreds of
thousands of articles, on every list page) and lets a reader ask for page 40,000
(an OFFSET that walks the whole index). Readers never go that deep: past
`MAX_PAGES` pages the date archives (/2020/07/) and the sitemaps lead on. So the
count stops at that many pages (`COUNT(*)` over a LIMIT subquery, an index range),
and the page line says "Trang 3 / hơn 100" when there are more.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

MAX_PAGES = 100


class CappedPaginator(Paginator):
    max_pages = MAX_PAGES

    @cached_property
    def _counted(self):
        cap = self.max_pages * self.per_page
        object_list = self.object_list
        if hasattr(object_list, "capped_count"):  # a prepared list (articles.models.card_lists)
            return object_list.capped_count(cap + 1)
        if hasattr(object_list, "values"):
            # No ORDER BY: counting needs none, and without it PostgreSQL may read a small
            # unit's few links first instead of walking the publication index for them.
            return object_list.values("pk").order_by()[: cap + 1].count()
        return len(object_list[: cap + 1])

    @cached_property
    def has_more_pages(self):
        """True when the list goes on past the last page offered."""
        return self._counted > self.max_pages * self.per_page

    @cached_property
    def count(self):
        return min(self._counted, self.max_pages * self.per_page)


class AdminCappedPaginator(CappedPaginator):
    """The admin's article list: 200 pages of 50 at most; filters and search narrow it further."""

    max_pages = 200
