"""`manage.py assign_role USERNAME reporter|moderator`: give a user a newsroom role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from articles import roles


class Command(BaseCommand):
    help = "Give USERNAME the reporter or moderator role (and admin access); --remove takes it away."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=sorted(roles.ROLE_NAMES))
        parser.add_argument("--remove", action="store_true", help="Remove the role instead of adding it.")

    @transaction.atomic
    def handle(self, *args, username, role, remove, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(_("No user named “%(username)s”.") % {"username": username}) from None
        try:
            group = Group.objects.get(name=roles.ROLE_NAMES[role])
        except Group.DoesNotExist:
            raise CommandError(_("The role groups are missing: run `manage.py setup_roles` first.")) from None
        if remove:
            user.groups.remove(group)
            self.stdout.write(_("%(username)s: removed from %(group)s") % {"username": username, "group": group.name})
            return
        user.groups.add(group)
        if not user.is_staff:
            user.is_staff = True  # roles are exercised in the admin
            user.save(update_fields=["is_staff"])
        self.stdout.write(_("%(username)s: now in %(group)s") % {"username": username, "group": group.name})
