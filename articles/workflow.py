"""The editorial state machine: the only code that changes an article's status.

Each transition is a row in TRANSITIONS: where it may start, where it ends, and
who may take it (asked of articles.desk). `transition()` applies one atomically,
with the article row locked, and records who, when, from, to, why and the content
version in ArticleTransition.

The chain: a reporter submits; an editor approves, which publishes, or, in a section
that needs the leadership's sign-off, forwards it to a leader, who signs it off
(publishes or schedules it) or returns it to the reporter or to the editor. An edit
after the editor's approval sends it back to the editors (content_changed).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import cache, desk, notifications
from .models import Article, ArticleTransition, Assignment
from .text import VIETNAM_TZ

S = Article.Status


class TransitionError(Exception):
    """A refused transition; str(exc) is a Vietnamese message fit for the user."""


class ArticleChanged(TransitionError):
    """The article was saved again after the person read it: what they approved is not what is stored."""

    def __init__(self, message, *, seen_version, current_version):
        super().__init__(message)
        self.seen_version = seen_version
        self.current_version = current_version


# A publication time outside these bounds is a typo (year 0999, 20205), never a plan: refused.
EARLIEST_PUBLICATION = datetime(1990, 1, 1, tzinfo=VIETNAM_TZ)
PUBLICATION_HORIZON = timedelta(days=3653)  # ten years ahead


def check_publication_time(value, now=None):
    """Raise TransitionError unless `value` is a plausible publication time (1990 to ten years ahead)."""
    if value is None:
        return
    latest = (now or timezone.now()) + PUBLICATION_HORIZON
    if not (EARLIEST_PUBLICATION <= value <= latest):
        raise TransitionError(
            _("The publication time must be between 01/01/1990 and %(latest)s (Vietnam time).")
            % {"latest": latest.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y")}
        )


def _editor(user, article):
    return desk.is_editor_for(user, article)


def _writer_or_editor(user, article):
    return desk.is_editor_for(user, article) or (desk.is_reporter(user) and desk.is_owner(user, article))


def _publisher(user, article):
    # In a section that needs sign-off only the leadership publishes; an editor forwards instead.
    return desk.is_editor_for(user, article) and (not article.category.requires_signoff or desk.can_sign_off(user))


def _forwarder(user, article):
    return desk.is_editor_for(user, article) and article.category.requires_signoff


def _leader(user, article):
    return desk.is_editor_for(user, article) and desk.can_sign_off(user)


def _returner(user, article):
    # What awaits sign-off is the leadership's to send back; what awaits review, the editors'.
    return _leader(user, article) if article.status == S.SIGNOFF else _editor(user, article)


def _may_edit(user, article):
    return user is None or desk.can_edit(user, article)  # None: an import updating the text


def _system(user, article):
    # Only the import command (no user): it republishes articles published before the
    # paper moved to Newsroom. People publish through "approve", so no admin button shows this.
    return user is None


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    allowed: Callable
    # The note the person must write, as the form asks for it; empty: no note needed.
    note_prompt: str = ""
    # An approval of the text (it publishes it, or passes it to the next step): the person must
    # have read the version that is stored.
    approves: bool = False
    # Shown as a button; the others are taken by the system (an import, an edit after approval).
    offered: bool = True

    @property
    def schedules(self):
        """Publishes, so the person may choose the time."""
        return self.approves and self.target == S.PUBLISHED


UNSETTLED = frozenset({S.SUBMITTED, S.DRAFT, S.RETURNED, S.UNPUBLISHED})
TO_REPORTER = _("Note to the reporter: what to change")
TO_EDITOR = _("Note to the editor: why it comes back")

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", _("Submit for review"), frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, _writer_or_editor),
        Transition("approve", _("Approve and publish"), UNSETTLED, S.PUBLISHED, _publisher, approves=True),
        Transition("forward", _("Approve and send for sign-off"), UNSETTLED, S.SIGNOFF, _forwarder, approves=True),
        Transition("sign_off", _("Sign off and publish"), frozenset({S.SIGNOFF}), S.PUBLISHED, _leader,
                   approves=True),
        Transition("reschedule", _("Change publication time"), frozenset({S.PUBLISHED}), S.PUBLISHED, _publisher,
                   approves=True),
        Transition("return", _("Return to reporter"), frozenset({S.SUBMITTED, S.SIGNOFF}), S.RETURNED, _returner,
                   note_prompt=TO_REPORTER),
        Transition("return_to_editor", _("Return to the editor"), frozenset({S.SIGNOFF}), S.SUBMITTED, _leader,
                   note_prompt=TO_EDITOR),
        Transition("unpublish", _("Unpublish"), frozenset({S.PUBLISHED}), S.UNPUBLISHED, _editor),
        Transition("trash", _("Move to trash"), frozenset({S.DRAFT, S.RETURNED}), S.TRASHED, _writer_or_editor),
        Transition("trash_any", _("Move to trash"), frozenset({S.SUBMITTED, S.SIGNOFF, S.PUBLISHED, S.UNPUBLISHED}),
                   S.TRASHED, _editor),
        Transition("restore", _("Restore from trash"), frozenset({S.TRASHED}), S.DRAFT, _editor),
        Transition("reopen", _("Edited after approval: back to the editors"), frozenset({S.SIGNOFF}), S.SUBMITTED,
                   _may_edit, offered=False),
        Transition("import_publish", _("Publish imported article"), frozenset({S.DRAFT}), S.PUBLISHED, _system,
                   offered=False),
    ]
}  # fmt: skip
# The approval steps whose start an edit sends the article back to (see content_changed).
REOPENED_BY_EDIT = {S.SIGNOFF: "reopen"}


def available_transitions(user, article):
    """Transitions `user` may take on `article` now, for buttons and action menus."""
    return [t for t in TRANSITIONS.values() if t.offered and article.status in t.sources and t.allowed(user, article)]


def _check_publishable(article):
    # Photos uploaded from the editor carry their alt text in the body's <img alt>.
    missing = [p for p in article.photos.all() if p.has_file and not p.in_body and not p.alt]
    if missing:
        raise TransitionError(_("Every photo needs alt text or a caption before the article is published."))
    if not article.authors.exists():
        raise TransitionError(_("The article needs at least one author before it is published."))


def _check_seen_version(spec, locked, user, seen_version):
    """A person approves only the version they read: `seen_version` must be the stored one."""
    if not spec.approves or user is None:
        return  # the import command republishes what the old site had already published
    if seen_version is None:
        raise TransitionError(_("Open the article and read it before you “%(action)s” it.") % {"action": spec.label})
    if seen_version != locked.version:
        raise ArticleChanged(
            _(
                "The article was changed after you opened it (you read version %(seen)s, the stored one is version "
                "%(current)s). Nothing was approved: read the changes, then decide again."
            )
            % {"seen": seen_version, "current": locked.version},
            seen_version=seen_version,
            current_version=locked.version,
        )


@transaction.atomic
def transition(article, name, *, user, note="", publish_at=None, seen_version=None):
    """Apply transition `name` to `article` as `user`; returns the history row.

    Raises TransitionError with a Vietnamese message when the transition does not
    exist, does not start from the article's current status, or is not the
    user's to take. The article row is locked so two moderators cannot apply
    conflicting transitions at once. A transition that approves the text needs
    `seen_version`, the version the person read: if the article was saved since,
    ArticleChanged is raised and nothing changes.
    """
    if name == "trash" and article.status in TRANSITIONS["trash_any"].sources:
        name = "trash_any"
    spec = TRANSITIONS.get(name)
    if spec is None:
        raise TransitionError(_("Unknown action."))
    # The section (and its parent) decide who may approve: read with the locked row.
    locked = Article.objects.select_for_update(of=("self",)).select_related("category__parent").get(pk=article.pk)
    if locked.status not in spec.sources:
        raise TransitionError(
            _("Cannot “%(action)s” an article that is “%(status)s”.")
            % {"action": spec.label, "status": locked.display_status()}
        )
    if not spec.allowed(user, locked):
        raise TransitionError(_("You are not allowed to “%(action)s” this article.") % {"action": spec.label})
    note = (note or "").strip()
    if spec.note_prompt and not note:
        raise TransitionError(_("Write the note first (%(prompt)s).") % {"prompt": spec.note_prompt})
    _check_seen_version(spec, locked, user, seen_version)
    check_publication_time(publish_at)

    now = timezone.now()
    fields = {"status": spec.target}
    if spec.target == S.PUBLISHED:
        _check_publishable(locked)
        fields["published_at"] = publish_at or now
    if name == "submit":
        fields["submitted_at"] = now  # the review queue is worked oldest first; a step back keeps its place
    # The note shown on the change form is the one that sent the article back; any other step clears it.
    fields["review_note"] = note if spec.note_prompt else ""
    Article.objects.filter(pk=locked.pk).update(**fields, updated_at=now)
    for key, value in fields.items():
        setattr(article, key, value)
    # Public pages may be cached: drop them once this change is committed.
    transaction.on_commit(cache.bump)
    entry = ArticleTransition.objects.create(
        article=locked,
        action=name,
        from_status=locked.status,
        to_status=spec.target,
        actor=user,
        note=note,
        publish_at=fields.get("published_at"),
        version=locked.version,
        created_at=now,
    )
    if name != "import_publish":  # imported articles were never assigned: no query for them
        Assignment.objects.follow_article(entry)  # filed / published follow the article, in this transaction
    # Who is told, in the admin and by email: once the step is committed, never inside it.
    transaction.on_commit(lambda: notifications.transition_made(entry))
    return entry


def describe(entry):
    """A history row in words, for the admin's "Recent actions" (Django's LogEntry change message)."""
    from_status, to_status = S(entry.from_status).label, S(entry.to_status).label
    spec = TRANSITIONS.get(entry.action)
    text = _("%(action)s: %(from)s → %(to)s.") % {
        "action": spec.label if spec else entry.action,
        "from": from_status,
        "to": to_status,
    }
    if entry.publish_at and entry.to_status == S.PUBLISHED and entry.publish_at > entry.created_at:
        text += " " + _("Scheduled for %(time)s.") % {
            "time": entry.publish_at.astimezone(VIETNAM_TZ).strftime("%H:%M %d/%m/%Y")
        }
    if entry.note:
        text += " " + _("Note: %(note)s") % {"note": entry.note}
    return text


def content_changed(article, *, user):
    """Call after `article`'s content was saved by `user`: an approval step's work is undone by an edit.

    An article awaiting the leadership's sign-off that anyone edits goes back to the editors,
    so a leader never signs off text that changed after the editor approved it; returns the
    history row, or None when the status is not one an edit reopens.
    """
    name = REOPENED_BY_EDIT.get(article.status)
    if name is None:
        return None
    return transition(article, name, user=user, note=str(_("The text changed after the editor's approval.")))
