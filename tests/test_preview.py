"""Preview: the author and moderators see an unpublished article through the public template; nobody else can."""

import pytest

from articles.models import Article
from tests.admin_client import change_url
from tests.factories import ArticleFactory, PhotoFactory, PublishedArticleFactory


def preview_url(article):
    return f"/xem-truoc/{article.pk}/"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reporter", "moderator", "superuser"])
def test_author_and_moderators_see_the_public_template_marked_noindex(client, request, reporter, role):
    article = ArticleFactory(created_by=reporter, title="Bài chưa đăng", status=Article.Status.SUBMITTED)
    PhotoFactory(article=article, caption="Chú thích xem trước")
    client.force_login(request.getfixturevalue(role))
    response = client.get(preview_url(article))
    body = response.content.decode()
    assert response.status_code == 200
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    assert "Bài chưa đăng" in body and "Chú thích xem trước" in body
    assert '<meta name="robots" content="noindex' in body
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, "other_reporter"])
def test_anonymous_and_other_reporters_get_404(client, request, reporter, role):
    article = ArticleFactory(created_by=reporter, title="Bài bí mật")
    if role:
        client.force_login(request.getfixturevalue(role))
    response = client.get(preview_url(article))
    assert response.status_code == 404
    assert "Bài bí mật" not in response.content.decode()


@pytest.mark.django_db
def test_change_form_links_to_the_preview(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    assert f'href="{preview_url(article)}"' in client.get(change_url(article)).content.decode()


@pytest.mark.django_db
def test_unknown_article_preview_is_404(client, moderator):
    client.force_login(moderator)
    assert client.get("/xem-truoc/999999/").status_code == 404


@pytest.mark.django_db
def test_view_on_site_appears_only_once_the_article_is_live(client, moderator):
    draft = ArticleFactory()
    live = PublishedArticleFactory()
    client.force_login(moderator)
    draft_page = client.get(change_url(draft)).content.decode()
    assert draft_page.count('class="viewsitelink"') == 1  # the preview only
    live_page = client.get(change_url(live)).content.decode()
    assert live_page.count('class="viewsitelink"') == 2
    assert f'href="{live.get_absolute_url()}"' in live_page
