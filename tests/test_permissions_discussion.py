"""The permission matrix of the discussion and the inbox: every role, every state, both kinds of section.

Whoever may open an article (tests/matrix.py may_view) reads its thread on the change form
and may comment; for anyone else the comment is not stored and the thread is not shown.
Notifications are their recipient's only: nobody reads, opens or marks another's.
"""

import pytest

from articles.models import ArticleComment, Notification
from tests.admin_client import change_url
from tests.matrix import ANON, OWNER, ROLES, SECTIONS, STATES, make_article, may_view

pytestmark = pytest.mark.django_db

EARLIER = "Bình luận có sẵn trong luồng thảo luận"


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_who_may_comment(as_role, users, role, state, section):
    article = make_article(state, users[OWNER], section)
    response = as_role(role).post(f"/admin/articles/article/{article.pk}/comment/", {"body": "Ý kiến của tôi."})
    stored = ArticleComment.objects.filter(article=article)
    if may_view(role, state, section):
        assert [(c.author, c.body) for c in stored] == [(users[role], "Ý kiến của tôi.")]
        assert response.status_code == 302
    else:
        assert not stored.exists()
        if role == ANON:
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
        else:
            assert response.status_code in (403, 404)


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_who_reads_the_thread(as_role, users, role, state, section):
    article = make_article(state, users[OWNER], section)
    ArticleComment.objects.create(article=article, author=users[OWNER], body=EARLIER)
    response = as_role(role).get(change_url(article))
    html = response.content.decode()
    if may_view(role, state, section):
        assert response.status_code == 200
        assert EARLIER in html and 'id="discussion-form"' in html
    else:
        assert response.status_code in (302, 403, 404)
        assert EARLIER not in html


def people_with_notifications(users):
    """One unread notification for each role's user, about an article of the owner's."""
    article = make_article("submitted", users[OWNER])
    return {
        role: Notification.objects.create(recipient=user, article=article, kind="submitted", message=f"Cho {role}")
        for role, user in users.items()
        if user is not None
    }


@pytest.mark.parametrize("role", [role for role in ROLES if role != ANON])
def test_nobody_reads_opens_or_marks_anybody_elses_notifications(as_role, users, role):
    mine = people_with_notifications(users)
    client = as_role(role)
    listed = client.get("/admin/notifications/")
    assert [n.message for n in listed.context["page"]] == [f"Cho {role}"]
    for other, notification in mine.items():
        if other == role:
            continue
        assert client.get(f"/admin/notifications/{notification.pk}/").status_code == 404
    client.post("/admin/notifications/read-all/")
    unread = set(Notification.objects.filter(read_at=None).values_list("recipient", flat=True))
    assert unread == {user.pk for other, user in users.items() if user is not None and other != role}


def test_anonymous_reaches_no_notification(client, users):
    mine = people_with_notifications(users)
    for notification in mine.values():
        response = client.get(f"/admin/notifications/{notification.pk}/")
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.post("/admin/notifications/read-all/")
    assert Notification.objects.filter(read_at=None).count() == len(mine)
