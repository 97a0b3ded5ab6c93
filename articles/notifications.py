"""Who is told what about an article: a notification in the admin, and an email, for each desk step and comment.

Two entry points, each called once its transaction has committed (transaction.on_commit):
`transition_made(entry)` from articles.workflow.transition(), and `comment_posted(comment_id)`
from the comment view. Each works out the recipients with articles.desk, stores one
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
from .models import ArticleComment, ArticleTransition, Notification, StaffProfile
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
        _tell(recipients, article, kind, entry.actor, MESSAGES[kind] % values, entry.note, gettext("Note"))
    except Exception:
        logger.exception("Notifications for history entry %s failed", entry.pk)


def comment_posted(comment_id):
    """Tell everyone else on the thread about comment `comment_id` (called once it is committed)."""
    try:
        comment = ArticleComment.objects.select_related("article__category__parent", "author").get(pk=comment_id)
        article = comment.article
        message = MESSAGES[K.COMMENT] % {"actor": display_name(comment.author), "title": article.title}
        recipients = eligible(on_thread(article), article, actor=comment.author)
        _tell(recipients, article, K.COMMENT, comment.author, message, comment.body, gettext("Comment"))
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


def _tell(recipients, article, kind, actor, message, detail, detail_label):
    if not recipients:
        return
    message = Truncator(message).chars(Notification._meta.get_field("message").max_length)
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            article=article,
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
        subject, body = email_text(article, message, detail, detail_label)
        mail.send(subject, body, addresses, what=f"article {article.pk}, {kind}")


def email_addresses(users):
    """The addresses of those of `users` who have one and have not turned email off in their profile."""
    muted = set(
        StaffProfile.objects.filter(user__in=[u.pk for u in users], email_notifications=False).values_list(
            "user_id", flat=True
        )
    )
    return [user.email for user in users if user.email and user.pk not in muted]


def email_text(article, message, detail, detail_label):
    """(subject, plain-text body) of the mail about `article`: what happened, the note, a link to the form."""
    site = settings.NEWSROOM_SITE_URL.rstrip("/")
    context = {
        "message": message,
        "detail": detail,
        "detail_label": detail_label,
        "url": site + reverse("admin:articles_article_change", args=[article.pk]) + "#discussion",
        "profile_url": site + reverse("admin:newsroom_profile"),
        "site_name": settings.NEWSROOM_SITE_NAME,
    }
    subject = " ".join(f"[{settings.NEWSROOM_SITE_NAME}] {message}".split())  # never a line break in a header
    return subject, render_to_string("articles/email/notification.txt", context)
