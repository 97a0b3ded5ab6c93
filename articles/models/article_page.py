"""The article page's data: one published article and what its page shows, in five prepared queries.

The same as `Article.objects.published().for_page().get(pk=...)` (the article with its section
and cover, then its photos, byline, units and topics), without compiling five querysets on
every request: the page's database work was most of its time (articles.models.prepared).
"""

from django.utils import timezone

from .article import Article, ArticleAuthor, ArticleQuerySet
from .photo import Photo
from .prepared import Prepared
from .public_data import Unit
from .topic import Topic

_ARTICLE = Prepared(
    lambda pk, now: (
        Article.objects.published(now)
        .filter(pk=pk)
        .select_related("category", "cover_photo")
        .defer(*ArticleQuerySet.SEARCH_FIELDS)
        .order_by()
    )
)
# Each relation as for_page() prefetches it, under the name its manager reads the prefetch from.
_RELATIONS = (
    ("photos", Photo, Prepared(lambda pk: Photo.objects.filter(article=pk).order_by("position", "order", "pk"))),
    (
        "article_authors",
        ArticleAuthor,
        Prepared(lambda pk: ArticleAuthor.objects.filter(article=pk).select_related("author").order_by("order")),
    ),
    ("units", Unit, Prepared(lambda pk: Unit.objects.filter(articles=pk).order_by("name"))),
    ("topics", Topic, Prepared(lambda pk: Topic.objects.filter(articles=pk).order_by("name"))),
)


def published_article(pk, now=None):
    """The published article `pk` ready for its page (relations loaded: no further query), or None."""
    article = _ARTICLE.first(pk=pk, now=now or timezone.now())
    if article is None:
        return None
    cache = article._prefetched_objects_cache = {}
    for name, model, prepared in _RELATIONS:
        related = prepared(pk=pk)
        if model in (Photo, ArticleAuthor):
            for obj in related:  # each knows its article, as a prefetch leaves it
                model.article.field.set_cached_value(obj, article)
        # What a prefetch leaves behind: a queryset already evaluated, so .all() runs no query.
        queryset = model._base_manager.get_queryset()
        queryset._result_cache, queryset._prefetch_done = related, True
        cache[name] = queryset
    return article
