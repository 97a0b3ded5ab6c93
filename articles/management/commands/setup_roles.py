"""`manage.py setup_roles`: create or re-sync the reporter and moderator groups."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles import roles


class Command(BaseCommand):
    help = "Create the reporter (Phóng viên) and moderator (Biên tập viên) groups, or reset their permissions."

    def handle(self, *args, **options):
        # Permissions are normally made after migrate; make sure they exist on any database.
        create_permissions(apps.get_app_config("articles"), verbosity=0)
        roles.sync_roles(Group, Permission)
        for name, codenames in roles.ROLE_PERMISSIONS.items():
            group = Group.objects.get(name=name)
            message = _("%(group)s: %(count)d of %(total)d permissions")
            self.stdout.write(message % {"group": name, "count": group.permissions.count(), "total": len(codenames)})
