"""The editorial state machine: the only code that changes an article's status.

Each transition is a row in TRANSITIONS: where it may start, where it ends, and
who may take it. `transition()` applies one atomically, with the article row
locked, and records who, when, from, to and why in ArticleTransition.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import cache
from .models import Article, ArticleTransition
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


def is_moderator(user):
    return bool(user and user.is_active and (user.is_superuser or user.has_perm("articles.publish_article")))


def is_reporter(user):
    return bool(user and user.is_active and user.is_staff and user.has_perm("articles.add_article"))


def is_owner(user, article):
    """The reporter who created the article, or one of its bylined authors."""
    if not (user and user.is_authenticated):
        return False
    if article.created_by_id == user.pk:
        return True
    return article.article_authors.filter(author__user=user).exists()


def can_view(user, article):
    """Who may open an unpublished article (preview, history, revisions)."""
    return is_moderator(user) or (is_reporter(user) and is_owner(user, article))


def can_edit(user, article):
    """Who may change an article's content now.

    Reporters edit their own drafts and returned articles only: never one waiting
    for review, and never a published one, so readers only ever see text a
    moderator approved.
    """
    if is_moderator(user):
        return article.status != S.TRASHED
    return is_reporter(user) and is_owner(user, article) and article.status in (S.DRAFT, S.RETURNED)


def _moderator(user, article):
    return is_moderator(user)


def _owner_or_moderator(user, article):
    return is_moderator(user) or (is_reporter(user) and is_owner(user, article))


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
    note_required: bool = False
    # Makes the article's text public: the person must have read the version that is stored.
    publishes: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", _("Submit for review"), frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED,
                   _owner_or_moderator),
        Transition("approve", _("Approve and publish"), frozenset({S.SUBMITTED, S.DRAFT, S.RETURNED, S.UNPUBLISHED}),
                   S.PUBLISHED, _moderator, publishes=True),
        Transition("reschedule", _("Change publication time"), frozenset({S.PUBLISHED}), S.PUBLISHED, _moderator,
                   publishes=True),
        Transition("return", _("Return to reporter"), frozenset({S.SUBMITTED}), S.RETURNED, _moderator,
                   note_required=True),
        Transition("unpublish", _("Unpublish"), frozenset({S.PUBLISHED}), S.UNPUBLISHED, _moderator),
        Transition("trash", _("Move to trash"), frozenset({S.DRAFT, S.RETURNED}), S.TRASHED, _owner_or_moderator),
        Transition("trash_any", _("Move to trash"), frozenset({S.SUBMITTED, S.PUBLISHED, S.UNPUBLISHED}),
                   S.TRASHED, _moderator),
        Transition("restore", _("Restore from trash"), frozenset({S.TRASHED}), S.DRAFT, _moderator),
        Transition("import_publish", _("Publish imported article"), frozenset({S.DRAFT}), S.PUBLISHED, _system),
    ]
}  # fmt: skip


def available_transitions(user, article):
    """Transitions `user` may take on `article` now, for buttons and action menus."""
    return [t for t in TRANSITIONS.values() if article.status in t.sources and t.allowed(user, article)]


def _check_publishable(article):
    # Photos uploaded from the editor carry their alt text in the body's <img alt>.
    missing = [p for p in article.photos.all() if p.has_file and not p.in_body and not p.alt]
    if missing:
        raise TransitionError(_("Every photo needs alt text or a caption before the article is published."))
    if not article.authors.exists():
        raise TransitionError(_("The article needs at least one author before it is published."))


def _check_seen_version(spec, locked, user, seen_version):
    """A person publishes only the version they read: `seen_version` must be the stored one."""
    if not spec.publishes or user is None:
        return  # the import command republishes what the old site had already published
    if seen_version is None:
        raise TransitionError(_("Open the article and read it before you “%(action)s” it.") % {"action": spec.label})
    if seen_version != locked.version:
        raise ArticleChanged(
            _(
                "The article was changed after you opened it (you read version %(seen)s, the stored one is version "
                "%(current)s). Nothing was published: read the changes, then decide again."
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
    conflicting transitions at once. A transition that publishes needs
    `seen_version`, the version the person read: if the article was saved since,
    ArticleChanged is raised and nothing changes.
    """
    if name == "trash" and article.status in TRANSITIONS["trash_any"].sources:
        name = "trash_any"
    spec = TRANSITIONS.get(name)
    if spec is None:
        raise TransitionError(_("Unknown action."))
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if locked.status not in spec.sources:
        raise TransitionError(
            _("Cannot “%(action)s” an article that is “%(status)s”.")
            % {"action": spec.label, "status": locked.display_status()}
        )
    if not spec.allowed(user, locked):
        raise TransitionError(_("You are not allowed to “%(action)s” this article.") % {"action": spec.label})
    note = (note or "").strip()
    if spec.note_required and not note:
        raise TransitionError(_("Write a note telling the reporter what to change."))
    _check_seen_version(spec, locked, user, seen_version)
    check_publication_time(publish_at)

    now = timezone.now()
    fields = {"status": spec.target}
    if spec.target == S.PUBLISHED:
        _check_publishable(locked)
        fields["published_at"] = publish_at or now
        fields["review_note"] = ""
    if spec.target == S.SUBMITTED:
        fields["submitted_at"] = now
    if spec.target == S.RETURNED:
        fields["review_note"] = note
    Article.objects.filter(pk=locked.pk).update(**fields, updated_at=now)
    for key, value in fields.items():
        setattr(article, key, value)
    # Public pages may be cached: drop them once this change is committed.
    transaction.on_commit(cache.bump)
    return ArticleTransition.objects.create(
        article=locked,
        action=name,
        from_status=locked.status,
        to_status=spec.target,
        actor=user,
        note=note,
        publish_at=fields.get("published_at"),
        created_at=now,
    )
