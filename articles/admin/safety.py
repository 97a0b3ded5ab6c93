"""Bad query strings in the admin are a message, never a 500: list filters, date drill-down, add-form presets.

Django's admin trusts some parameters further than it should: a date-hierarchy year of
99999999999 overflows `datetime()`, a filter value too large for SQLite's integers fails
when the count runs, `?_to_field=` (empty) looks up a field named "", and an add-form
preset such as `?category=%00` or `?units=1,x` reaches the widgets' queries. Every
ModelAdmin of the newsroom mixes this in; Django's own user and group admins are
registered again with it (articles/admin/__init__.py).
"""

import re

from django import forms
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.translation import gettext

# A primary key as the URL may carry it: digits that fit a 64-bit integer.
_PK = re.compile(r"^[0-9]{1,18}$")


def _valid_preset(field, value):
    """Whether `value` (a string, or a list for many-to-many) is a value `field` accepts."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) and _PK.match(v) for v in values):
            return False
    elif isinstance(field, forms.ModelChoiceField) and not (isinstance(value, str) and _PK.match(value)):
        return False
    try:
        field.clean(value)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


class SafeAdminMixin:
    """Mixed into every ModelAdmin: odd GET parameters are dropped or refused with a message."""

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except (ValueError, OverflowError, DatabaseError) as exc:
            # Raised while the list counts its rows under the given filters: Django's own answer
            # to impossible filters is a redirect to the unfiltered list, flagged with ?e=1.
            raise IncorrectLookupParameters(exc) from exc

    def changelist_view(self, request, extra_context=None):
        if request.GET.get(ERROR_FLAG) == "1" and len(request.GET) == 1:
            messages.warning(request, gettext("Some of the list filters were not valid and were left out."))
        return super().changelist_view(request, extra_context)

    def get_object(self, request, object_id, from_field=None):
        # "?_to_field=" (empty) would look up a field named "".
        return super().get_object(request, object_id, from_field or None)

    def get_changeform_initial_data(self, request):
        """Presets from the add form's query string, keeping only values the form would accept."""
        initial = super().get_changeform_initial_data(request)
        fields = self.get_form(request).base_fields
        return {name: value for name, value in initial.items() if name in fields and _valid_preset(fields[name], value)}
