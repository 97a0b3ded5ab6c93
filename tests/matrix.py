"""The permission matrix's vocabulary: roles, states, sections, what each role may do, articles made in each state.

Shared by the matrix test files (tests/test_permissions*.py); the `users` and `as_role`
fixtures live in conftest.py. Written from the issue's rules, not from the code: a
reporter edits their own drafts and returned articles; an editor reviews and approves,
which publishes, or, in a section that needs the leadership's sign-off, forwards; only
the leadership (or a superuser) publishes, schedules, returns or edits what is theirs.
"""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory

S = Article.Status
ANON, OWNER, OTHER = "anonymous", "reporter", "other_reporter"
MOD, CHIEF, LIMITED, ADMIN = "moderator", "chief", "limited_editor", "superuser"
ROLES = [ANON, OWNER, OTHER, MOD, CHIEF, LIMITED, ADMIN]
STATES = ["draft", "submitted", "returned", "signoff", "published", "scheduled", "unpublished", "trashed"]
SECTIONS = ["normal", "signoff"]  # does the article's section need the leadership's sign-off?
# The editors of the article's section; LIMITED edits another section only.
EDITORS = {MOD, CHIEF, ADMIN}
LEADERS = {CHIEF, ADMIN}
MODERATORS = EDITORS  # (the name the single-step matrix used)
UNSETTLED = {"submitted", "draft", "returned", "unpublished"}
LIVE = {"published", "scheduled"}


def publishers(section):
    """Who publishes an article of `section`: its editors, or only the leadership where sign-off is needed."""
    return LEADERS if section == "signoff" else EDITORS


# transition -> (states it starts from, roles allowed given the section, resulting status)
TRANSITIONS = {
    "submit": (lambda section: {"draft", "returned"}, lambda section: {OWNER} | EDITORS, S.SUBMITTED),
    "approve": (lambda section: UNSETTLED, publishers, S.PUBLISHED),
    "forward": (lambda section: UNSETTLED if section == "signoff" else set(), lambda section: EDITORS, S.SIGNOFF),
    "sign_off": (lambda section: {"signoff"}, lambda section: LEADERS, S.PUBLISHED),
    "reschedule": (lambda section: LIVE, publishers, S.PUBLISHED),
    "return": (lambda section: {"submitted"}, lambda section: EDITORS, S.RETURNED),
    "return_to_editor": (lambda section: {"signoff"}, lambda section: LEADERS, S.SUBMITTED),
    "unpublish": (lambda section: LIVE, lambda section: EDITORS, S.UNPUBLISHED),
    "restore": (lambda section: {"trashed"}, lambda section: EDITORS, S.DRAFT),
}
BULK = ["submit", "unpublish", "trash", "restore"]


def may_view(role, state, section="normal"):
    return role == OWNER or role in EDITORS


def may_edit(role, state, section="normal"):
    if role in EDITORS:
        if state == "trashed":
            return False
        return state not in LIVE or role in publishers(section)
    return role == OWNER and state in ("draft", "returned")


def may_transition(role, state, name, section="normal"):
    if name == "trash":
        if role == OWNER:
            return state in ("draft", "returned")
        return role in EDITORS and state != "trashed"
    if name == "return" and state == "signoff":
        return role in LEADERS  # what awaits sign-off is the leadership's to send back
    sources, roles, _target = TRANSITIONS[name]
    return state in sources(section) and role in roles(section)


def target_of(name):
    return S.TRASHED if name == "trash" else TRANSITIONS[name][2]


def section_category(section):
    return CategoryFactory(name=f"Chuyên mục {section}", needs_signoff=section == "signoff")


def make_article(state, owner, section="normal"):
    now = timezone.now()
    fields = {"created_by": owner, "status": S.PUBLISHED if state == "scheduled" else state}
    if state in ("published", "unpublished"):
        fields["published_at"] = now - timedelta(hours=1)
    if state == "scheduled":
        fields["published_at"] = now + timedelta(days=1)
    if state in ("submitted", "signoff"):
        fields["submitted_at"] = now - timedelta(minutes=5)
    return ArticleFactory(category=section_category(section), **fields)


def snapshot(article):
    fresh = Article.objects.get(pk=article.pk)
    return fresh.status, fresh.title, fresh.published_at, fresh.transitions.count()
