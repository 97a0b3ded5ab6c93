"""Querysets whose SQL Django compiles once per process: the fixed-shape queries every public page runs.

Django turns a queryset into SQL on each evaluation: filter() resolves every lookup and the
compiler walks the joins and the select list again. For the queries an article page runs on
every request that is most of the page's database time (about 0.4 ms to build and compile a
query, 0.03 ms to run it on SQLite), and a crawler walking the archive pays it on every page.
`Prepared` builds its queryset once per database with stand-in arguments, keeps the SQL and
where each argument lands among the parameters, then runs that SQL with the real values and
builds what the queryset would have built (model instances, select_related included, or
values_list rows) through the compiler's own converters; `PreparedCount` counts the rows
of such a queryset.

The queryset stays the definition (`Article.objects.published()` and the rest): the only SQL
written here is the COUNT(*) around a queryset's own. A build whose SQL depends on its
arguments' values, not only on where they go, is refused when it is prepared, never run wrong.
"""

import threading
from datetime import UTC, datetime

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections, models
from django.db.models.query import FlatValuesListIterable, ModelIterable, ValuesListIterable, get_related_populators

_DATETIME = models.DateTimeField()
# Two sets of stand-ins: an argument whose value changes the SQL shows up as two different SQLs.
_STAND_INS = {
    int: (lambda n: 1_987_654_000 + n, lambda n: 1_876_543_211 + n),
    datetime: (
        lambda n: datetime(2001, 2, 3, 4, 5, 6, n + 1, tzinfo=UTC),
        lambda n: datetime(2002, 3, 4, 5, 6, 7, n + 1, tzinfo=UTC),
    ),
}
_INT_RANGE = (-(2**63), 2**63 - 1)  # a bigint; a value past it matches no row
_ITERABLES = (ModelIterable, ValuesListIterable, FlatValuesListIterable)
# Compiled shapes kept per prepared query (literals such as a page's slice make new ones).
MAX_SHAPES = 1024
_NOTHING = object()  # a shape Django compiles to no query at all (an empty IN list, an empty slice)


def _kind(value):
    """int, datetime, or (list, length) for a list of ints (an IN lookup: its length is part of the shape)."""
    if isinstance(value, datetime):
        return datetime
    if isinstance(value, int) and not isinstance(value, bool):
        return int
    if isinstance(value, list | tuple) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return (list, len(value))
    raise TypeError(f"Prepared arguments are ints, aware datetimes or lists of ints, not {type(value).__name__}.")


def _values(value):
    return value if isinstance(value, list | tuple) else (value,)


def _prep(value, connection):
    # What Django passes for a datetime lookup (a UTC string on SQLite); ints go as they are.
    return _DATETIME.get_db_prep_value(value, connection) if isinstance(value, datetime) else value


class _Rows:
    """How a compiled select's rows become what its queryset gives (the compiler itself is not kept)."""

    def __init__(self, queryset, compiler):
        self.iterable = queryset._iterable_class
        self.width = compiler.col_count if compiler.has_extra_select else None
        self.converters = list(
            compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]]).items()
        )
        if self.iterable is ModelIterable:
            klass_info, select = compiler.klass_info, compiler.select
            fields = klass_info["select_fields"]
            self.model = klass_info["model"]
            self.model_columns = slice(fields[0], fields[-1] + 1)
            self.init_list = [column[0].target.attname for column in select[self.model_columns]]
            self.annotations = list(compiler.annotation_col_map.items())
            self.related = (klass_info, select) if klass_info.get("related_klass_infos") else None

    def __call__(self, cursor, alias):
        rows = cursor.fetchall()
        if self.width is not None:
            rows = [row[: self.width] for row in rows]
        if self.converters:
            connection = connections[alias]
            rows = [self._convert(list(row), connection) for row in rows]
        if self.iterable is FlatValuesListIterable:
            return [row[0] for row in rows]
        if self.iterable is not ModelIterable:
            return [tuple(row) for row in rows]
        populators = get_related_populators(*self.related, alias) if self.related else ()
        objects = []
        for row in rows:
            obj = self.model.from_db(alias, self.init_list, row[self.model_columns])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in self.annotations:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects

    def _convert(self, row, connection):
        # SQLCompiler.apply_converters, for one row: the database's values made Python's (times, JSON).
        for position, (converters, expression) in self.converters:
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
        return row


