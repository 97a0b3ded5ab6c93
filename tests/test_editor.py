"""The body editor: CKEditor 4 configured in one place, without its insecure-version notice."""

import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def editor_config(html):
    match = re.search(r'data-config="([^"]+)"', html)
    assert match, "no CKEditor widget on the page"
    return json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def test_editor_has_no_version_check_and_a_newsroom_toolbar(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    config = editor_config(html)
    assert config["versionCheck"] is False
    assert config["toolbar"] == "newsroom"
    assert "image" in config["removePlugins"].split(",")
    assert "Image" in json.dumps(config["toolbar_newsroom"])


def test_ckeditor_warning_is_silenced_on_purpose(capsys):
    call_command("check")
    assert "ckeditor.W001" not in capsys.readouterr().err


def test_ckeditor_uploader_views_are_not_mounted(client, reporter):
    client.force_login(reporter)
    for url in ("/ckeditor/upload/", "/ckeditor/browse/", "/admin/ckeditor/upload/"):
        assert client.get(url).status_code == 404
