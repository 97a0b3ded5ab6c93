"""What every model module shares: the sanitised HTML field, remembered reverse(), printable times, slugs."""

from datetime import UTC, datetime, timedelta
from functools import lru_cache

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.urls import NoReverseMatch, get_script_prefix, reverse

from ..sanitizer import sanitize_html
from ..text import VIETNAM_TZ, slugify_vi


class SanitizedHTMLField(models.TextField):
    """A TextField whose value passes through the sanitiser on every way into the database.

    get_prep_value runs for save(), update(), bulk_create() and bulk_update(),
    so no route can store markup the allow-list does not permit.
    """

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return sanitize_html(value) if value else value

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "articles.models.SanitizedHTMLField", args, kwargs  # the path migrations know


@lru_cache(maxsize=16384)
def _reverse(script_prefix, name, kwargs):
    try:
        return reverse(name, kwargs=dict(kwargs))
    except NoReverseMatch:
        # A slug stored by something other than slugify_vi (a raw SQL fix, an old import): the
        # page must still render, so each part is put through the one slug rule.
        safe = {key: slugify_vi(str(value)) or "-" if isinstance(value, str) else value for key, value in kwargs}
        return reverse(name, kwargs=safe)


def cached_reverse(name, **kwargs):
    """reverse(), remembered: list pages ask for the same few hundred addresses on every request.

    The URLconf does not change while the process runs; the script prefix is part of the key.
    """
    return _reverse(get_script_prefix(), name, tuple(sorted(kwargs.items())))


# Times any page can print: four-digit years, and no overflow when moved to any time zone.
STORABLE_TIMES = (datetime(1900, 1, 1, tzinfo=UTC), datetime(9000, 1, 1, tzinfo=UTC))


def vietnam_day_bounds(year, month=None, day=None):
    """[start, end) of a year, month or day in Vietnam time, as aware datetimes.

    Raises ValueError for dates that do not exist (30 February, month 13, year 0). Bounds
    are clamped to STORABLE_TIMES, outside which no article can be stored, so a query
    for year 0001 or 9999 never overflows.
    """
    start = datetime(year, 1 if month is None else month, 1 if day is None else day, tzinfo=VIETNAM_TZ)
    try:
        if day is not None:
            end = start + timedelta(days=1)
        elif month is not None:
            end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=VIETNAM_TZ)
        else:
            end = datetime(year + 1, 1, 1, tzinfo=VIETNAM_TZ)
    except (ValueError, OverflowError):  # the end of year 9999
        end = STORABLE_TIMES[1]
    return max(start, STORABLE_TIMES[0]), min(end, STORABLE_TIMES[1])


class SlugMixin:
    """Units, authors and sections: a slug made by the one Vietnamese rule, and a public page.

    An empty slug is filled from `slug_source`; `url_name` is the page's URL name.
    """

    slug_source = "name"
    url_name = ""

    def save(self, *args, **kwargs):
        self.slug = slugify_vi(self.slug or getattr(self, self.slug_source), self._meta.get_field("slug").max_length)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse(self.url_name, slug=self.slug)


def union_ids(querysets):
    """The ids of several small, ordered and sliced querysets, read in one UNION ALL query.

    `id IN (sub1) OR id IN (sub2) ...` looks like one cheap query, but PostgreSQL can only
    test every row of the outer table against each subquery: on a million articles, a scan.
    Reading the few ids first and then fetching them by primary key keeps both queries index
    ranges. Each part is wrapped as a derived table, which SQLite and PostgreSQL both take with
    its own ORDER BY and LIMIT. A part that can match nothing (`id IN ()`) is left out.
    """
    parts, params, db = [], [], None
    for number, queryset in enumerate(querysets):
        db = queryset.db
        try:
            sql, part_params = queryset.values_list("pk", flat=True).query.get_compiler(using=db).as_sql()
        except EmptyResultSet:
            continue
        parts.append(f"SELECT * FROM ({sql}) AS part{number}")
        params.extend(part_params)
    if not parts:
        return []
    with connections[db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return list(dict.fromkeys(row[0] for row in cursor.fetchall()))
