"""The newsroom's admin site: Django's, with every built-in route checked and no query string able to cause a 500.

* `/admin/r/<type>/<id>/` (view on site) checks the change form's permission and names
  only addresses readers may see.
* `/admin/notifications/` and `/admin/profile/` (articles/admin/inbox.py): each staff
  member's own notifications, behind the bell in every page's header, and profile.
* Every registered ModelAdmin (ours, Django's user and group admins, django-axes') is given
  SafeAdminMixin: Django's admin trusts some parameters further than it should (a
  date-hierarchy year of 99999999999 overflows `datetime()`, a filter value too large for
  SQLite's integers fails when the count runs, `?_to_field=` looks up a field named "", an
  add-form preset such as `?category=%00` or `?units=1,x` reaches the widgets' queries).

Kept outside the articles.admin package: building the site must not import (and register)
the ModelAdmins.
"""

import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def boolean_icon(value):
    """Django's yes/no/unknown icon, whose alt text Django writes as "True", "False" or "None" in every language."""
    name, label = {True: ("yes", _("Yes")), False: ("no", _("No")), None: ("unknown", _("Unknown"))}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), label)


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


class NewsroomAdminSite(admin.AdminSite):
    # The paper's own name on every admin page instead of Django's.
    site_header = format_lazy("{} · {}", settings.NEWSROOM_SITE_NAME, _("Newsroom"))
    site_title = settings.NEWSROOM_SITE_NAME
    index_title = _("Newsroom")

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every ModelAdmin, ours, Django's and third parties', gets SafeAdminMixin."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SafeAdminMixin):
            admin_class = type(
                admin_class.__name__, (SafeAdminMixin, admin_class), {"__module__": admin_class.__module__}
            )
        super().register(model_or_iterable, admin_class, **options)

    def get_urls(self):
        # Imported here: the ModelAdmins are registered by then (see the module's docstring).
        from .admin.inbox import inbox_urls

        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        shortcut = path(
            "r/<path:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site), name="view_on_site"
        )
        # Each person's notifications and profile, ahead of Django's catch-all routes.
        return [shortcut, *inbox_urls(self), *urls]

    def view_on_site(self, request, content_type_id, object_id):
        """/admin/r/<type>/<id>/: Django's shortcut redirects to any object's address for any staff user,

        which named other people's unpublished articles (section, date, title slug). Here the
        object must be one this user may open in the admin, and the address must be one its
        ModelAdmin shows (an article's only while readers may see it); anything else is a 404,
        the same answer whether the object exists or not.
        """
        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ValueError, OverflowError, ContentType.DoesNotExist):
            raise Http404(gettext("No such page.")) from None
        model_admin = self._registry.get(model)
        obj = model_admin.get_object(request, object_id) if model_admin is not None else None
        if obj is None or not model_admin.has_view_permission(request, obj):
            raise Http404(gettext("No such page."))
        if callable(model_admin.view_on_site):
            url = model_admin.view_on_site(obj)
        elif model_admin.view_on_site and hasattr(obj, "get_absolute_url"):
            url = obj.get_absolute_url()
        else:
            url = None
        if not url:
            raise Http404(gettext("No such page."))
        return HttpResponseRedirect(url)
