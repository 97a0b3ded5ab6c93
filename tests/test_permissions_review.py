"""The matrix's "changed after review" case: every approval is bound to the version the person read.

For every transition that approves the text (publish, forward for sign-off, sign off,
reschedule), from every state it starts from, in both kinds of section, as every role that
may take it: the approver opens the change form, someone who may edit the article in that
state saves a new title and lead, then the approver presses the button they saw. The stale
press is refused and the database keeps the article as the edit left it (status, time,
history); the message links to the comparison; pressing again after reading works.
"""

import re

import pytest

from articles import workflow
from articles.models import Article
from articles.revisions import record
from tests.admin_client import change_url, form_data, transition_url
from tests.factories import ChiefFactory, ModeratorFactory
from tests.matrix import CHIEF, OWNER, ROLES, SECTIONS, STATES, make_article, may_edit, may_transition, snapshot

APPROVING = [name for name, spec in workflow.TRANSITIONS.items() if spec.approves]
CASES = [
    (name, state, role, section)
    for name in APPROVING
    for section in SECTIONS
    for state in STATES
    for role in ROLES
    if may_transition(role, state, name, section)
]


def seen_version(response, name):
    """The version the transition button `name` on this change form will post."""
    html = response.content.decode()
    form = re.search(rf'<form[^>]*transition-{name}"[^>]*>(.*?)</form>', html, re.S)
    assert form, f"no {name} button on the page"
    return int(re.search(r'name="seen_version" value="(\d+)"', form.group(1)).group(1))


def errors(response):
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


def someone_else_who_may_edit(users, state, section):
    if may_edit(OWNER, state, section):
        return users[OWNER]
    if may_edit("moderator", state, section):
        return ModeratorFactory(username="moderator_b")
    return ChiefFactory(username="photongbientap")  # published in a sign-off section: the leadership's


def test_every_approving_transition_is_covered():
    assert set(APPROVING) == {"approve", "forward", "sign_off", "reschedule"}
    assert {name for name, *_rest in CASES} == set(APPROVING)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "state", "role", "section"), CASES)
def test_approving_what_changed_after_review_is_refused(client, users, name, state, role, section):
    article = make_article(state, users[OWNER], section)
    record(article, user=users[OWNER], reason="Tạo bài")  # as the admin does when the article is created
    approver = users[role]
    client.force_login(approver)
    version = seen_version(client.get(change_url(article)), name)

    client.force_login(someone_else_who_may_edit(users, state, section))
    data = form_data(client.get(change_url(article)), title="Tiêu đề chưa ai duyệt", lead="Sapo chưa ai duyệt.")
    assert client.post(change_url(article), data).status_code == 302
    after_edit = snapshot(article)

    client.force_login(approver)
    response = client.post(transition_url(article, name), {"seen_version": version, "note": ""}, follow=True)

    assert snapshot(article) == after_edit  # status, title, publication time, history: as the edit left them
    [message] = errors(response)
    if state == "signoff":
        # The edit already sent it back to the editors: there is nothing left to sign off.
        assert after_edit[0] == Article.Status.SUBMITTED
        return
    assert f"phiên bản {version}" in message and f"phiên bản {version + 1}" in message
    compare = re.search(r'href="([^"]+/revisions/compare/\?old=\d+&amp;new=\d+)"', message)
    assert compare, message
    changes = client.get(compare.group(1).replace("&amp;", "&")).content.decode()
    assert "Tiêu đề chưa ai duyệt" in changes and "Sapo chưa ai duyệt." in changes

    # Having read the new version, the approver may approve it.
    version = seen_version(client.get(change_url(article)), name)
    client.post(transition_url(article, name), {"seen_version": version})
    article.refresh_from_db()
    assert article.status == workflow.TRANSITIONS[name].target
    assert article.title == "Tiêu đề chưa ai duyệt"
    assert article.transitions.count() == after_edit[3] + 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", APPROVING)
def test_an_approving_post_without_the_version_read_is_refused(client, users, name):
    name, state, role, section = next(case for case in CASES if case[0] == name)
    article = make_article(state, users[OWNER], section)
    before = snapshot(article)
    client.force_login(users[role])
    response = client.post(transition_url(article, name), follow=True)
    assert snapshot(article) == before
    assert "đọc" in " ".join(errors(response))


@pytest.mark.django_db
def test_the_state_machine_itself_refuses_a_stale_version(users):
    article = make_article("signoff", users[OWNER], "signoff")
    Article.objects.filter(pk=article.pk).update(version=3)
    with pytest.raises(workflow.ArticleChanged) as refused:
        workflow.transition(article, "sign_off", user=users[CHIEF], seen_version=2)
    assert (refused.value.seen_version, refused.value.current_version) == (2, 3)
    assert Article.objects.get(pk=article.pk).status == Article.Status.SIGNOFF
    entry = workflow.transition(article, "sign_off", user=users[CHIEF], seen_version=3)
    assert (entry.to_status, entry.version) == (Article.Status.PUBLISHED, 3)


@pytest.mark.django_db
def test_transitions_that_do_not_approve_need_no_version(users):
    article = make_article("submitted", users[OWNER])
    workflow.transition(article, "return", user=users["moderator"], note="Thêm ảnh.")
    workflow.transition(article, "submit", user=users[OWNER])
    assert Article.objects.get(pk=article.pk).status == Article.Status.SUBMITTED
