"""The permission matrix: every role against every admin route, on articles in every state.

Each case asserts the database afterwards (status, title, history rows), not
only the response code. The article always belongs to reporter A.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ArticleRevision, ArticleTransition
from articles.revisions import record
from tests.admin_client import change_url, form_data, transition_url
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
BULK = ["submit", "approve", "unpublish", "trash", "restore"]


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


@pytest.fixture
def users(reporter, other_reporter, moderator, superuser):
    return {ANON: None, OWNER: reporter, OTHER: other_reporter, MOD: moderator, ADMIN: superuser}


@pytest.fixture
def as_role(client, users):
    def login(role):
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return login


def snapshot(article):
    fresh = Article.objects.get(pk=article.pk)
    return fresh.status, fresh.title, fresh.published_at, fresh.transitions.count()


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_change_page_is_shown_only_to_owner_and_moderators(as_role, users, role, state):
    article = make_article(state, users[OWNER])
    response = as_role(role).get(change_url(article))
    if may_view(role, state):
        assert response.status_code == 200
        assert article.title in response.content.decode()
        # Read-only unless the role may edit in this state: the save button is the sign.
        assert ('name="_save"' in response.content.decode()) == may_edit(role, state)
    else:
        assert response.status_code == 302
        assert article.title not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_saving_the_change_form_is_allowed_only_to_who_may_edit(as_role, users, moderator, client, role, state):
    article = make_article(state, users[OWNER])
    # Load the form as someone who can see it, then post it as `role`.
    client.force_login(moderator)
    data = form_data(client.get(change_url(article)), title="Tiêu đề đã sửa")
    client.logout()
    before = snapshot(article)
    revisions_before = ArticleRevision.objects.filter(article=article).count()

    response = as_role(role).post(change_url(article), data)

    article.refresh_from_db()
    if may_edit(role, state):
        assert response.status_code == 302
        assert article.title == "Tiêu đề đã sửa"
        assert article.version == 2
        assert ArticleRevision.objects.filter(article=article).count() == revisions_before + 1
    else:
        assert response.status_code in (302, 403)
        assert article.title != "Tiêu đề đã sửa"
        assert ArticleRevision.objects.filter(article=article).count() == revisions_before
    # Saving content never changes the state.
    assert (article.status, article.transitions.count()) == (before[0], before[3])


@pytest.mark.django_db
@pytest.mark.parametrize("name", [*TRANSITIONS, "trash"])
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_transition_buttons_follow_the_state_machine(as_role, users, role, state, name):
    article = make_article(state, users[OWNER])
    before = snapshot(article)
    response = as_role(role).post(transition_url(article, name), {"note": "Sửa lại đoạn hai."})

    status, _title, _published_at, history = snapshot(article)
    if may_transition(role, state, name):
        assert response.status_code == 302
        assert status == target_of(name)
        assert history == before[3] + 1
        entry = ArticleTransition.objects.filter(article=article).first()
        assert entry.actor == users[role]
        assert entry.to_status == target_of(name)
    else:
        assert status == before[0]
        assert history == before[3]
        if role == ANON:
            assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", BULK)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_bulk_actions_follow_the_state_machine(as_role, users, role, state, name):
    article = make_article(state, users[OWNER])
    before = snapshot(article)
    as_role(role).post(
        "/admin/articles/article/",
        {"action": f"transition_{name}", "_selected_action": [str(article.pk)], "index": "0"},
    )
    status, _title, _published_at, history = snapshot(article)
    if may_transition(role, state, name):
        assert status == target_of(name)
        assert history == before[3] + 1
    else:
        assert (status, history) == (before[0], before[3])


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_only_superusers_delete_for_good(as_role, users, role, state):
    article = make_article(state, users[OWNER])
    as_role(role).post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    assert Article.objects.filter(pk=article.pk).exists() == (role != ADMIN)


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_history_and_revisions_are_shown_only_to_owner_and_moderators(as_role, users, role, state):
    article = make_article(state, users[OWNER])
    old = record(article, user=users[OWNER])
    Article.objects.filter(pk=article.pk).update(title="Bản mới")
    new = record(Article.objects.get(pk=article.pk), user=users[OWNER])
    client = as_role(role)
    base = f"/admin/articles/article/{article.pk}"
    pages = [
        f"{base}/history/",
        f"{base}/revisions/{old.pk}/",
        f"{base}/revisions/compare/?old={old.pk}&new={new.pk}",
    ]
    for url in pages:
        response = client.get(url)
        if may_view(role, state):
            assert response.status_code == 200, url
            assert "Bản mới" in response.content.decode()
        else:
            assert response.status_code in (302, 404), url
            assert "Bản mới" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_restoring_a_revision_needs_edit_rights(as_role, users, role, state):
    article = make_article(state, users[OWNER])
    old = record(article, user=users[OWNER])
    Article.objects.filter(pk=article.pk).update(title="Bản mới")
    as_role(role).post(f"/admin/articles/article/{article.pk}/revisions/{old.pk}/restore/")
    article.refresh_from_db()
    assert (article.title == old.data["title"]) == may_edit(role, state)
    assert article.status == (S.PUBLISHED if state == "scheduled" else state)


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_preview_is_only_for_owner_and_moderators(as_role, users, role, state):
    article = make_article(state, users[OWNER])
    response = as_role(role).get(f"/xem-truoc/{article.pk}/")
    if may_view(role, state):
        assert response.status_code == 200
        assert response["X-Robots-Tag"].startswith("noindex")
    else:
        assert response.status_code == 404
        assert article.title not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [OWNER, OTHER, MOD])
def test_list_edit_of_lead_story_is_for_moderators_only(as_role, users, role):
    article = make_article("draft", users[OWNER])
    as_role(role).post(
        "/admin/articles/article/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": str(article.pk),
            "form-0-is_featured": "on",
            "_save": "Lưu",
        },
    )
    article.refresh_from_db()
    assert article.is_featured == (role == MOD)
    assert article.status == S.DRAFT
