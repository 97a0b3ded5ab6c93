"""Who is who on the desk: who may open and edit an article, who signs it off, and what waits for whom.

Three roles (articles/roles.py): reporters write; editors (biên tập viên) edit and approve;
the leadership (lãnh đạo duyệt) signs off the sections that need it. An editor or a leader
may be limited to some sections (StaffProfile.sections): they see, act on and are told
about those sections only. The state machine (articles/workflow.py) asks these questions
before every transition; the admin asks them on every route.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Article, ArticleAuthor, StaffProfile
from .roles import CHIEF, MODERATOR

S = Article.Status


def is_moderator(user):
    """An editor or a leader (or a superuser): may review, edit and approve, within their sections."""
    return bool(user and user.is_active and (user.is_superuser or user.has_perm("articles.publish_article")))


def is_reporter(user):
    return bool(user and user.is_active and user.is_staff and user.has_perm("articles.add_article"))


def can_sign_off(user):
    """The leadership (or a superuser): publishes the articles of sections that need sign-off."""
    return bool(user and user.is_active and (user.is_superuser or user.has_perm("articles.signoff_article")))


def sections_of(user):
    """The ids of the sections `user` is limited to, or None for every section (remembered on the user)."""
    if not (user and user.is_authenticated) or user.is_superuser:
        return None
    if not hasattr(user, "_newsroom_sections"):
        limits = StaffProfile.sections.through.objects.filter(staffprofile__user=user)
        user._newsroom_sections = frozenset(limits.values_list("category_id", flat=True)) or None
    return user._newsroom_sections


def in_sections(queryset, user, field="category"):
    """Narrow an article (or article-related) queryset to `user`'s sections and their sub-sections."""
    ids = sections_of(user)
    if ids is None:
        return queryset
    return queryset.filter(Q(**{f"{field}__in": ids}) | Q(**{f"{field}__parent__in": ids}))


def covers(user, article):
    """Whether `article`'s section is one of `user`'s (always, for someone unlimited)."""
    ids = sections_of(user)
    return ids is None or article.category_id in ids or article.category.parent_id in ids


def is_editor_for(user, article):
    return is_moderator(user) and covers(user, article)


def is_owner(user, article):
    """The reporter who created the article, or one of its bylined authors."""
    if not (user and user.is_authenticated):
        return False
    if article.created_by_id == user.pk:
        return True
    return article.article_authors.filter(author__user=user).exists()


def owned_articles(queryset, user):
    """Narrow `queryset` to what is_owner accepts: created by `user` or bylined to them."""
    bylined = ArticleAuthor.objects.filter(author__user=user).values("article_id")
    return queryset.filter(Q(created_by=user) | Q(pk__in=bylined))


def visible_articles(queryset, user):
    """The articles `user` may open in the admin: their sections' (editors, leaders) and their own."""
    if is_moderator(user):
        if sections_of(user) is None:
            return queryset
        return in_sections(queryset, user) | owned_articles(queryset, user)
    return owned_articles(queryset, user)


def can_view(user, article):
    """Who may open an unpublished article (change form, preview, history, revisions)."""
    return is_editor_for(user, article) or ((is_reporter(user) or is_moderator(user)) and is_owner(user, article))


def can_edit(user, article):
    """Who may change an article's content now.

    Reporters edit their own drafts and returned articles only: never one waiting for
    review, and never a published one, so readers only ever see approved text. In a
    section that needs sign-off, a published article is the leadership's: an editor's
    change would put text online that no leader read.
    """
    if is_editor_for(user, article):
        if article.status == S.TRASHED:
            return False
        if article.status == S.PUBLISHED and article.category.requires_signoff:
            return can_sign_off(user)
        return True
    return is_reporter(user) and is_owner(user, article) and article.status in (S.DRAFT, S.RETURNED)


def _role_members(group_name, category):
    """Active staff in the role `group_name` whose sections include `category` (or who have no limit)."""
    limits = StaffProfile.sections.through.objects
    section_ids = [pk for pk in (category.pk, category.parent_id) if pk is not None]
    covering = limits.filter(category_id__in=section_ids).values("staffprofile__user")
    users = get_user_model().objects.filter(is_active=True, is_staff=True, groups__name=group_name)
    return users.filter(Q(pk__in=covering) | ~Q(pk__in=limits.values("staffprofile__user"))).distinct()


def editors_for(category):
    """The editors (Biên tập viên) of a section: who is told an article there was submitted."""
    return _role_members(MODERATOR, category)


def chiefs_for(category):
    """The leaders (Lãnh đạo duyệt) of a section: who is told an article there awaits sign-off."""
    return _role_members(CHIEF, category)


def authors_of(article):
    """The staff accounts behind an article: who created it and the bylined authors with an account."""
    bylined = article.article_authors.exclude(author__user=None).values_list("author__user", flat=True)
    ids = {article.created_by_id, *bylined} - {None}
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


# --- what waits for whom ------------------------------------------------------------------

QUEUES = ("review", "signoff", "returned")
QUEUE_LABELS = {
    "review": _("awaiting the editors' review"),
    "signoff": _("awaiting the leadership's sign-off"),
    "returned": _("returned to you"),
}


def queue(name, user, queryset=None):
    """The articles waiting for `user` in queue `name`, or None if it is not theirs.

    review: submitted articles of their sections (editors); signoff: articles awaiting the
    leadership's sign-off in their sections (leaders); returned: a reporter's own articles sent back.
    """
    queryset = Article.objects.all() if queryset is None else queryset
    if name == "review" and is_moderator(user):
        return in_sections(queryset.filter(status=S.SUBMITTED), user)
    if name == "signoff" and can_sign_off(user):
        return in_sections(queryset.filter(status=S.SIGNOFF), user)
    if name == "returned" and is_reporter(user) and not is_moderator(user):
        return owned_articles(queryset.filter(status=S.RETURNED), user)
    return None


def queues_for(user):
    """[(name, queryset)] of the queues that are `user`'s, in the order the desk works them."""
    return [(name, qs) for name in QUEUES if (qs := queue(name, user)) is not None]
