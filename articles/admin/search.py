"""The admin's searches fold Vietnamese marks like the public search: "cong an" finds "Công an".

Articles are matched on their stored search key (articles.search.match_terms: the GIN index on
PostgreSQL), whole words in title, lead and body, as readers' search does ("nghi" finds "nghị",
not "nghiệp"); a query typed with its marks also finds titles holding it as typed, so a
half-typed "Nghiệ" still finds "Nghiệp vụ". Units, authors and
sections are few (hundreds): their names are folded in Python and the matching ids filtered.
The admin's autocomplete (Select2) asks get_search_results too, so it folds the same way.
"""

from ..search import cut_query, match_terms, query_terms
from ..text import fold, search_key


class FoldedNameSearchMixin:
    """Search the `search_fields` (plain field names) of a small table, marks and case ignored."""

    def get_search_results(self, request, queryset, search_term):
        wanted = search_key(cut_query(search_term))
        if not wanted:
            return queryset, False
        rows = self.model._default_manager.values_list("pk", *self.search_fields)
        ids = [pk for pk, *names in rows.iterator() if any(wanted in search_key(name) for name in names)]
        return queryset.filter(pk__in=ids), False


class ArticleSearchMixin:
    search_fields = ("title",)

    def get_search_results(self, request, queryset, search_term):
        text = cut_query(search_term)
        terms = query_terms(text)
        if not terms:
            return queryset, False
        found = queryset.filter(pk__in=match_terms(queryset.model._default_manager.all(), terms).values("pk"))
        if fold(text) != text:
            found = found | queryset.filter(title__icontains=text)
        return found, False
