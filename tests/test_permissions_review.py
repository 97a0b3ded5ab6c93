"""The matrix's "changed after review" case: a transition that publishes is bound to the version the person read.

For every publishing transition, from every state it starts from, as every role that may take
it: the approver opens the change form, someone who may edit the article in that state saves
a new title and lead, then the approver presses the button they saw. The stale press is
refused, the database keeps the article as it was (status, time, history), the message links
to the comparison; pressing again after reading the new version works.
"""

import re

import pytest

from articles import workflow
from articles.models import Article
from articles.revisions import record
from tests.admin_client import change_url, form_data, transition_url
from tests.factories import ModeratorFactory
from tests.matrix import MODERATORS, OWNER, TRANSITIONS, make_article, may_edit, snapshot

PUBLISHING = [name for name, spec in workflow.TRANSITIONS.items() if spec.publishes]
CASES = [
    (name, state, role) for name in PUBLISHING for state in sorted(TRANSITIONS[name][0]) for role in sorted(MODERATORS)
]


def seen_version(response, name):
    """The version the transition button `name` on this change form will post."""
    html = response.content.decode()
    form = re.search(rf'<form[^>]*transition-{name}"[^>]*>(.*?)</form>', html, re.S)
    assert form, f"no {name} button on the page"
    return int(re.search(r'name="seen_version" value="(\d+)"', form.group(1)).group(1))


def test_every_publishing_transition_is_covered():
    assert set(PUBLISHING) == {"approve", "reschedule"}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "state", "role"), CASES)
def test_publishing_what_changed_after_review_is_refused(client, users, name, state, role):
    article = make_article(state, users[OWNER])
    record(article, user=users[OWNER], reason="Tạo bài")  # as the admin does when the article is created
    approver = users[role]
    client.force_login(approver)
    version = seen_version(client.get(change_url(article)), name)

    # Someone who may edit the article in this state saves new text meanwhile.
    editor = users[OWNER] if may_edit(OWNER, state) else ModeratorFactory(username="moderator_b")
    client.force_login(editor)
    data = form_data(client.get(change_url(article)), title="Tiêu đề chưa ai duyệt", lead="Sapo chưa ai duyệt.")
    assert client.post(change_url(article), data).status_code == 302
    before = snapshot(article)

    client.force_login(approver)
    response = client.post(transition_url(article, name), {"seen_version": version, "note": ""}, follow=True)

    assert snapshot(article) == before  # status, title, publication time, history: untouched
    assert not Article.objects.published().filter(title="Tiêu đề chưa ai duyệt").exists() or state == "published"
    [message] = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert f"phiên bản {version}" in message and f"phiên bản {version + 1}" in message
    compare = re.search(r'href="([^"]+/revisions/compare/\?old=\d+&amp;new=\d+)"', message)
    assert compare, message
    changes = client.get(compare.group(1).replace("&amp;", "&")).content.decode()
    assert "Tiêu đề chưa ai duyệt" in changes and "Sapo chưa ai duyệt." in changes

    # Having read the new version, the approver may publish it.
    version = seen_version(client.get(change_url(article)), name)
    client.post(transition_url(article, name), {"seen_version": version})
    article.refresh_from_db()
    assert (article.status, article.title) == (Article.Status.PUBLISHED, "Tiêu đề chưa ai duyệt")
    assert article.transitions.count() == before[3] + 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLISHING)
def test_a_publishing_post_without_the_version_read_is_refused(client, users, name):
    state = sorted(TRANSITIONS[name][0])[0]
    article = make_article(state, users[OWNER])
    before = snapshot(article)
    client.force_login(users["moderator"])
    response = client.post(transition_url(article, name), follow=True)
    assert snapshot(article) == before
    assert "đọc" in " ".join(str(m) for m in response.context["messages"] if m.level_tag == "error")


@pytest.mark.django_db
def test_the_state_machine_itself_refuses_a_stale_version(users):
    article = make_article("submitted", users[OWNER])
    Article.objects.filter(pk=article.pk).update(version=3)
    with pytest.raises(workflow.ArticleChanged) as refused:
        workflow.transition(article, "approve", user=users["moderator"], seen_version=2)
    assert (refused.value.seen_version, refused.value.current_version) == (2, 3)
    assert Article.objects.get(pk=article.pk).status == Article.Status.SUBMITTED
    entry = workflow.transition(article, "approve", user=users["moderator"], seen_version=3)
    assert entry.to_status == Article.Status.PUBLISHED


@pytest.mark.django_db
def test_transitions_that_do_not_publish_need_no_version(users):
    article = make_article("submitted", users[OWNER])
    workflow.transition(article, "return", user=users["moderator"], note="Thêm ảnh.")
    workflow.transition(article, "submit", user=users[OWNER])
    assert Article.objects.get(pk=article.pk).status == Article.Status.SUBMITTED
