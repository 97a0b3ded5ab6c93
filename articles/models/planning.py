"""The desk's plan: events to cover (kế hoạch đề tài) and assignments (phân công), with their small state machine.

An assignment moves assigned → accepted → filed (its article exists) → published; each
step is a method here, atomic on the locked row, recorded in AssignmentChange. Filed and
published follow the article: the editorial state machine (articles/workflow.py) calls
Assignment.objects.follow_article() with every history row it writes, so the assignment
never keeps a second copy of the article's states. Late is not a state: an open
assignment whose due time has passed (AssignmentQuerySet.late()).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..text import to_vietnam
from .article import Article
from .base import STORABLE_TIMES
from .public_data import Unit

# The reminder before the due time (manage.py notify_due_assignments).
DUE_SOON = timedelta(hours=2)


class AssignmentError(Exception):
    """A refused assignment step; str(exc) is a Vietnamese message fit for the user."""


def may_plan(user):
    """Editors and the leadership (and superusers) create, reassign and delete assignments."""
    return bool(user and user.is_active and user.has_perm("articles.change_assignment"))


class EventQuerySet(models.QuerySet):
    def between(self, start, end):
        """Events that take place (at least partly) in [start, end)."""
        return self.filter(starts_at__lt=end, ends_at__gte=start)

    def for_calendar(self):
        return self.select_related("host_unit").order_by("starts_at", "pk")


class Event(models.Model):
    """Something the paper covers: a conference, a ceremony, a campaign's launch, at a time and a place."""

    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    host_unit = models.ForeignKey(
        Unit,
        verbose_name=_("host unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_events",
    )
    units = models.ManyToManyField(Unit, verbose_name=_("participating units"), blank=True, related_name="events")
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(starts_at__gte=STORABLE_TIMES[0], ends_at__lt=STORABLE_TIMES[1]),
                name="event_times_storable",
            ),
        ]

    def __str__(self):
        return self.title

    def all_units(self):
        """The host first, then the participating units by name (what an article about it names)."""
        units = sorted(self.units.all(), key=lambda unit: unit.name)
        if self.host_unit_id:
            units = [self.host_unit, *(unit for unit in units if unit.pk != self.host_unit_id)]
        return units


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        """Not filed yet: what a reporter still owes."""
        return self.filter(status__in=Assignment.OPEN)

    def late(self, now=None):
        """Open assignments whose due time has passed."""
        return self.open().filter(due_at__lt=now or timezone.now())

    def due_soon(self, now=None, within=DUE_SOON):
        """Open assignments due within `within` from now (not yet late)."""
        now = now or timezone.now()
        return self.open().filter(due_at__gte=now, due_at__lte=now + within)

    def of_user(self, user):
        """Assignments `user` works on: as one of the reporters or as the photographer."""
        mine = Assignment.reporters.through.objects.filter(user_id=user.pk).values("assignment_id")
        return self.filter(Q(pk__in=mine) | Q(photographer_id=user.pk))

    def visible_to(self, user):
        """Editors see every assignment; anyone else only their own."""
        return self if may_plan(user) or user.is_superuser else self.of_user(user)

    def between(self, start, end):
        return self.filter(due_at__gte=start, due_at__lt=end)

    @staticmethod
    def next_first_ordering():
        """Open assignments first, the soonest due first; then the done ones (the admin list uses it too)."""
        done = Case(When(status__in=Assignment.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField())
        return [done.asc(), "due_at", "pk"]

    def next_first(self):
        return self.order_by(*self.next_first_ordering())

    def for_listing(self):
        """What a list or the calendar shows: the event, the people (two queries for any number of rows)."""
        return self.select_related("event", "photographer", "article").prefetch_related("reporters")

    def follow_article(self, entry):
        """The editorial state machine recorded `entry` (an ArticleTransition): move the article's assignment.

        Published when the article is published; back to filed when it is unpublished or
        restored; accepted again when it goes to the trash (no article is filed then).
        Called inside the transition's transaction, so both commit or neither.
        """
        target = {
            Article.Status.PUBLISHED: Assignment.Status.PUBLISHED,
            Article.Status.TRASHED: Assignment.Status.ACCEPTED,
        }.get(entry.to_status, Assignment.Status.FILED)
        assignment = self.select_for_update().filter(article_id=entry.article_id).first()
        if assignment is None or assignment.status == target:
            return None
        return assignment._move(target, action=f"article_{entry.action}", actor=entry.actor)


class Assignment(models.Model):
    """Who covers what, by when: an event or a free topic, the reporter(s), a photographer, a due time."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        ACCEPTED = "accepted", _("Accepted")
        FILED = "filed", _("Filed")
        PUBLISHED = "published", pgettext_lazy("assignment", "Published")

    OPEN = (Status.ASSIGNED, Status.ACCEPTED)

    event = models.ForeignKey(
        Event, verbose_name=_("event"), null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    topic = models.CharField(
        _("subject"), max_length=300, blank=True, help_text=_("What to write about, when it is not an event's report.")
    )
    reporters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("reporters"), related_name="newsroom_assignments"
    )
    photographer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("photographer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="newsroom_photo_assignments",
    )
    due_at = models.DateTimeField(_("due at"), db_index=True)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ASSIGNED, editable=False
    )
    article = models.OneToOneField(
        Article,
        verbose_name=_("article"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="assignment",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # When the reminders went out (manage.py notify_due_assignments): each is sent once per due time.
    due_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    late_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["status", "due_at"], name="assignment_status_due")]
        constraints = [
            models.CheckConstraint(condition=Q(event__isnull=False) | ~Q(topic=""), name="assignment_has_subject"),
            models.CheckConstraint(
                condition=Q(due_at__gte=STORABLE_TIMES[0], due_at__lt=STORABLE_TIMES[1]),
                name="assignment_due_storable",
            ),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("admin:articles_assignment_change", args=[self.pk])

    @property
    def subject(self):
        """The topic if there is one, else the event's title."""
        return self.topic or (self.event.title if self.event_id else "")

    @property
    def is_open(self):
        return self.status in self.OPEN

    def is_late(self, now=None):
        return self.is_open and self.due_at < (now or timezone.now())

    def display_status(self, now=None):
        """The status as the desk says it: an open assignment past its due time is "late"."""
        if self.is_late(now):
            return _("Late")
        return self.get_status_display()

    def works_on(self, user):
        """Whether `user` is one of the reporters or the photographer (reads the prefetched reporters)."""
        return user.pk == self.photographer_id or any(r.pk == user.pk for r in self.reporters.all())

    def article_initial(self):
        """What the article add form starts with: the subject as title, and the event's date, place and units."""
        initial = {"title": self.subject}
        if self.event_id:
            initial.update(
                event_date=to_vietnam(self.event.starts_at).date(),
                event_place=self.event.place,
                units=[str(unit.pk) for unit in self.event.all_units()],
            )
        return initial

    def people(self):
        """The reporters, then the photographer: who is told about the assignment."""
        people = list(self.reporters.all())
        if self.photographer_id and all(p.pk != self.photographer_id for p in people):
            people.append(self.photographer)
        return people

    # --- steps -------------------------------------------------------------------

    def _move(self, target, *, action, actor, note="", **fields):
        """Record the move of this (locked) assignment to `target`; the caller holds the row lock."""
        change = AssignmentChange.objects.create(
            assignment=self, action=action, from_status=self.status, to_status=target, actor=actor, note=note
        )
        Assignment.objects.filter(pk=self.pk).update(status=target, **fields)
        self.status = target
        for key, value in fields.items():
            setattr(self, key, value)
        return change

    def _locked(self):
        return Assignment.objects.select_for_update().get(pk=self.pk)

    @transaction.atomic
    def accept(self, *, user):
        """One of the assignment's own people says they take it on."""
        locked = self._locked()
        if not locked.works_on(user):
            raise AssignmentError(_("Only the reporters and the photographer of an assignment accept it."))
        if locked.status != self.Status.ASSIGNED:
            raise AssignmentError(
                _("This assignment is already “%(status)s”.") % {"status": locked.get_status_display()}
            )
        change = locked._move(self.Status.ACCEPTED, action="accept", actor=user)
        self.status = locked.status
        return change

    @transaction.atomic
    def file_article(self, article, *, user):
        """`article` was started from this assignment: it is filed, and the article links back."""
        locked = self._locked()
        if not (locked.works_on(user) or may_plan(user)):
            raise AssignmentError(_("This assignment is not yours."))
        if not locked.is_open or locked.article_id is not None:
            raise AssignmentError(_("An article was already started from this assignment."))
        change = locked._move(self.Status.FILED, action="file", actor=user, article=article)
        self.status, self.article = locked.status, article
        return change

    @transaction.atomic
    def reassigned(self, *, user, newcomers, due_changed):
        """Called after an editor changed the people or the due time.

        Someone new must accept it themselves, so an accepted assignment goes back to assigned;
        a new due time gets its own reminders.
        """
        locked = self._locked()
        fields = {"due_notified_at": None, "late_notified_at": None} if due_changed else {}
        if newcomers and locked.status == self.Status.ACCEPTED:
            return locked._move(self.Status.ASSIGNED, action="reassign", actor=user, **fields)
        if fields:
            Assignment.objects.filter(pk=self.pk).update(**fields)
        return AssignmentChange.objects.create(
            assignment=locked, action="reassign", from_status=locked.status, to_status=locked.status, actor=user
        )


class AssignmentChange(models.Model):
    """One row per step of an assignment: who moved it, from where, to where."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from"), max_length=20, choices=Assignment.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Assignment.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("assignment history entry")
        verbose_name_plural = _("assignment history")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.assignment_id}: {self.from_status} → {self.to_status}"
