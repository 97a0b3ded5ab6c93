"""The CKEditor image upload view: staff, permission on the article, CSRF, the pipeline, a Photo in the body."""

import json

import pytest
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from articles import photo_checks, photo_urls
from articles.editor import body_widget
from articles.models import Photo
from tests import photo_samples as samples
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(article):
    return reverse("articles:editor-upload", kwargs={"article_pk": article.pk})


def csrf_client(user):
    """A client that enforces CSRF like a browser, with a token the way editor.js sends it."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    request = RequestFactory().get("/")
    page_token = get_token(request)  # what {% csrf_token %} renders in the admin form
    client.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
    return client, page_token


def post(client, article, data, token=None, name="anh.jpg", **extra):
    headers = {"X-CSRFToken": token} if token else {}
    return client.post(url(article), {"upload": samples.upload(data, name=name), **extra}, headers=headers)


def test_reporter_uploads_into_own_draft_and_gets_a_rendition_url(reporter):
    article = ArticleFactory(created_by=reporter)
    client, token = csrf_client(reporter)
    response = post(client, article, samples.camera_jpeg(1800, 1200), token)
    assert response.status_code == 200
    body = response.json()
    photo = Photo.objects.get(article=article)
    assert body["uploaded"] == 1
    assert body["url"] == photo_urls.photo_url(photo, photo.renditions["960"]["jpeg"])
    assert body["fileName"] == photo.image.name.rsplit("/", 1)[-1]
    assert photo.in_body and photo.uploaded_by == reporter
    assert (photo.width, photo.height) == (1200, 1800)
    assert client.get(body["url"]).status_code == 200  # the author sees it in the editor


def test_upload_without_csrf_token_is_refused_and_stores_nothing(reporter):
    article = ArticleFactory(created_by=reporter)
    client, _token = csrf_client(reporter)
    response = post(client, article, samples.jpeg_bytes())
    assert response.status_code == 403
    assert not Photo.objects.exists()


def test_upload_with_a_wrong_csrf_token_is_refused(reporter):
    article = ArticleFactory(created_by=reporter)
    client, _token = csrf_client(reporter)
    response = post(client, article, samples.jpeg_bytes(), token="x" * 64)
    assert response.status_code == 403
    assert not Photo.objects.exists()


def test_non_staff_user_cannot_upload():
    user = UserFactory(is_staff=False)
    article = ArticleFactory(created_by=user)
    client, token = csrf_client(user)
    response = post(client, article, samples.jpeg_bytes(), token)
    assert response.status_code == 403
    assert response.json()["uploaded"] == 0
    assert not Photo.objects.exists()


def test_anonymous_user_cannot_upload():
    article = ArticleFactory()
    client = Client()
    response = client.post(url(article), {"upload": samples.upload(samples.jpeg_bytes())})
    assert response.status_code == 403
    assert not Photo.objects.exists()


def test_reporter_cannot_upload_into_another_reporters_article(reporter, other_reporter):
    article = ArticleFactory(created_by=other_reporter)
    client, token = csrf_client(reporter)
    response = post(client, article, samples.jpeg_bytes(), token)
    assert response.status_code == 403
    assert response.json()["error"]["message"]
    assert not Photo.objects.exists()


def test_reporter_cannot_upload_into_own_article_waiting_for_review(reporter):
    article = ArticleFactory(created_by=reporter, status="submitted")
    client, token = csrf_client(reporter)
    assert post(client, article, samples.jpeg_bytes(), token).status_code == 403
    assert not Photo.objects.exists()


def test_moderator_can_upload_into_any_article(moderator, reporter):
    article = ArticleFactory(created_by=reporter)
    client, token = csrf_client(moderator)
    assert post(client, article, samples.jpeg_bytes(), token).json()["uploaded"] == 1
    assert Photo.objects.filter(article=article, in_body=True).count() == 1


def test_unknown_article_is_refused(reporter):
    article = ArticleFactory(created_by=reporter)
    client, token = csrf_client(reporter)
    response = client.post(
        reverse("articles:editor-upload", kwargs={"article_pk": article.pk + 1000}),
        {"upload": samples.upload(samples.jpeg_bytes())},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 403
    assert not Photo.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        (samples.SVG, photo_checks.MSG_TYPE),
        (samples.HTML, photo_checks.MSG_TYPE),
        (samples.png_html_polyglot(), photo_checks.MSG_POLYGLOT),
        (samples.png_header_only(20_000, 20_000), photo_checks.MSG_PIXELS % {"limit": 50}),
        (samples.png_header_only(10_000, 10_000), photo_checks.MSG_PIXELS % {"limit": 50}),
        (samples.oversize_file(21), photo_checks.MSG_BYTES % {"limit": 20}),
    ],
    ids=["svg", "html-renamed-jpg", "png-html-polyglot", "bomb-400mp", "100mp", "21mb"],
)
def test_refused_files_get_ckeditors_error_format_and_nothing_is_stored(reporter, data, message):
    article = ArticleFactory(created_by=reporter)
    client, token = csrf_client(reporter)
    response = post(client, article, data, token)
    assert response.status_code == 200
    assert response.json() == {"uploaded": 0, "error": {"message": str(message)}}
    assert not Photo.objects.exists()


def test_missing_file_is_a_clear_error(reporter):
    article = ArticleFactory(created_by=reporter)
    client, token = csrf_client(reporter)
    response = client.post(url(article), {}, headers={"X-CSRFToken": token})
    assert response.json()["uploaded"] == 0 and response.json()["error"]["message"]


def test_ckeditor_func_num_is_never_reflected(reporter):
    article = ArticleFactory(created_by=reporter)
    client, token = csrf_client(reporter)
    evil = "1);alert(document.domain);//"
    response = client.post(
        url(article) + "?CKEditorFuncNum=" + evil,
        {"upload": samples.upload(samples.SVG), "CKEditorFuncNum": evil},
        headers={"X-CSRFToken": token},
    )
    assert response["Content-Type"] == "application/json"
    assert "alert" not in response.content.decode() and "<script" not in response.content.decode()


def test_get_is_not_allowed(reporter):
    article = ArticleFactory(created_by=reporter)
    client, _token = csrf_client(reporter)
    assert client.get(url(article)).status_code == 405


def test_ckeditor_uploader_is_not_mounted():
    from django.conf import settings

    assert "ckeditor_uploader" not in settings.INSTALLED_APPS
    assert Client().post("/ckeditor/upload/").status_code == 404


def test_editor_for_a_saved_article_uploads_to_its_view_with_the_csrf_script():
    article = ArticleFactory()
    widget = body_widget(article=article)
    assert widget.config["uploadUrl"] == url(article)
    assert widget.config["filebrowserUploadUrl"] == url(article)
    assert widget.config["filebrowserUploadMethod"] == "xhr"
    assert "articles/admin/editor.js" in str(widget.media)
    assert body_widget(upload_url="/x/").config["uploadUrl"] == "/x/"
    rendered = widget.render("body", "<p>x</p>", attrs={"id": "id_body"})
    config = json.loads(rendered.split('data-config="')[1].split('"')[0].replace("&quot;", '"'))
    assert config["uploadUrl"] == url(article)


def test_editor_for_a_new_article_has_no_upload_and_says_to_save_first():
    for widget in (body_widget(), body_widget(article=ArticleFactory.build())):
        assert "uploadUrl" not in widget.config and "filebrowserUploadUrl" not in widget.config
        assert "uploadimage" not in widget.config["extraPlugins"].split(",")
        assert "uploadimage" in widget.config["removePlugins"].split(",")
        assert widget.config["newsroomUploadNote"]
