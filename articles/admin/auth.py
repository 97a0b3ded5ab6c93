"""Django's user and group admins, registered again with the newsroom's safety mixin (bad query strings)."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from .safety import SafeAdminMixin

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class NewsroomUserAdmin(SafeAdminMixin, UserAdmin):
    pass


@admin.register(Group)
class NewsroomGroupAdmin(SafeAdminMixin, GroupAdmin):
    pass
