"""The admin pages a reporter and an editor use, rendered by the test client: none of the English once found there.

The same list as the browser walk (tests/admin_english.py), on the HTML as served: quicker,
and run where there is no browser. The JavaScript catalogue and the CKEditor patch are
checked as files here; the browser walk sees them at work.
"""

import json
import re

import pytest
from django.contrib.admin.models import CHANGE, LogEntry

from articles.models import Article
from articles.revisions import record
from tests.admin_english import english_in, page_words
from tests.factories import ArticleFactory, PublishedArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(reporter):
    draft = ArticleFactory(created_by=reporter, title="Bản nháp của phóng viên")
    published = PublishedArticleFactory(created_by=reporter, title="Bài đã đăng")
    waiting = ArticleFactory(created_by=reporter, status=Article.Status.SUBMITTED, title="Bài chờ duyệt")
    for article in (draft, published, waiting):
        LogEntry.objects.log_actions(reporter.pk, [article], CHANGE, change_message="Đã sửa.", single_object=True)
        record(article, user=reporter)
    return {"draft": draft, "published": published, "waiting": waiting}


def pages(client, editable, readonly):
    """(where, response) for each page of the walk that needs no browser."""
    change = f"/admin/articles/article/{editable.pk}/"
    yield "home", client.get("/admin/")
    yield "article list", client.get("/admin/articles/article/")
    yield "article list with counts", client.get("/admin/articles/article/?_facets=True")
    yield "article list, a search", client.get("/admin/articles/article/?q=B%C3%A0i")
    yield "add form with an error", client.post("/admin/articles/article/add/", {})
    yield "change form", client.get(change + "change/")
    if readonly is not None:
        yield "read-only article", client.get(f"/admin/articles/article/{readonly.pk}/change/")
    yield "history", client.get(change + "history/")
    yield "notifications", client.get("/admin/notifications/")
    yield "profile", client.get("/admin/profile/")
    yield "password change", client.get("/admin/password_change/")
    yield (
        "password change with errors",
        client.post("/admin/password_change/", {"old_password": "sai", "new_password1": "123", "new_password2": "124"}),
    )
    yield "photo gallery", client.get("/admin/articles/photo/")
    yield "section page", client.get(f"/admin/articles/category/{editable.category_id}/change/")
    revision = editable.revisions.first()
    yield "revision", client.get(change + f"revisions/{revision.pk}/")
    yield "comparison", client.get(change + f"revisions/compare/?old={revision.pk}&new={revision.pk}")
    yield (
        "action without a selection",
        client.post("/admin/articles/article/", {"action": "transition_submit"}, follow=True),
    )
    if editable.status == Article.Status.SUBMITTED:  # an editor: the sections, units and authors they keep
        for model in ("category", "unit", "author"):
            yield f"{model} list", client.get(f"/admin/articles/{model}/")
            yield f"{model} add form with an error", client.post(f"/admin/articles/{model}/add/", {})
    yield "403 page", client.get("/admin/auth/user/")
    yield "logout page", client.post("/admin/logout/")


@pytest.mark.parametrize(
    ("role", "editable", "readonly"), [("reporter", "draft", "published"), ("moderator", "waiting", None)]
)
def test_admin_pages_of_the_role_show_none_of_the_english_once_found(
    client, request, articles, role, editable, readonly
):
    client.force_login(request.getfixturevalue(role))
    english, statuses = {}, {}
    for where, response in pages(client, articles[editable], articles[readonly] if readonly else None):
        statuses[where] = response.status_code
        if found := english_in(page_words(response.content.decode())):
            english[where] = found
    assert statuses["403 page"] == 403 and statuses["add form with an error"] == 200
    assert all(code in (200, 403) for code in statuses.values()), statuses
    assert not english, json.dumps(english, ensure_ascii=False, indent=1)


def test_the_add_form_error_and_the_history_count_are_vietnamese(client, reporter, articles):
    client.force_login(reporter)
    html = client.post("/admin/articles/article/add/", {}).content.decode()
    assert "Hãy sửa các lỗi dưới đây." in html
    history = client.get(f"/admin/articles/article/{articles['draft'].pk}/history/").content.decode()
    assert re.search(r"1 mục\s*</p>", history)


def test_the_words_of_a_page_include_screen_reader_attributes_and_skip_scripts():
    words = page_words(
        '<a class="skip" href="#c">Skip to main content</a><img alt="Search"><script>var entry = 1;</script>'
        '<input type="submit" value="Show counts"><button title="Toggle theme (current theme: auto)"></button>'
    )
    assert set(english_in(words)) == {"Skip to main content", "Search", "Show counts", "Toggle theme"}


def test_the_admin_javascript_catalogue_names_the_weekdays_in_vietnamese(client, moderator):
    client.force_login(moderator)
    catalogue = client.get("/admin/jsi18n/").content.decode()
    assert '"Sunday": "Ch\\u1ee7 nh\\u1eadt"' in catalogue or '"Sunday": "Chủ nhật"' in catalogue
    assert '"Show counts"' not in catalogue  # (a template string: in django.po, not here)


def test_the_change_form_loads_the_ckeditor_patch_after_ckeditor(client, moderator, articles):
    client.force_login(moderator)
    html = client.get(f"/admin/articles/article/{articles['waiting'].pk}/change/").content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)
    names = [src.rsplit("/", 1)[-1] for src in scripts]
    # Plain scripts in the head: both run before the page is parsed and ckeditor-init creates the editor.
    assert names.index("ckeditor.js") < names.index("ckeditor_vi.js")
    assert not re.search(r"<script[^>]+(defer|async)[^>]+ckeditor", html)


def test_yes_no_icons_say_yes_or_no_in_vietnamese_to_screen_readers(client, reporter, moderator, articles):
    section = articles["draft"].category
    section.needs_signoff = True
    section.save()
    client.force_login(moderator)
    listing = client.get("/admin/articles/category/").content.decode()
    assert re.search(r'<img src="[^"]*icon-yes\.svg" alt="Có">', listing)
    assert 'alt="True"' not in listing and 'alt="False"' not in listing
    client.force_login(reporter)  # a reporter sees the section read-only: the icon again
    page = client.get(f"/admin/articles/category/{section.pk}/change/").content.decode()
    assert re.search(r'<img src="[^"]*icon-yes\.svg" alt="Có">', page)
