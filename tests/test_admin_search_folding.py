"""The admin's searches fold Vietnamese marks like the public search: "cong an" finds "Công an"."""

import json

import pytest

from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, PublishedArticleFactory, UnitFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return {row.title for row in response.context["cl"].result_list}


def test_article_search_without_marks_finds_title_lead_and_body(client, moderator):
    plain = {"lead": "Tin trong tỉnh.", "body": "<p>Nội dung.</p>"}
    PublishedArticleFactory(title="Công an Nghệ An ra quân trấn áp tội phạm", **plain)
    ArticleFactory(title="Hội nghị sơ kết", lead="Lực lượng Công an tỉnh tham dự", body="<p>Nội dung.</p>")
    ArticleFactory(title="Hội thi điều lệnh", lead="Tin.", body="<p>Ban chỉ huy <b>công an</b> huyện</p>")
    ArticleFactory(title="Phòng cháy chữa cháy", **plain)
    client.force_login(moderator)

    response = client.get("/admin/articles/article/", {"q": "cong an"})

    assert titles(response) == {"Công an Nghệ An ra quân trấn áp tội phạm", "Hội nghị sơ kết", "Hội thi điều lệnh"}


def test_article_search_is_whole_words_but_a_half_typed_title_still_finds_it(client, moderator):
    ArticleFactory(title="Nghị quyết của Đảng ủy", lead="Tin.", body="<p>Nội dung.</p>")
    ArticleFactory(title="Nghiệp vụ cơ bản", lead="Tin.", body="<p>Nội dung.</p>")
    client.force_login(moderator)
    assert titles(client.get("/admin/articles/article/", {"q": "nghi"})) == {"Nghị quyết của Đảng ủy"}
    assert titles(client.get("/admin/articles/article/", {"q": "Nghiệ"})) == {"Nghiệp vụ cơ bản"}


def test_a_reporters_search_stays_within_their_own_articles(client, reporter, other_reporter):
    ArticleFactory(title="Công an xã của tôi", created_by=reporter)
    ArticleFactory(title="Công an xã của người khác", created_by=other_reporter)
    ArticleFactory(title="Bài khác của tôi", lead="Tin.", body="<p>Nội dung.</p>", created_by=reporter)
    client.force_login(reporter)
    assert titles(client.get("/admin/articles/article/", {"q": "cong an xa"})) == {"Công an xã của tôi"}


def test_punctuation_only_search_lists_everything_without_error(client, moderator):
    ArticleFactory(title="Một bài")
    client.force_login(moderator)
    response = client.get("/admin/articles/article/", {"q": "'\"%_;--"})
    assert response.status_code == 200 and titles(response) == {"Một bài"}


@pytest.mark.parametrize(
    ("url", "make", "query", "expected"),
    [
        ("/admin/articles/unit/", lambda: [UnitFactory(name="Công an huyện Diễn Châu"), UnitFactory(name="Phòng PC06")],
         "dien chau", {"Công an huyện Diễn Châu"}),
        ("/admin/articles/author/", lambda: [AuthorFactory(pen_name="Đức Anh"), AuthorFactory(pen_name="Hải Yến")],
         "duc anh", {"Đức Anh"}),
        ("/admin/articles/category/", lambda: [CategoryFactory(name="Pháp luật"), CategoryFactory(name="Thể thao")],
         "PHAP LUAT", {"Pháp luật"}),
    ],
)  # fmt: skip
def test_units_authors_and_sections_are_found_without_marks(client, moderator, url, make, query, expected):
    make()
    client.force_login(moderator)
    response = client.get(url, {"q": query})
    assert {str(row) for row in response.context["cl"].result_list} == expected


def test_the_units_autocomplete_a_reporter_types_in_folds_too(client, reporter):
    UnitFactory(name="Công an thị xã Cửa Lò")
    UnitFactory(name="Công an huyện Nghi Lộc")
    client.force_login(reporter)
    response = client.get(
        "/admin/autocomplete/",
        {"term": "cua lo", "app_label": "articles", "model_name": "article", "field_name": "units"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in json.loads(response.content)["results"]] == ["Công an thị xã Cửa Lò"]