class Prepared:
    """`build(*literals, **arguments)` -> a queryset, compiled once per database and shape; calling this runs it.

    Arguments are ints, aware datetimes or lists of ints, each where Django passes the values
    as parameters (exact, comparison, range and IN lookups); a list's length is part of the
    shape. Literals (hashable: a slice's bounds) are part of the SQL: each new one compiles a
    new shape, so they must come from a small set (a page under the paginator's cap). The
    queryset gives model instances (select_related included) or values_list rows, in one query
    (no prefetch_related).
    """

    nothing = staticmethod(list)  # the result when no row can match

    def __init__(self, build, using="default"):
        self.build = build
        self.using = using
        self._compiled = {}
        self._lock = threading.Lock()

    def __call__(self, *literals, **arguments):
        """What the queryset built with these literals and arguments would give."""
        shape = (literals, tuple(sorted((name, _kind(value)) for name, value in arguments.items())))
        compiled = self._compiled.get(shape)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(shape) or self._prepare(shape)
        if compiled is _NOTHING or any(
            isinstance(v, int) and not _INT_RANGE[0] <= v <= _INT_RANGE[1]
            for value in arguments.values()
            for v in _values(value)
        ):
            return self.nothing()  # Django's own lookup answers the same without asking the database
        sql, params, slots, result = compiled
        connection = connections[self.using]
        params = list(params)
        for index, name, position in slots:
            params[index] = _prep(_values(arguments[name])[position], connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return result(cursor, self.using)

    def first(self, *literals, **arguments):
        found = self(*literals, **arguments)
        return found[0] if found else None

    def compile(self, queryset):
        """(sql, params, how the cursor's rows become the result) of `queryset`."""
        if queryset._prefetch_related_lookups or queryset._iterable_class not in _ITERABLES:
            raise ImproperlyConfigured("A prepared queryset runs one query: no prefetch_related, no values().")
        compiler = queryset.query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()
        return sql, params, _Rows(queryset, compiler)

    def _prepare(self, shape):
        literals, kinds = shape
        connection = connections[self.using]
        attempts = []
        for attempt in (0, 1):
            stand_ins, wanted, number = {}, [], 0
            for name, kind in kinds:
                length = kind[1] if isinstance(kind, tuple) else None  # a list's, or None for one value
                make = _STAND_INS[kind if length is None else int][attempt]
                values = [make(number + k) for k in range(1 if length is None else length)]
                number += len(values)
                stand_ins[name] = values[0] if length is None else values
                wanted += [(name, position, _prep(value, connection)) for position, value in enumerate(values)]
            try:
                sql, params, result = self.compile(self.build(*literals, **stand_ins))
            except EmptyResultSet:
                attempts.append((_NOTHING, None))
                continue
            slots = [(index, name, pos) for index, param in enumerate(params) for name, pos, v in wanted if param == v]
            missing = {(name, pos) for name, pos, _v in wanted} - {(name, pos) for _i, name, pos in slots}
            if missing:
                names = ", ".join(sorted({name for name, _pos in missing}))
                raise ImproperlyConfigured(f"Prepared arguments not passed as parameters: {names}.")
            taken = {index for index, _name, _pos in slots}
            constants = [param for index, param in enumerate(params) if index not in taken]
            attempts.append(((sql, tuple(params), slots, result), (sql, slots, constants)))
        if attempts[0][1] != attempts[1][1]:
            raise ImproperlyConfigured("A prepared queryset's SQL must not depend on its arguments' values.")
        if len(self._compiled) >= MAX_SHAPES:
            self._compiled.clear()
        compiled = self._compiled[shape] = attempts[0][0]
        return compiled


class PreparedCount(Prepared):
    """How many rows the queryset gives (a sliced one: up to its limit), counted by the database."""

    nothing = staticmethod(int)

    def compile(self, queryset):
        # Django's count() of a sliced queryset is this same count over the queryset as a subquery.
        sql, params, _rows = super().compile(queryset)
        return f"SELECT COUNT(*) FROM ({sql}) counted", params, _first_value


def _first_value(cursor, alias):
    return cursor.fetchone()[0]
