"""The list pages' articles as cards (latest, a section, a date, an author, a topic), through prepared queries.

A list page runs two queries, the capped count (articles.pagination) and its page of cards;
building and compiling them was a third of the page. Each list is defined here once as a
queryset from `Article.objects.published(now)` and prepared (articles.models.prepared): its
SQL is compiled once per process for each page window and number of sections. A unit's page
stays on the ORM: a small unit's list is a literal list of ids (Unit.article_filter).
"""

from django.utils import timezone

from .article import Article
from .prepared import Prepared, PreparedCount
from .public_data import Author


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


LATEST = CardList(lambda now: Article.objects.published(now))
# A section and its sub-sections (the SQL's shape follows only how many there are).
SECTION = CardList(lambda now, sections: Article.objects.published(now).filter(category__in=sections))
PERIOD = CardList(lambda now, start, end: Article.objects.published(now).between(start, end))
AUTHOR = CardList(lambda now, author: Article.objects.published(now).filter(Author(pk=author).article_filter()))
TOPIC = CardList(lambda now, topic: Article.objects.published(now).filter(topics=topic))

_BY_ID = Prepared(lambda now, ids: Article.objects.published(now).for_cards().filter(pk__in=ids))


def cards_by_id(ids):
    """{id: article} of those of `ids` readers may see, as cards (the home page's chosen articles)."""
    return {article.pk: article for article in _BY_ID(now=timezone.now(), ids=list(ids))}
