"""Search narrows by section, unit and a date range in Vietnam days; bad filter values are form errors."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from tests.factories import CategoryFactory, PublishedArticleFactory, UnitFactory, UnitMembershipFactory

pytestmark = pytest.mark.django_db

URL = reverse("articles:search")


def titles(response):
    assert response.status_code == 200
    return sorted(a.title for a in response.context["page_obj"].object_list)


@pytest.fixture
def world():
    security = CategoryFactory(name="An ninh trật tự")
    traffic = CategoryFactory(name="Giao thông", parent=security)
    law = CategoryFactory(name="Pháp luật")
    nghe_an = UnitFactory(name="Công an tỉnh Nghệ An", kind="provincial")
    ha_tinh = UnitFactory(name="Công an tỉnh Hà Tĩnh", kind="provincial")
    a = PublishedArticleFactory(title="Tuần tra A", category=security, published_at=datetime(2020, 7, 1, 3, tzinfo=UTC))
    PublishedArticleFactory(title="Tuần tra B", category=traffic, published_at=datetime(2020, 7, 5, 3, tzinfo=UTC))
    # 06:15 on 10/07 in Vietnam is still 09/07 in UTC.
    c = PublishedArticleFactory(title="Tuần tra C", category=law, published_at=datetime(2020, 7, 9, 23, 15, tzinfo=UTC))
    a.units.add(nghe_an)
    c.units.add(ha_tinh)
    return {"security": security, "law": law, "nghe_an": nghe_an, "ha_tinh": ha_tinh}


def test_category_filter_includes_its_subsections(client, world):
    assert titles(client.get(URL, {"q": "tuan tra", "category": "an-ninh-trat-tu"})) == ["Tuần tra A", "Tuần tra B"]
    assert titles(client.get(URL, {"q": "tuan tra", "category": "phap-luat"})) == ["Tuần tra C"]


def test_unit_filter(client, world):
    assert titles(client.get(URL, {"q": "tuan tra", "unit": world["nghe_an"].slug})) == ["Tuần tra A"]


def test_cluster_filter_gathers_member_units_for_their_years(client, world):
    cluster = UnitFactory(name="Cụm thi đua số 5", kind="cluster")
    UnitMembershipFactory(cluster=cluster, member=world["ha_tinh"], start_year=2020, end_year=2023)
    UnitMembershipFactory(cluster=cluster, member=world["nghe_an"], start_year=2024)
    assert titles(client.get(URL, {"q": "tuan tra", "unit": cluster.slug})) == ["Tuần tra C"]


def test_filters_alone_list_matching_articles(client, world):
    assert titles(client.get(URL, {"category": "phap-luat"})) == ["Tuần tra C"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_from": "05/07/2020"}, ["Tuần tra B", "Tuần tra C"]),
        ({"date_from": "2020-07-05"}, ["Tuần tra B", "Tuần tra C"]),
        ({"date_to": "05/07/2020"}, ["Tuần tra A", "Tuần tra B"]),
        ({"date_from": "10/07/2020", "date_to": "10/07/2020"}, ["Tuần tra C"]),
        ({"date_from": "09/07/2020", "date_to": "09/07/2020"}, []),
    ],
)
def test_date_range_counts_vietnam_days(client, world, params, expected):
    assert titles(client.get(URL, {"q": "tuan tra", **params})) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "31/02/2020"},
        {"date_from": "hôm qua"},
        {"date_to": "99/99/9999"},
        {"date_to": "01/01/0001"},
        {"date_from": "10/07/2020", "date_to": "01/07/2020"},
        {"category": "khong-co"},
        {"unit": "'; DROP TABLE articles_article; --"},
        {"unit": "a\x00b"},
        {"category": "x" * 10_000},
    ],
)
def test_bad_filter_values_give_a_form_error_not_a_500(client, world, params):
    response = client.get(URL, {"q": "tuan tra", **params})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    assert response.context["page_obj"] is None
    assert 'class="errorlist' in response.content.decode()


def test_filter_options_are_djangos_select_markup_with_the_choice_kept():
    from django import forms

    from articles.search import OptionsSelect

    choices = [("", "Tất cả đơn vị"), ("cong-an-nghe-an", 'Công an "Nghệ An" <b>'), ("a&b", "Đồn A & B")]
    for value in (None, "", "cong-an-nghe-an", "a&b", "khong-co"):
        ours = OptionsSelect(choices=choices).render("unit", value, attrs={"id": "id_unit"})
        django = forms.Select(choices=choices).render("unit", value, attrs={"id": "id_unit"})
        assert ours == django, value
    assert "&lt;b&gt;" in ours and "&quot;Nghệ An&quot;" in ours


def test_filter_form_keeps_the_chosen_unit_and_lists_a_new_one_after_its_save(
    client, admin_client, world, django_capture_on_commit_callbacks
):
    page = client.get(URL, {"q": "tuan tra", "unit": world["nghe_an"].slug}).content.decode()
    assert f'<option value="{world["nghe_an"].slug}" selected>Công an tỉnh Nghệ An</option>' in page
    assert "Công an tỉnh Quảng Bình" not in page
    # Units are kept per content generation; a unit saved in the admin moves it on.
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:articles_unit_add"), {"name": "Công an tỉnh Quảng Bình", "kind": "provincial"}
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    page = client.get(URL, {"q": "tuan tra"}).content.decode()
    assert '<option value="cong-an-tinh-quang-binh">Công an tỉnh Quảng Bình</option>' in page
