"""Fuzzing the admin: every list filter, drill-down, search, ordering and add/change preset with junk: 0 x 500.

The parameters are read off each registered ModelAdmin (its list filters, date hierarchy and
form fields), so a filter added later is fuzzed too. Junk is an explicit corpus of what broke
Django's admin before (a year of 99999999999, `?category=%00`, an empty `?_to_field=`),
plus values hypothesis picks.
"""

import pytest
from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.views.main import ERROR_FLAG
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from tests.factories import PhotoFactory, PublishedArticleFactory, UnitFactory, UnitMembershipFactory

pytestmark = pytest.mark.django_db

# One value of each shape that broke something: NUL, overflowing and negative numbers, a year past
# 9999, a list with junk, bidi and undecodable bytes, SQL, empty, a long run.
JUNK = [
    "%00", "99999999999", "99999999999999999999999", "-1", "abc", "1,2,x", "%E2%80%AE", "' OR 1=1--", "",
    "9999", "%ff%fe", "x" * 2000,
]  # fmt: skip
SHORT_JUNK = ["%00", "99999999999999999999999", "9999", "1,2,x", "%ff%fe", ""]
COMMON_LIST_PARAMS = ["q", "o", "p", "e", "_popup", "_to_field", "all", "unknown__field", "id__in", "pk"]
COMMON_FORM_PARAMS = ["_popup", "_to_field", "_changelist_filters", "_save", "unknown"]


def admins():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()]


def list_params(model_admin):
    """Every GET parameter a model admin's list understands."""
    names = set(COMMON_LIST_PARAMS)
    for item in model_admin.list_filter:
        if isinstance(item, type) and issubclass(item, SimpleListFilter):
            names.add(item.parameter_name)
        else:
            field = item if isinstance(item, str) else item[0]
            names |= {field, f"{field}__exact", f"{field}__id__exact", f"{field}__isnull", f"{field}__gte",
                      f"{field}__lt", f"{field}__in"}  # fmt: skip
    if model_admin.date_hierarchy:
        names |= {f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")}
    return sorted(names)


def form_params(model_admin, request):
    return sorted({*model_admin.get_form(request).base_fields, *COMMON_FORM_PARAMS})


def admin_path(model, suffix=""):
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/{suffix}"


@pytest.fixture
def world(superuser):
    article = PublishedArticleFactory()
    PhotoFactory(article=article)
    article.units.add(UnitFactory())
    UnitMembershipFactory()
    return article


@pytest.fixture
def browser_of(users):
    """A test client that answers like a browser gets answers: a 500 is a status, not an exception."""

    def make(role):
        client = Client(raise_request_exception=False)
        client.force_login(users[role])
        return client

    return make


def server_errors(client, urls):
    return [(url[:160], status) for url in urls if (status := client.get(url).status_code) >= 500]


@pytest.mark.parametrize("model_label", sorted(f"{m._meta.app_label}.{m._meta.model_name}" for m, _ in admins()))
def test_every_list_parameter_with_junk_is_never_a_server_error(world, browser_of, rf, superuser, model_label):
    model, model_admin = next((m, a) for m, a in admins() if f"{m._meta.app_label}.{m._meta.model_name}" == model_label)
    base = admin_path(model)
    drill = f"{model_admin.date_hierarchy}__year=2020&{model_admin.date_hierarchy}__month=12&"
    urls = [f"{base}?{name}={junk}" for name in list_params(model_admin) for junk in JUNK]
    if model_admin.date_hierarchy:
        urls += [f"{base}?{drill}{name}={junk}" for name in list_params(model_admin) for junk in SHORT_JUNK]
    # Reporters see a narrowed article list with other filters: both article lists are fuzzed.
    assert server_errors(browser_of("moderator" if model is Article else "superuser"), urls) == []
    if model is Article:
        reporter_urls = [f"{base}?{name}={junk}" for name in list_params(model_admin) for junk in SHORT_JUNK]
        assert server_errors(browser_of("reporter"), reporter_urls) == []


@pytest.mark.parametrize("model_label", sorted(f"{m._meta.app_label}.{m._meta.model_name}" for m, _ in admins()))
def test_every_add_and_change_form_preset_with_junk_is_never_a_server_error(
    world, browser_of, rf, superuser, model_label
):
    model, model_admin = next((m, a) for m, a in admins() if f"{m._meta.app_label}.{m._meta.model_name}" == model_label)
    request = rf.get("/")
    request.user = superuser
    names = form_params(model_admin, request)
    existing = model._default_manager.order_by("pk").first()
    urls = [f"{admin_path(model, 'add/')}?{name}={junk}" for name in names for junk in JUNK]
    if existing is not None:
        change, history = admin_path(model, f"{existing.pk}/change/"), admin_path(model, f"{existing.pk}/history/")
        urls += [f"{change}?{name}={junk}" for name in names for junk in SHORT_JUNK]
        urls += [f"{history}?{name}={junk}" for name in names[:2] for junk in SHORT_JUNK]
    assert server_errors(browser_of("superuser"), urls) == []


def test_the_reported_cases_are_refused_with_a_message(world, browser_of):
    client = browser_of("moderator")
    response = client.get("/admin/articles/article/?published_at__year=99999999999", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/admin/articles/article/?{ERROR_FLAG}=1"
    assert "bộ lọc" in " ".join(str(m) for m in response.context["messages"]).lower()
    response = client.get("/admin/articles/article/add/?category=%00&title=Tin%20mới")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "category" not in form.initial and form.initial["title"] == "Tin mới"


def test_a_valid_preset_still_fills_the_add_form(world, browser_of):
    response = browser_of("moderator").get(f"/admin/articles/article/add/?category={world.category_id}")
    assert response.context["adminform"].form.initial["category"] == str(world.category_id)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(["published_at__year", "published_at__month", "published_at__day", "category__id__exact",
                          "units__id__exact", "status", "photo_file", "q", "o", "p"]),
    value=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40) | st.integers().map(str),
    preset=st.sampled_from(["category", "units", "cover_photo", "event_date", "title", "is_featured"]),
)  # fmt: skip
def test_hypothesis_values_in_article_filters_and_presets(world, browser_of, name, value, preset):
    client = browser_of("moderator")
    for url, params in [("/admin/articles/article/", {name: value}), ("/admin/articles/article/add/", {preset: value})]:
        assert client.get(url, params).status_code < 500, (url, params)
