"""The permission matrix: every role against every admin route, on articles in every state.

Each case asserts the database afterwards (status, title, history rows), not
only the response code. The article always belongs to reporter A.
"""

import pytest

from articles.models import Article, ArticleRevision, ArticleTransition
from articles.revisions import record
from tests.admin_client import change_url, form_data, transition_url
from tests.matrix import (
    ADMIN,
    ANON,
    BULK,
    MOD,
    OTHER,
    OWNER,
    ROLES,
    SECTIONS,
    STATES,
    TRANSITIONS,
    S,
    make_article,
    may_edit,
    may_transition,
    may_view,
    snapshot,
    target_of,
)


@pytest.mark.django_db
@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_change_page_is_shown_only_to_owner_and_moderators(as_role, users, role, state, section):
    article = make_article(state, users[OWNER], section)
    response = as_role(role).get(change_url(article))
    if may_view(role, state, section):
        assert response.status_code == 200
        assert article.title in response.content.decode()
        # Read-only unless the role may edit in this state: the save button is the sign.
        assert ('name="_save"' in response.content.decode()) == may_edit(role, state, section)
    else:
        assert response.status_code == 302
        assert article.title not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_saving_the_change_form_is_allowed_only_to_who_may_edit(as_role, users, client, role, state, section):
    article = make_article(state, users[OWNER], section)
    # Load the form as someone who can edit it, then post it as `role`.
    client.force_login(users[ADMIN])
    data = form_data(client.get(change_url(article)), title="Tiêu đề đã sửa")
    client.logout()
    before = snapshot(article)
    revisions_before = ArticleRevision.objects.filter(article=article).count()

    response = as_role(role).post(change_url(article), data)

    article.refresh_from_db()
    if may_edit(role, state, section):
        assert response.status_code == 302
        assert article.title == "Tiêu đề đã sửa"
        assert article.version == 2
        assert ArticleRevision.objects.filter(article=article).count() == revisions_before + 1
    else:
        assert response.status_code in (302, 403)
        assert article.title != "Tiêu đề đã sửa"
        assert ArticleRevision.objects.filter(article=article).count() == revisions_before
    if may_edit(role, state, section) and state == "signoff":
        # An edit after the editor's approval sends it back to the editors, on the record.
        assert article.status == S.SUBMITTED
        assert article.transitions.first().action == "reopen"
        assert article.transitions.count() == before[3] + 1
    else:  # saving content never changes the state
        assert (article.status, article.transitions.count()) == (before[0], before[3])


@pytest.mark.django_db
@pytest.mark.parametrize("name", [*TRANSITIONS, "trash"])
@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_transition_buttons_follow_the_state_machine(as_role, users, role, state, name, section):
    article = make_article(state, users[OWNER], section)
    before = snapshot(article)
    # As the change form posts it: the version on the page the button was on.
    response = as_role(role).post(
        transition_url(article, name), {"note": "Sửa lại đoạn hai.", "seen_version": article.version}
    )

    status, _title, _published_at, history = snapshot(article)
    if may_transition(role, state, name, section):
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
@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_bulk_actions_follow_the_state_machine(as_role, users, role, state, name, section):
    article = make_article(state, users[OWNER], section)
    before = snapshot(article)
    as_role(role).post(
        "/admin/articles/article/",
        {"action": f"transition_{name}", "_selected_action": [str(article.pk)], "index": "0"},
    )
    status, _title, _published_at, history = snapshot(article)
    if may_transition(role, state, name, section):
        assert status == target_of(name)
        assert history == before[3] + 1
    else:
        assert (status, history) == (before[0], before[3])


@pytest.mark.django_db
@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_bulk_approval_is_never_an_action(as_role, users, role, state, section):
    # A list shows titles only: approval is of the version read on the change form.
    article = make_article(state, users[OWNER], section)
    before = snapshot(article)
    as_role(role).post(
        "/admin/articles/article/",
        {"action": "transition_approve", "_selected_action": [str(article.pk)], "index": "0"},
    )
    assert snapshot(article) == before


@pytest.mark.django_db
@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_only_superusers_delete_for_good(as_role, users, role, state, section):
    article = make_article(state, users[OWNER], section)
    as_role(role).post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    assert Article.objects.filter(pk=article.pk).exists() == (role != ADMIN)


@pytest.mark.django_db
@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_history_and_revisions_are_shown_only_to_owner_and_moderators(as_role, users, role, state, section):
    article = make_article(state, users[OWNER], section)
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
        if may_view(role, state, section):
            assert response.status_code == 200, url
            assert "Bản mới" in response.content.decode()
        else:
            assert response.status_code in (302, 404), url
            assert "Bản mới" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_restoring_a_revision_needs_edit_rights(as_role, users, role, state, section):
    article = make_article(state, users[OWNER], section)
    old = record(article, user=users[OWNER])
    Article.objects.filter(pk=article.pk).update(title="Bản mới")
    as_role(role).post(f"/admin/articles/article/{article.pk}/revisions/{old.pk}/restore/")
    article.refresh_from_db()
    assert (article.title == old.data["title"]) == may_edit(role, state, section)
    if may_edit(role, state, section) and state == "signoff":
        assert article.status == S.SUBMITTED  # restored text is new text to the leadership
    else:
        assert article.status == (S.PUBLISHED if state == "scheduled" else state)


@pytest.mark.django_db
@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_preview_is_only_for_owner_and_moderators(as_role, users, role, state, section):
    article = make_article(state, users[OWNER], section)
    response = as_role(role).get(f"/xem-truoc/{article.pk}/")
    if may_view(role, state, section):
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
