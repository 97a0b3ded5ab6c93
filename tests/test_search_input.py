"""Whatever a reader types into search, the page renders normally: never a 500."""

import pytest
from django.urls import reverse

from tests.factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db

URL = reverse("articles:search")


@pytest.fixture
def article():
    return PublishedArticleFactory(title="Hội nghị 100% thành công", lead="Tỉ lệ đạt 100%_ (a+b).")


def test_empty_query_shows_the_form_and_no_results(client, article):
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = client.get(URL, params)
        assert response.status_code == 200
        assert response.context["page_obj"] is None
        assert 'name="q"' in response.content.decode()


def test_punctuation_only_query_lists_nothing(client, article):
    response = client.get(URL, {"q": "%%% ___ ***"})
    assert response.status_code == 200
    assert response.context["page_obj"] is None


def test_ten_thousand_character_query_is_cut_and_searched(client, article):
    response = client.get(URL, {"q": "hội nghị " + "x" * 10_000})
    assert response.status_code == 200
    # Cut at a word boundary: the half word is dropped, the whole ones are searched.
    assert response.context["query"] == "hội nghị"
    assert response.context["page_obj"].paginator.count == 1
    response = client.get(URL, {"q": "x" * 10_000})
    assert len(response.context["query"]) == 200
    assert response.context["page_obj"].paginator.count == 0
    response = client.get(URL, {"q": "hội nghị " * 2_000})
    assert [a.title for a in response.context["page_obj"].object_list] == [article.title]


def test_nul_byte_is_a_form_error(client, article):
    response = client.get(URL, {"q": "hội\x00nghị"})
    assert response.status_code == 200
    assert response.context["form"].errors["q"]
    assert "\x00" not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE articles_article; --",
        '" OR 1=1 --',
        "100%",
        "100%_",
        "\\",
        ".*",
        "(a+b",
        "[a-z]+ ^$ | ?",
        "hoi:* & !nghi",
        "<script>alert(1)</script>",
        "\x01\x02\x1f",
    ],
)
def test_metacharacters_render_a_normal_page(client, article, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_percent_and_underscore_are_not_wildcards(client, article):
    PublishedArticleFactory(title="Không liên quan", lead="Bình thường.")
    response = client.get(URL, {"q": "100%"})
    assert [a.title for a in response.context["page_obj"].object_list] == [article.title]


def test_tsquery_operators_are_plain_words(client, article):
    response = client.get(URL, {"q": "hoi:* & !nghi | (thanh)"})
    assert [a.title for a in response.context["page_obj"].object_list] == [article.title]


def test_invalid_utf8_in_the_address_renders_a_normal_page(client, article):
    response = client.get(f"{URL}?q=%ED%A0%80%FF%C3&category=%FF")
    assert response.status_code == 200
