"""The article change form: who gets which fields, what a save stores, and that crafted fields are ignored."""

from datetime import timedelta

import pytest
from django.core.cache import cache as django_cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles import cache, editor
from articles.models import Article, ArticleRevision, Photo
from tests.admin_client import change_url, form_data
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    PhotoFactory,
    PublishedArticleFactory,
    jpeg_file,
)

ADD = "/admin/articles/article/add/"


def add_data(client, category, **changes):
    return form_data(
        client.get(ADD),
        title="Đại hội Đảng bộ Công an tỉnh",
        lead="Sáng 7/7, Đảng bộ tổ chức Đại hội.",
        body="<p>Đoạn một.</p><p>Đoạn hai.</p>",
        category=str(category.pk),
        **changes,
    )


@pytest.mark.django_db
def test_reporter_creates_a_draft_with_vietnamese_slug_own_byline_and_first_revision(client, reporter):
    author = AuthorFactory(pen_name="Đ. Thắng", user=reporter)
    category = CategoryFactory()
    client.force_login(reporter)
    response = client.post(ADD, add_data(client, category))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.created_by == reporter
    assert article.slug == "dai-hoi-dang-bo-cong-an-tinh"
    assert article.ordered_authors() == [author]
    revision = ArticleRevision.objects.get(article=article)
    assert (revision.version, revision.created_by, revision.data["title"]) == (1, reporter, article.title)


@pytest.mark.django_db
def test_slug_is_never_prepopulated_by_the_admin_javascript(client, reporter):
    client.force_login(reporter)
    response = client.get(ADD)
    assert response.context["adminform"].prepopulated_fields == []
    assert "prepopulated_fields" not in response.content.decode()


@pytest.mark.django_db
def test_reporter_crafted_post_cannot_publish_feature_or_change_owner(client, reporter, other_reporter):
    category = CategoryFactory()
    client.force_login(reporter)
    crafted = {
        "status": "published",
        "published_at_0": "01/01/2020",
        "published_at_1": "08:00",
        "published_at": "2020-01-01 08:00",
        "is_featured": "on",
        "created_by": str(other_reporter.pk),
        "submitted_at": "2020-01-01 08:00",
        "review_note": "x",
    }
    client.post(ADD, {**add_data(client, category), **crafted})
    article = Article.objects.get()
    assert (article.status, article.published_at, article.is_featured) == (Article.Status.DRAFT, None, False)
    assert article.created_by == reporter
    assert article.transitions.count() == 0
    assert not Article.objects.published().exists()

    data = form_data(client.get(change_url(article)), title="Sửa", **crafted)
    client.post(change_url(article), data)
    article.refresh_from_db()
    assert article.title == "Sửa"
    assert (article.status, article.published_at, article.is_featured) == (Article.Status.DRAFT, None, False)
    assert article.created_by == reporter


@pytest.mark.django_db
def test_reporter_form_has_no_moderator_fields_and_uses_the_chosen_editor(client, reporter, moderator):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    form = client.get(change_url(article)).context["adminform"].form
    assert "is_featured" not in form.fields and "published_at" not in form.fields
    assert type(form.fields["body"].widget) is type(editor.body_widget())
    client.force_login(moderator)
    form = client.get(change_url(article)).context["adminform"].form
    assert "is_featured" in form.fields
    assert "published_at" not in form.fields  # set by approve / reschedule only


@pytest.mark.django_db
def test_moderator_edit_of_published_article_goes_live_and_drops_cached_pages(
    client, moderator, django_capture_on_commit_callbacks
):
    article = PublishedArticleFactory(title="Tiêu đề cũ")
    client.force_login(moderator)
    data = form_data(client.get(change_url(article)), title="Tiêu đề mới")
    cache.bump()
    generation = django_cache.get(cache.GENERATION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(article), data)
    assert django_cache.get(cache.GENERATION_KEY)[0] != generation[0]  # a fresh generation token
    client.logout()
    public = client.get(Article.objects.get(pk=article.pk).get_absolute_url(), follow=True)
    assert "Tiêu đề mới" in public.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


@pytest.mark.django_db
def test_photo_added_in_the_inline_goes_through_the_pipeline_with_its_caption(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    data = form_data(client.get(change_url(article)))
    data.update({"photos-0-caption": "Toàn cảnh Đại hội", "photos-0-credit": "Đ. Thắng", "photos-0-position": "1"})
    data["photos-0-image"] = jpeg_file(width=800, height=600)
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    photo = Photo.objects.get(article=article)
    assert photo.caption == "Toàn cảnh Đại hội"
    assert photo.uploaded_by == reporter
    assert (photo.width, photo.height) == (800, 600)
    assert "photo.jpg" not in photo.image.name  # renamed by the pipeline, never the upload's own name
    latest = ArticleRevision.objects.filter(article=article).first()
    assert latest.data["photos"][0]["caption"] == "Toàn cảnh Đại hội"


@pytest.mark.django_db
def test_a_file_that_is_not_an_image_is_a_form_error_and_the_text_is_kept(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    data = form_data(client.get(change_url(article)), title="Tiêu đề giữ lại")
    data["photos-0-caption"] = "Chú thích"
    data["photos-0-image"] = SimpleUploadedFile("x.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][1].formset.errors[0]["image"]
    assert "Tiêu đề giữ lại" in response.content.decode()
    article.refresh_from_db()
    assert article.title != "Tiêu đề giữ lại" and not Photo.objects.exists()


@pytest.mark.django_db
def test_cover_photo_choices_are_only_this_articles_photos(client, moderator):
    article = ArticleFactory()
    own = PhotoFactory(article=article)
    PhotoFactory()  # another article's photo
    client.force_login(moderator)
    form = client.get(change_url(article)).context["adminform"].form
    assert list(form.fields["cover_photo"].queryset) == [own]


@pytest.mark.django_db
def test_scheduled_article_shows_its_time_in_the_change_form(client, moderator):
    article = PublishedArticleFactory(published_at=timezone.now() + timedelta(days=1))
    client.force_login(moderator)
    body = client.get(change_url(article)).content.decode()
    assert str(article.display_status()) in body
    assert timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M") in body
