"""Who is told what about an article: a notification in the admin, and an email, for each desk step and comment.

Two entry points for articles, each called once its transaction has committed
(transaction.on_commit): `transition_made(entry)` from articles.workflow.transition(), and
`comment_posted(comment_id)` from the comment view. Two for the plan: `assignment_assigned()`
(the assignment admin, after the commit) and `assignment_reminders()` (manage.py
notify_due_assignments, from cron). Each works out the recipients, stores one
Notification per recipient, then gives the mail to articles.mail, which sends it off the
request thread. Nothing here can break the save that caused it: it has already committed,
and every failure is caught and logged.

The actor is never told about their own act; only active staff who may open the article
are told (desk.can_view), so an editor limited to some sections hears about those only.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import desk, mail
from .models import ArticleComment, ArticleTransition, Assignment, Notification, StaffProfile
from .text import to_vietnam

logger = logging.getLogger(__name__)
K = Notification.Kind

# Who hears about each step. Steps not listed (trash, restore, reschedule, import) tell nobody.
AUDIENCES = {
    "editors": lambda article: desk.editors_for(article.category),
    "leaders": lambda article: desk.chiefs_for(article.category),
    "authors": desk.authors_of,
}
ROUTES = {
    "submit": (K.SUBMITTED, "editors"),
    "forward": (K.FORWARDED, "leaders"),
    "return": (K.RETURNED, "authors"),
    "return_to_editor": (K.RETURNED_TO_EDITOR, "editors"),
    "reopen": (K.REOPENED, "editors"),
    "approve": (K.PUBLISHED, "authors"),  # K.SCHEDULED when the time is ahead
    "sign_off": (K.PUBLISHED, "authors"),
    "unpublish": (K.UNPUBLISHED, "authors"),
}
MESSAGES = {
    K.SUBMITTED: _("%(actor)s submitted “%(title)s” for review"),
    K.FORWARDED: _("%(actor)s approved “%(title)s” and sent it for the leadership's sign-off"),
    K.RETURNED: _("%(actor)s returned “%(title)s” to you"),
    K.RETURNED_TO_EDITOR: _("%(actor)s returned “%(title)s” to the editors"),
    K.REOPENED: _("“%(title)s” was edited by %(actor)s after the editor's approval and is back with the editors"),
    K.PUBLISHED: _("“%(title)s” is published (approved by %(actor)s)"),
    K.SCHEDULED: _("“%(title)s” is scheduled for %(time)s (approved by %(actor)s)"),
    K.UNPUBLISHED: _("%(actor)s unpublished “%(title)s”"),
    K.COMMENT: _("%(actor)s commented on “%(title)s”"),
    K.ASSIGNED: _("%(actor)s assigned you “%(title)s”, due %(time)s"),
    K.DUE_SOON: _("“%(title)s” is due at %(time)s"),
    K.LATE: _("“%(title)s” is late: it was due at %(time)s and no article is filed"),
}
# The in-app list shows the start of a long comment; the email carries all of it.
DETAIL_CHARS = 300


def display_name(user):
    """How the desk names a colleague: full name, else username."""
    if user is None:
        return gettext("the import")  # the only steps taken without a person: import_articles
    return user.get_full_name() or user.get_username()


def transition_made(entry):
    """Tell the people concerned about history row `entry` (called once it is committed)."""
    route = ROUTES.get(entry.action)
    if route is None:
        return  # nothing to read again: an import publishing thousands of articles costs no query here
    try:
        entry = ArticleTransition.objects.select_related("article__category__parent", "actor").get(pk=entry.pk)
        kind, audience = route
        article = entry.article
        values = {"actor": display_name(entry.actor), "title": article.title}
        if kind == K.PUBLISHED and entry.publish_at and entry.publish_at > timezone.now():
            kind = K.SCHEDULED
            values["time"] = to_vietnam(entry.publish_at).strftime("%H:%M %d/%m/%Y")
        recipients = eligible(AUDIENCES[audience](article), article, actor=entry.actor)
        _tell(recipients, kind, entry.actor, MESSAGES[kind] % values, entry.note, gettext("Note"), article=article)
    except Exception:
        logger.exception("Notifications for history entry %s failed", entry.pk)


def comment_posted(comment_id):
    """Tell everyone else on the thread about comment `comment_id` (called once it is committed)."""
    try:
        comment = ArticleComment.objects.select_related("article__category__parent", "author").get(pk=comment_id)
        article = comment.article
        message = MESSAGES[K.COMMENT] % {"actor": display_name(comment.author), "title": article.title}
        recipients = eligible(on_thread(article), article, actor=comment.author)
        _tell(recipients, K.COMMENT, comment.author, message, comment.body, gettext("Comment"), article=article)
    except Exception:
        logger.exception("Notifications for comment %s failed", comment_id)


def on_thread(article):
    """The people on `article`'s thread: its authors, those who commented, those who took a step on it."""
    ids = set(desk.authors_of(article).values_list("pk", flat=True))
    ids |= set(article.comments.values_list("author_id", flat=True))
    ids |= set(article.transitions.exclude(actor=None).values_list("actor_id", flat=True))
    return get_user_model().objects.filter(pk__in=ids)


