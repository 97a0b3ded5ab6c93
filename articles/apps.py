from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    default = True  # this module also holds the admin's config below
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the newsroom's site (articles.admin.site), so its built-in routes are checked too."""

    default = False
    default_site = "articles.admin_site.NewsroomAdminSite"

    def ready(self):
        super().ready()
        from django.contrib.admin.templatetags import admin_list

        from .admin_site import boolean_icon

        # Django's lists and read-only fields all fetch the yes/no icon from here when they draw one.
        admin_list._boolean_icon = boolean_icon
