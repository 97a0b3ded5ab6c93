"""The newsroom's admin site: Django's, with the paper's name and every built-in route checked like the change form.

Kept outside the articles.admin package: building the site must not import (and register) the ModelAdmins.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseRedirect
from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class NewsroomAdminSite(admin.AdminSite):
    # The paper's own name on every admin page instead of Django's.
    site_header = format_lazy("{} · {}", settings.NEWSROOM_SITE_NAME, _("Newsroom"))
    site_title = settings.NEWSROOM_SITE_NAME
    index_title = _("Newsroom")

    def get_urls(self):
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        shortcut = path(
            "r/<path:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site), name="view_on_site"
        )
        return [shortcut, *urls]

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
