"""The list pages' articles as cards (latest, a section, a date, an author, a topic), through prepared queries.

A section, the latest news or a date runs two queries, the capped count (articles.pagination)
and its page of cards; building and compiling them was a third of the page. Each such list is
defined here once as a queryset from `Article.objects.published(now)` and prepared
(articles.models.prepared): its SQL is compiled once per process for each page window.

A unit's, an author's or a topic's articles are found by walking the publication index for
those linked (or, for a small unit, by its few links): each page deeper walks further, so
their lists keep the ids of the pages the paginator offers, per content generation (NewestIds).
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from .article import Article
from .prepared import Prepared, PreparedCount


class CardList:
    """Published articles as list cards, newest first: what `build(now=..., **arguments)` selects.

    `bind(**arguments)` gives a paginator's object list (articles.pagination.CappedPaginator):
    its capped count and its slices, one prepared query each.
    """

    def __init__(self, build):
        self.page = Prepared(lambda window, **arguments: build(**arguments).for_cards()[window[0] : window[1]])
        self.count = PreparedCount(lambda limit, **arguments: build(**arguments).values_list("pk").order_by()[:limit])

    def bind(self, **arguments):
        return BoundCardList(self, {"now": timezone.now(), **arguments})


class BoundCardList:
    """One list with its arguments: a paginator counts it (up to a cap) and slices it."""

    def __init__(self, cards, arguments):
        self.cards, self.arguments = cards, arguments

    def capped_count(self, limit):
        return self.cards.count(limit, **self.arguments)

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.step is not None:
            raise TypeError("A card list is read a page at a time (a slice).")
        return self.cards.page((window.start or 0, window.stop), **self.arguments)


class NewestIds:
    """A unit's, author's or topic's articles, newest first, through their ids kept per content generation.

    Such a list is found by walking the publication index for the articles linked (or by a
    small unit's few links), and each page deeper walked further: a crawl of a unit's hundred
    pages walked it a hundred times. Here the ids found so far are kept (per generation and
    data period, like the home page's choice), a deeper page continues the walk from the last
    one kept (keyset: published before it), and the count is the paginator's capped count, kept
    too. Each page's rows are read by id through published(), so an article withdrawn since is
    never shown. `build()` gives the list's queryset of published articles; `limit` is the
    paginator's cap and one more (are there more?); `keep=False` (staff) finds everything afresh.
    """

    def __init__(self, name, build, limit, *, keep=True):
        self.build, self.limit, self.keep = build, limit, keep
        self.name = f"newest-ids:{name}:{limit}"

    @cached_property
    def articles(self):
        return self.build()  # once: a small unit's filter reads its links

    def _kept(self, part, compute):
        return _page_cache().kept_for_generation(self._part_name(part), compute, keep=self.keep)

    def _part_name(self, part):
        return f"{self.name}:{part}:{_page_cache().data_period()}"

    def capped_count(self, limit):
        count = self._kept("count", lambda: self.articles.values("pk").order_by()[: self.limit].count())
        return min(count, limit)

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.step is not None or window.stop is None:
            raise TypeError("A list is read a page at a time (a slice).")
        ids = [pk for pk, _at in self._found(window.stop)][window]
        rows = cards_by_id(ids)
        return [rows[pk] for pk in ids if pk in rows]

    def _found(self, wanted):
        """[(id, published_at)] newest first, at least `wanted` long unless the list is shorter."""
        found, complete = self._kept("ids", lambda: ([], False))
        if len(found) >= wanted or complete:
            return found
        # Twice as far as found so far (a crawl's next pages come free), at least to `wanted`.
        more = min(max(wanted, 2 * len(found), PAGE_WINDOW) - len(found), self.limit - len(found))
        newest = self.articles
        if found:
            pk, at = found[-1]
            # published_at <= at bounds the index range; the OR only sorts out the ties.
            newest = newest.filter(Q(published_at__lt=at) | Q(published_at=at, pk__lt=pk), published_at__lte=at)
        batch = list(newest.order_by("-published_at", "-pk").values_list("pk", "published_at")[:more])
        found = found + batch
        if self.keep:
            complete = len(batch) < more or len(found) >= self.limit
            _page_cache().keep_for_generation(self._part_name("ids"), (found, complete))
        return found


def _page_cache():
    from .. import cache  # articles.cache reads the models

    return cache


# The first walk of a list finds this many ids (two pages): a reader rarely goes further.
PAGE_WINDOW = 40


LATEST = CardList(lambda now: Article.objects.published(now))
# A section and its sub-sections (the SQL's shape follows only how many there are).
SECTION = CardList(lambda now, sections: Article.objects.published(now).filter(category__in=sections))
PERIOD = CardList(lambda now, start, end: Article.objects.published(now).between(start, end))

_BY_ID = Prepared(lambda now, ids: Article.objects.published(now).for_cards().filter(pk__in=ids))


def cards_by_id(ids):
    """{id: article} of those of `ids` readers may see, as cards (the home page's chosen articles)."""
    return {article.pk: article for article in _BY_ID(now=timezone.now(), ids=list(ids))}
