"""Content-Security-Policy: strict on public pages, relaxed for CKEditor only in the admin."""

import pytest

from tests.factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_pages_get_a_strict_policy(client):
    article = PublishedArticleFactory()
    for url in ("/", article.get_absolute_url(), "/tin-moi/"):
        policy = directives(client.get(url)["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]


def test_admin_pages_allow_what_ckeditor_needs(client):
    policy = directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert "'unsafe-eval'" not in policy["script-src"]


def test_public_pages_have_no_inline_script_or_style(client):
    article = PublishedArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<style" not in html
    assert " style=" not in html
    assert " onclick=" not in html
    for chunk in html.split("<script")[1:]:
        tag = chunk.split(">", 1)[0]
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag
