"""Vietnamese-aware search: the form, the ranked query over published articles, the page (marks: search_highlight)."""

import functools
import operator
import re
from datetime import timedelta

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Case, Expression, IntegerField, Q, Value, When
from django.forms.utils import flatatt
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from . import cache as page_cache
from .models import Article, ArticleQuerySet, Category, Unit, vietnam_day_bounds
from .models.prepared import Prepared
from .search_highlight import excerpt, highlight
from .text import search_key, strip_control_chars

PAGE_SIZE = 20
# Longer queries are cut: no one types more, and each word costs a LIKE on SQLite.
MAX_QUERY_CHARS = 200
MAX_TERMS = 10
# How many of the newest matches a search ranks; older ones are reached with the date filters.
MAX_RANKED = 1000
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

# Letters and digits only: punctuation, SQL and regular-expression or tsquery operators never reach a query.
_WORD = re.compile(r"[^\W_]+")

# Points for where a query word is found; a title match outranks a lead match, which outranks a body match.
TITLE_POINTS, LEAD_POINTS, BODY_POINTS = 4, 2, 1


def cut_query(text):
    """At most MAX_QUERY_CHARS of `text`, cut at a space so the last word stays whole."""
    text = strip_control_chars(text).strip()
    if len(text) > MAX_QUERY_CHARS:
        text = text[: MAX_QUERY_CHARS + 1].rsplit(None, 1)[0][:MAX_QUERY_CHARS]
    return text


def query_terms(text):
    """The words a query looks for: folded like Article.search_text, without duplicates."""
    terms = []
    for word in _WORD.findall(search_key(text)):
        if word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


class SearchVectorColumn(Expression):
    """The article's stored tsvector (migration 0013: a column PostgreSQL generates from search_text).

    The model does not declare it (SQLite has no tsvector, and Django would try to write a
    generated column): this names it on whatever alias the query gives the article table,
    "articles_article" or a subquery's "U0".
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        return f'{compiler.quote_name_unless_alias(compiler.query.get_initial_alias())}."search_vector"', []


def match_terms(queryset, terms):
    """Articles holding every term as a whole word: the full-text index on PostgreSQL, LIKE elsewhere.

    Whole words, not prefixes: a Vietnamese word is a syllable, and "nghi" (nghị) must not
    find "nghiệp" or "nghiêm".
    """
    if connections[queryset.db].vendor == "postgresql":
        # The words are letters and digits only, so the raw tsquery is safe.
        tsquery = " & ".join(terms)
        return queryset.alias(search_vector=SearchVectorColumn()).filter(
            search_vector=SearchQuery(tsquery, config="simple", search_type="raw")
        )
    # search_text is padded with spaces (articles.text.search_words): " term " is a whole word.
    return queryset.filter(functools.reduce(operator.and_, (Q(search_text__contains=f" {t} ") for t in terms)))


def _points(lookup_value, title, lead, body, known_present=False, body_match=None):
    """Points for where `lookup_value` is first found: title, lead, else body.

    `known_present`: the article is known to hold it, so the body needs no looking at;
    `body_match`: how to look in the body, instead of a LIKE through search_text.
    """
    where = [
        When(search_title__contains=lookup_value, then=Value(title)),
        When(search_lead__contains=lookup_value, then=Value(lead)),
    ]
    if not known_present:
        where.append(When(body_match or Q(search_text__contains=lookup_value), then=Value(body)))
    return Case(*where, default=Value(body if known_present else 0), output_field=IntegerField())


def rank_expression(terms, vendor=None):
    """Points summed over the words (title, then lead, then body), plus a bonus for the whole phrase.

    "hoi nghi" ranks an article saying "Hội nghị" above one with "hội" and "nghị" apart. On
    PostgreSQL the phrase is looked for in the body through the stored tsvector's positions
    (`hoi <-> nghi`, read already for the match), not by a LIKE through the whole text.
    """
    # Every ranked article holds every word (match_terms): a word not in the title or the lead
    # is in the body, so its body points need no search through the whole text.
    scores = [_points(f" {term} ", TITLE_POINTS, LEAD_POINTS, BODY_POINTS, known_present=True) for term in terms]
    if len(terms) > 1:
        phrase = f" {' '.join(terms)} "
        in_body = None
        if vendor == "postgresql":
            in_body = Q(search_vector=SearchQuery(" <-> ".join(terms), config="simple", search_type="raw"))
        scores.append(_points(phrase, 2 * TITLE_POINTS, 2 * LEAD_POINTS, 2 * BODY_POINTS, body_match=in_body))
    return functools.reduce(operator.add, scores)


def day_start(day):
    """Midnight of `day` in Vietnam: date filters mean the reader's days, not UTC ones."""
    return vietnam_day_bounds(day.year, day.month, day.day)[0]


def search_articles(terms, *, category=None, unit=None, date_from=None, date_to=None):
    """Published articles matching `terms` and the filters, best first, then newest first.

    Without terms, the filtered articles newest first (a queryset); with them, a RankedSearch.
    """
    articles = Article.objects.published()
    if category is not None:
        articles = articles.filter(Q(category=category) | Q(category__parent=category))
    if unit is not None:
        articles = articles.filter(unit.article_filter())
    if date_from is not None:
        articles = articles.filter(published_at__gte=day_start(date_from))
    if date_to is not None:
        articles = articles.filter(published_at__lt=day_start(date_to + timedelta(days=1)))
    if not terms:
        return _for_results(articles).order_by("-published_at", "-pk")
    return RankedSearch(articles, terms)


