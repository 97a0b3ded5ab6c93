"""The permission matrix's vocabulary: roles, states, what each role may do, articles made in each state.

Shared by the matrix test files (tests/test_permissions*.py); the `users` and `as_role`
fixtures live in conftest.py.
"""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

S = Article.Status
ANON, OWNER, OTHER, MOD, ADMIN = "anonymous", "reporter", "other_reporter", "moderator", "superuser"
ROLES = [ANON, OWNER, OTHER, MOD, ADMIN]
STATES = ["draft", "submitted", "returned", "published", "scheduled", "unpublished", "trashed"]
MODERATORS = {MOD, ADMIN}

# transition -> (states it starts from, roles allowed, resulting status)
TRANSITIONS = {
    "submit": ({"draft", "returned"}, {OWNER, MOD, ADMIN}, S.SUBMITTED),
    "approve": ({"submitted", "draft", "returned", "unpublished"}, MODERATORS, S.PUBLISHED),
    "reschedule": ({"published", "scheduled"}, MODERATORS, S.PUBLISHED),
    "return": ({"submitted"}, MODERATORS, S.RETURNED),
    "unpublish": ({"published", "scheduled"}, MODERATORS, S.UNPUBLISHED),
    "restore": ({"trashed"}, MODERATORS, S.DRAFT),
}
BULK = ["submit", "unpublish", "trash", "restore"]
PUBLISHING = {"approve", "reschedule"}


def may_view(role, state):
    return role in (OWNER, MOD, ADMIN)


def may_edit(role, state):
    if role in MODERATORS:
        return state != "trashed"
    return role == OWNER and state in ("draft", "returned")


def may_transition(role, state, name):
    if name == "trash":
        if role == OWNER:
            return state in ("draft", "returned")
        return role in MODERATORS and state != "trashed"
    sources, roles, _target = TRANSITIONS[name]
    return state in sources and role in roles


def target_of(name):
    return S.TRASHED if name == "trash" else TRANSITIONS[name][2]


def make_article(state, owner):
    now = timezone.now()
    fields = {"created_by": owner, "status": S.PUBLISHED if state == "scheduled" else state}
    if state in ("published", "unpublished"):
        fields["published_at"] = now - timedelta(hours=1)
    if state == "scheduled":
        fields["published_at"] = now + timedelta(days=1)
    if state == "submitted":
        fields["submitted_at"] = now - timedelta(minutes=5)
    return ArticleFactory(**fields)


def snapshot(article):
    fresh = Article.objects.get(pk=article.pk)
    return fresh.status, fresh.title, fresh.published_at, fresh.transitions.count()
