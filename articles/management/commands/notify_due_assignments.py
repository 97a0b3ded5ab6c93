"""`manage.py notify_due_assignments`: remind of assignments due within two hours, and tell of late ones.

Run it from cron every few minutes (README: "Events and assignments"). Safe to run as often
as you like, and from two hosts at once: each reminder is sent once per due time.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles import notifications


class Command(BaseCommand):
    help = "Notify reporters of assignments due within two hours, and reporters and editors of late ones."

    def handle(self, *args, **options):
        due_soon, late = notifications.assignment_reminders()
        self.stdout.write(
            _("Assignments due soon: %(due)d reminded; late: %(late)d reported.") % {"due": due_soon, "late": late}
        )
