"""The desk's talk about an article: its internal discussion thread and each person's notifications.

Neither is ever public: no public view, feed, sitemap, search index or export reads them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .article import Article

# A long message, never an essay: the thread stays readable beside the form.
COMMENT_MAX_LENGTH = 4000


class ArticleComment(models.Model):
    """A comment in an article's discussion thread, for the people working on it (plain text)."""

    MAX_LENGTH = COMMENT_MAX_LENGTH

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("discussion")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(GreaterThan(Length("body"), 0), LessThanOrEqual(Length("body"), COMMENT_MAX_LENGTH)),
                name="comment_body_length",
            ),
        ]

    def __str__(self):
        return f"{self.article_id}: {self.author_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """`user`'s own notifications: every inbox route starts here, so nobody reads another's."""
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at=None)

    def mark_read(self, now=None):
        """Mark these read (the ones already read keep their time); returns how many changed."""
        return self.unread().update(read_at=now or timezone.now())


class Notification(models.Model):
    """One thing one person is told about an article (a step of the desk, a comment) or an assignment.

    `message` and `detail` are snapshots in Vietnamese, as they were said at the time (a later
    change of title does not rewrite what was said); the link goes to the article as it is now.
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        FORWARDED = "forwarded", _("Sent for sign-off")
        RETURNED = "returned", _("Returned to the reporter")
        RETURNED_TO_EDITOR = "returned_to_editor", _("Returned to the editors")
        REOPENED = "reopened", _("Back with the editors after an edit")
        PUBLISHED = "published", _("Published")
        SCHEDULED = "scheduled", _("Scheduled")
        UNPUBLISHED = "unpublished", _("Unpublished")
        COMMENT = "comment", _("Comment")
        ASSIGNED = "assigned", _("Assigned")
        DUE_SOON = "due_soon", _("Due soon")
        LATE = "late", _("Late")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="newsroom_notifications",
    )
    # About an article, or about an assignment (articles/models/planning.py): one of the two.
    article = models.ForeignKey(
        Article, verbose_name=_("article"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    assignment = models.ForeignKey(
        "Assignment", verbose_name=_("assignment"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.CharField(_("message"), max_length=500)
    # The note that came with the step, or the comment (shortened): what the person reads next.
    detail = models.TextField(_("detail"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The inbox, newest first; and the bell's count, on every admin page.
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(fields=["recipient"], condition=Q(read_at=None), name="notification_unread"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=False) | Q(assignment__isnull=False), name="notification_has_subject"
            ),
        ]

    def __str__(self):
        return f"{self.recipient_id}: {self.message}"

    @property
    def is_read(self):
        return self.read_at is not None
