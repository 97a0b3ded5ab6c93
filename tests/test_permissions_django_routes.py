"""Django's own admin routes in the matrix: view on site, autocomplete, history, jsi18n.

Any route that can name an article checks the same view permission as its change form:
another reporter's unpublished article is never named, not even through a redirect.
"""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session

from articles.models import Article, Photo
from tests.factories import ArticleFactory, PhotoFactory, UnitFactory
from tests.matrix import ANON, MODERATORS, OTHER, OWNER, ROLES, STATES, make_article, may_view


def shortcut_url(obj, pk=None):
    content_type = ContentType.objects.get_for_model(type(obj))
    return f"/admin/r/{content_type.pk}/{obj.pk if pk is None else pk}/"


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_view_on_site_names_only_what_the_user_may_open_and_readers_may_see(as_role, users, role, state):
    article = make_article(state, users[OWNER])
    response = as_role(role).get(shortcut_url(article))
    if role == ANON:
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
        assert article.slug not in response["Location"]
    elif may_view(role, state) and state == "published":
        assert response.status_code == 302
        assert response["Location"] == article.get_absolute_url()
    else:
        assert response.status_code == 404
        assert "Location" not in response
        body = response.content.decode()
        assert article.slug not in body and article.title not in body


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
def test_view_on_site_of_another_reporters_article_is_a_404_like_a_missing_one(as_role, users, state):
    article = make_article(state, users[OWNER])
    client = as_role(OTHER)
    missing = client.get(shortcut_url(article, pk=article.pk + 1000))
    theirs = client.get(shortcut_url(article))
    assert theirs.status_code == missing.status_code == 404
    assert "Location" not in theirs


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/admin/r/abc/1/", "/admin/r/99999999999999999999/1/", "/admin/r/0/1/", "/admin/r/1/%00/"],
)
def test_view_on_site_with_junk_addresses_is_a_404(as_role, path):
    assert as_role("moderator").get(path).status_code == 404


@pytest.mark.django_db
def test_view_on_site_for_public_data_and_unregistered_models(as_role, client, moderator):
    unit = UnitFactory(name="Công an tỉnh Nghệ An")
    client = as_role("moderator")
    assert client.get(shortcut_url(unit))["Location"] == unit.get_absolute_url()
    client.get("/admin/")  # the session row exists now
    session = Session.objects.first()
    content_type = ContentType.objects.get_for_model(Session)
    assert client.get(f"/admin/r/{content_type.pk}/{session.pk}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", [OWNER, OTHER, *sorted(MODERATORS)])
def test_autocomplete_names_only_articles_the_user_may_open(as_role, users, role):
    mine = {state: make_article(state, users[OWNER]) for state in STATES}
    PhotoFactory(article=mine["draft"])
    response = as_role(role).get(
        "/admin/autocomplete/", {"app_label": "articles", "model_name": "photo", "field_name": "article", "term": ""}
    )
    assert response.status_code == 200
    named = {item["text"] for item in json.loads(response.content)["results"]}
    assert named == {a.title for state, a in mine.items() if may_view(role, state)}


@pytest.mark.django_db
def test_photo_pages_never_name_another_reporters_article(as_role, users):
    photo = PhotoFactory(article=ArticleFactory(created_by=users[OWNER], title="Bài nháp của phóng viên A"))
    client = as_role(OTHER)
    for url in [
        "/admin/articles/photo/",
        f"/admin/articles/photo/{photo.pk}/change/",
        f"/admin/articles/photo/{photo.pk}/history/",
        f"/admin/articles/photo/?q={photo.caption}",
    ]:
        response = client.get(url, follow=True)
        assert response.status_code in (200, 403, 404), url
        assert "Bài nháp của phóng viên A" not in response.content.decode(), url
    assert Photo.objects.filter(pk=photo.pk).exists()


@pytest.mark.django_db
def test_jsi18n_needs_a_staff_login(client, users):
    assert client.get("/admin/jsi18n/").status_code == 302
    client.force_login(users[OWNER])
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200 and "gettext" in response.content.decode()
    assert not Article.objects.exists() or all(a.title not in response.content.decode() for a in Article.objects.all())
