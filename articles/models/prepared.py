"""Querysets whose SQL Django compiles once per process: the fixed-shape queries every public page runs.

Django turns a queryset into SQL on each evaluation: filter() resolves every lookup and the
compiler walks the joins and the select list again. For the queries an article page runs on
every request that is most of the page's database time (about 0.4 ms to build and compile a
query, 0.03 ms to run it on SQLite), and a crawler walking the archive pays it on every page.
`Prepared` builds its queryset once per database with stand-in arguments, keeps the SQL and
where each argument lands among the parameters, then runs that SQL with the real values and
builds what the queryset would have built (model instances, select_related included, or
values_list rows) through the compiler's own converters.

The queryset stays the definition (`Article.objects.published()` and the rest): nothing here
writes SQL. A build whose SQL depends on its arguments' values, not only on where they go, is
refused when it is prepared, never run wrong.
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


def _kind(value):
    if isinstance(value, datetime):
        return datetime
    if isinstance(value, int) and not isinstance(value, bool):
        return int
    raise TypeError(f"Prepared arguments are ints or aware datetimes, not {type(value).__name__}.")


def _prep(value, connection):
    # What Django passes for a datetime lookup (a UTC string on SQLite); ints go as they are.
    return _DATETIME.get_db_prep_value(value, connection) if isinstance(value, datetime) else value


class _Compiled:
    """One prepared query on one database: its SQL, its parameters, and how its rows become results."""

    def __init__(self, queryset, sql, params, slots, compiler):
        self.sql = sql
        self.params = params  # constants, and stand-ins where `slots` put the arguments
        self.slots = slots  # [(parameter index, argument name)]
        self.iterable = queryset._iterable_class
        self.width = compiler.col_count if compiler.has_extra_select else None
        self.compiler = compiler
        self.converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        if self.iterable is ModelIterable:
            klass_info, select = compiler.klass_info, compiler.select
            fields = klass_info["select_fields"]
            self.model = klass_info["model"]
            self.model_columns = slice(fields[0], fields[-1] + 1)
            self.init_list = [column[0].target.attname for column in select[self.model_columns]]
            self.annotations = list(compiler.annotation_col_map.items())
            self.related = (klass_info, select)

    def run(self, alias, values):
        params = list(self.params)
        for index, name in self.slots:
            params[index] = values[name]
        with connections[alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.width is not None:
            rows = [row[: self.width] for row in rows]
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        if self.iterable is ModelIterable:
            return self._instances(alias, rows)
        if self.iterable is FlatValuesListIterable:
            return [row[0] for row in rows]
        return [tuple(row) for row in rows]

    def _instances(self, alias, rows):
        populators = get_related_populators(*self.related, alias) if self.related[0].get("related_klass_infos") else []
        objects = []
        for row in rows:
            obj = self.model.from_db(alias, self.init_list, row[self.model_columns])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in self.annotations:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects


class Prepared:
    """`build(**arguments)` -> a queryset, compiled once per database; calling this runs it with new values.

    Arguments are ints or aware datetimes, each where Django passes the value as a parameter
    (an exact, comparison or range lookup). The queryset gives model instances (select_related
    included) or values_list rows; it runs one query (no prefetch_related).
    """

    def __init__(self, build, using="default"):
        self.build = build
        self.using = using
        self._compiled = {}
        self._lock = threading.Lock()

    def __call__(self, **arguments):
        """The list the queryset built with these arguments would give."""
        shape = tuple(sorted((name, _kind(value)) for name, value in arguments.items()))
        compiled = self._compiled.get(shape)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(shape) or self._prepare(shape)
        if any(kind is int and not _INT_RANGE[0] <= arguments[name] <= _INT_RANGE[1] for name, kind in shape):
            return []  # no row holds such a number: Django's own lookup answers the same without asking
        connection = connections[self.using]
        values = {name: _prep(value, connection) for name, value in arguments.items()}
        return compiled.run(self.using, values)

    def first(self, **arguments):
        found = self(**arguments)
        return found[0] if found else None

    def _prepare(self, shape):
        connection = connections[self.using]
        attempts = []
        for attempt in (0, 1):
            stand_ins = {name: _STAND_INS[kind][attempt](number) for number, (name, kind) in enumerate(shape)}
            queryset = self.build(**stand_ins)
            if queryset._prefetch_related_lookups or queryset._iterable_class not in _ITERABLES:
                raise ImproperlyConfigured("A prepared queryset runs one query: no prefetch_related, no values().")
            compiler = queryset.query.get_compiler(using=self.using)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:
                raise ImproperlyConfigured("A prepared queryset must not be empty whatever its arguments.") from None
            prepped = [(name, _prep(value, connection)) for name, value in stand_ins.items()]
            slots = [(index, name) for index, param in enumerate(params) for name, v in prepped if param == v]
            missing = {name for name, _kind in shape} - {name for _index, name in slots}
            if missing:
                names = ", ".join(sorted(missing))
                raise ImproperlyConfigured(f"Prepared arguments not passed as parameters: {names}.")
            constants = [param for index, param in enumerate(params) if index not in dict(slots)]
            attempts.append((queryset, sql, tuple(params), slots, compiler, constants))
        first, second = attempts
        if (first[1], first[3], first[5]) != (second[1], second[3], second[5]):
            raise ImproperlyConfigured("A prepared queryset's SQL must not depend on its arguments' values.")
        compiled = self._compiled[shape] = _Compiled(*first[:5])
        return compiled