def _for_results(articles):
    # What a result shows: a card's fields and the body for the excerpt (not the search keys).
    return articles.for_listing().defer(None).defer(*ArticleQuerySet.SEARCH_FIELDS)


# A page of ranked results by id, through published() again (the ranking read it a moment ago).
_RESULTS_BY_ID = Prepared(lambda now, ids: _for_results(Article.objects.published(now).filter(pk__in=ids)))


class RankedSearch:
    """The newest MAX_RANKED matches of a search, ranked; a paginator's object list (count and slices).

    One query reads every match's rank, newest first, and stops after MAX_RANKED: a word found
    in most of a million articles must not make a search rank (or count) all of them. They are
    ordered here (a stable sort by rank keeps the newest first among equals), and a page's rows
    are read by id: ranking, counting and reading the page used to walk the matches twice.
    """

    def __init__(self, articles, terms):
        vendor = connections[articles.db].vendor
        matches = match_terms(articles, terms).order_by("-published_at", "-pk")[:MAX_RANKED]
        ranks = matches.annotate(search_rank=rank_expression(terms, vendor)).values_list("pk", "search_rank")
        self.ids = [pk for pk, _rank in sorted(ranks, key=lambda row: -row[1])]

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, window):
        ids = self.ids[window]
        rows = {article.pk: article for article in _RESULTS_BY_ID(now=timezone.now(), ids=ids)}
        return [rows[pk] for pk in ids if pk in rows]

    def __iter__(self):
        return iter(self[:])


# --- The page -------------------------------------------------------------------------------------


class OptionsSelect(forms.Select):
    """Django's <select>, the same markup, written directly from its (value, label) choices.

    Django renders each <option> through two templates, about 0.05 ms apiece: the unit list's
    hundred and more options were a third of a search page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = "".join(
            format_html(
                '\n  <option value="{}"{}>{}</option>\n',
                option,
                mark_safe(" selected") if str(option) in chosen else "",
                label,
            )
            for option, label in self.choices
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}\n</select>', name, attributes, mark_safe(options))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False)
    category = forms.ModelChoiceField(
        label=_("Section"),
        queryset=Category.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All sections"),
        widget=OptionsSelect,
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All units"),
        widget=OptionsSelect,
    )
    date_from = forms.DateField(label=_("From"), input_formats=DATE_FORMATS, required=False)
    date_to = forms.DateField(label=_("To"), input_formats=DATE_FORMATS, required=False)

    error_messages = {
        "date_order": _("The start date must not be after the end date."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The sections' and units' options, read once per content generation (a change to
        # either in the admin moves it on); the fields still validate against the database.
        for name in ("category", "unit"):
            field = self.fields[name]
            options = page_cache.kept_for_generation(
                f"search-{name}-options",
                lambda field=field: [(obj.slug, field.label_from_instance(obj)) for obj in field.queryset],
            )
            field.widget.choices = [("", field.empty_label), *options]

    def clean_q(self):
        return cut_query(self.cleaned_data["q"])

    def clean_date_from(self):
        return self._clean_year("date_from")

    def clean_date_to(self):
        return self._clean_year("date_to")

    def _clean_year(self, name):
        value = self.cleaned_data[name]
        if value is not None and not 1900 <= value.year <= 9998:
            raise forms.ValidationError(_("Enter a date between 1900 and 9998."), code="year")
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(self.error_messages["date_order"], code="date_order")
        return cleaned

    @property
    def terms(self):
        return query_terms(self.cleaned_data["q"])

    @property
    def is_search(self):
        """True when the reader asked for something: a word to look for or a filter."""
        return bool(self.terms) or any(self.cleaned_data.get(name) for name in self.fields if name != "q")

    def results(self):
        data = self.cleaned_data
        return search_articles(
            self.terms,
            category=data["category"],
            unit=data["unit"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )

    def query_string(self):
        """The cleaned search as URL parameters, for the pagination links."""
        data = self.cleaned_data
        params = {
            "q": data.get("q") or "",
            "category": data["category"].slug if data.get("category") else "",
            "unit": data["unit"].slug if data.get("unit") else "",
            "date_from": data["date_from"].strftime("%d/%m/%Y") if data.get("date_from") else "",
            "date_to": data["date_to"].strftime("%d/%m/%Y") if data.get("date_to") else "",
        }
        return urlencode({k: v for k, v in params.items() if v})


def search_view(request):
    """/tim-kiem/?q=…: not cached, since every query is a different page."""
    form = SearchForm(request.GET or None)
    context = {"form": form, "query": "", "page_obj": None, "is_paginated": False}
    if form.is_bound and form.is_valid() and form.is_search:
        terms = form.terms
        page_obj = Paginator(form.results(), PAGE_SIZE).get_page(request.GET.get("page"))
        for article in page_obj.object_list:
            article.title_html = highlight(article.title, terms)
            article.excerpt_html = excerpt(article, terms)
        context.update(
            query=form.cleaned_data["q"],
            page_obj=page_obj,
            articles=page_obj.object_list,
            is_paginated=page_obj.has_other_pages(),
            query_string=form.query_string(),
        )
    elif form.is_bound:
        # Shown back in the search box, cleaned like a valid query.
        context["query"] = cut_query(request.GET.get("q", ""))
        context["nothing_to_search"] = form.is_valid()
    response = render(request, "articles/search.html", context)
    response["X-Robots-Tag"] = "noindex, follow"
    return response