def eligible(users, article, *, actor):
    """Of the `users` queryset, who may be told about `article`: active staff who may open it, never the actor."""
    users = users.filter(is_active=True, is_staff=True).order_by("pk")
    if actor is not None:
        users = users.exclude(pk=actor.pk)
    return [user for user in users.distinct() if desk.can_view(user, article)]


def _tell(recipients, kind, actor, message, detail, detail_label, *, article=None, assignment=None):
    """Store one notification per recipient about `article` or `assignment`, then mail them."""
    if not recipients:
        return
    message = Truncator(message).chars(Notification._meta.get_field("message").max_length)
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            article=article,
            assignment=assignment,
            kind=kind,
            actor=actor,
            message=message,
            detail=Truncator(detail).chars(DETAIL_CHARS),
            created_at=now,
        )
        for user in recipients
    )
    addresses = email_addresses(recipients)
    if addresses:
        if article is not None:
            url, what = reverse("admin:articles_article_change", args=[article.pk]) + "#discussion", "article"
        else:
            url, what = reverse("admin:articles_assignment_change", args=[assignment.pk]), "assignment"
        subject, body = email_text(url, message, detail, detail_label)
        mail.send(subject, body, addresses, what=f"{what} {(article or assignment).pk}, {kind}")


def email_addresses(users):
    """The addresses of those of `users` who have one and have not turned email off in their profile."""
    muted = set(
        StaffProfile.objects.filter(user__in=[u.pk for u in users], email_notifications=False).values_list(
            "user_id", flat=True
        )
    )
    return [user.email for user in users if user.email and user.pk not in muted]


def email_text(path, message, detail, detail_label):
    """(subject, plain-text body) of a mail: what happened, the note, a link to the admin page at `path`."""
    site = settings.NEWSROOM_SITE_URL.rstrip("/")
    context = {
        "message": message,
        "detail": detail,
        "detail_label": detail_label,
        "url": site + path,
        "profile_url": site + reverse("admin:newsroom_profile"),
        "site_name": settings.NEWSROOM_SITE_NAME,
    }
    subject = " ".join(f"[{settings.NEWSROOM_SITE_NAME}] {message}".split())  # never a line break in a header
    return subject, render_to_string("articles/email/notification.txt", context)


# --- the plan: assignments ------------------------------------------------------------------


def _due(assignment):
    return to_vietnam(assignment.due_at).strftime("%H:%M %d/%m/%Y")


def assignment_assigned(assignment_id, user_ids, actor):
    """Tell the people `user_ids` that `actor` gave them assignment `assignment_id` (called after the commit)."""
    try:
        assignment = Assignment.objects.select_related("event").get(pk=assignment_id)
        users = get_user_model().objects.filter(pk__in=user_ids, is_active=True, is_staff=True).order_by("pk")
        recipients = [user for user in users if actor is None or user.pk != actor.pk]
        values = {"actor": display_name(actor), "title": assignment.subject, "time": _due(assignment)}
        _tell(recipients, K.ASSIGNED, actor, MESSAGES[K.ASSIGNED] % values, assignment.notes, gettext("Notes"),
              assignment=assignment)  # fmt: skip
    except Exception:
        logger.exception("Notifications for assignment %s failed", assignment_id)


def assignment_reminders(now=None):
    """Remind of open assignments due within two hours, and tell of late ones; returns (due soon, late).

    Each reminder goes once per due time: the assignment is marked in the same UPDATE that
    claims it (so two overlapping cron runs never both send it), and a new due time clears
    the marks (Assignment.reassigned). The late notice goes to the people and to the editor
    who assigned it.
    """
    now = now or timezone.now()
    counts = []
    for kind, pending, mark in (
        (K.DUE_SOON, Assignment.objects.due_soon(now), "due_notified_at"),
        (K.LATE, Assignment.objects.late(now), "late_notified_at"),
    ):
        sent = 0
        for assignment in pending.filter(**{mark: None}).for_listing().select_related("created_by"):
            if not Assignment.objects.filter(pk=assignment.pk, **{mark: None}).update(**{mark: now}):
                continue  # another run took it
            recipients = assignment.people()
            if kind == K.LATE and assignment.created_by_id and assignment.created_by not in recipients:
                recipients.append(assignment.created_by)
            recipients = [user for user in recipients if user.is_active and user.is_staff]
            message = MESSAGES[kind] % {"title": assignment.subject, "time": _due(assignment)}
            _tell(recipients, kind, None, message, assignment.notes, gettext("Notes"), assignment=assignment)
            sent += 1
        counts.append(sent)
    return tuple(counts)
