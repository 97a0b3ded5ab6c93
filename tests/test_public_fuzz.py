"""Fuzzing the public site: every route, with junk in each path part and query parameter: 0 x 500.

The routes are read off the URLconf (articles.urls), so a page added later is fuzzed too.
Readers' answers are a page, a redirect, a Vietnamese 404 or 400: never a server error.
"""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.text import VIETNAM_TZ
from tests.factories import PhotoFactory, PublishedArticleFactory, UnitFactory

pytestmark = pytest.mark.django_db

JUNK = [
    "%00", "a%00", "99999999999999999999999", "-1", "0", "abc", "%E2%80%AE", "%ff%fe", "' OR 1=1--", "..%2f..",
    "x" * 3000, "%20", "9999", "1e9999", "%C0%AE", "<script>",
]  # fmt: skip
QUERY_PARAMS = ["page", "p", "q", "category", "unit", "date_from", "date_to", "chuyen-muc", "don-vi", "format"]


def public_routes():
    """(name, pattern) of every public page, read off the URLconf (the articles app and the root)."""
    root = get_resolver()
    _prefix, articles = root.namespace_dict["articles"]
    routes = []
    for resolver in (root, articles):
        for name in resolver.reverse_dict:
            if isinstance(name, str) and name != "editor-upload":  # a POST-only upload, fuzzed elsewhere
                possibilities = resolver.reverse_dict[name][0]
                routes.append((name, possibilities[0][0]))
    return sorted(set(routes))


def fill(pattern, values):
    """The route `pattern` ('chuyen-muc/%(slug)s/') with its parts from `values` (a dict, or one value for all)."""
    return "/" + re.sub(r"%\((\w+)\)s", lambda m: values if isinstance(values, str) else values[m[1]], pattern)


def parts(pattern):
    return re.findall(r"%\((\w+)\)s", pattern)


@pytest.fixture
def world():
    article = PublishedArticleFactory(title="Hội nghị tổng kết")
    PhotoFactory(article=article)
    article.units.add(UnitFactory(name="Công an tỉnh Nghệ An"))
    return article


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


def test_the_fuzz_sees_every_public_route():
    names = {name for name, _pattern in public_routes()}
    assert {"home", "detail", "search", "rss-unit", "photo-file", "preview", "archive-day", "healthz"} <= names


def test_junk_in_every_path_part_is_never_a_server_error(world, reader):
    local = world.published_at.astimezone(VIETNAM_TZ)
    valid = {
        "category": world.category.slug, "year": f"{local.year:04d}", "month": f"{local.month:02d}",
        "day": f"{local.day:02d}", "slug": world.slug, "pk": str(world.pk), "section": "bai-viet", "name": "x.jpg",
    }  # fmt: skip
    routes = [pattern for _name, pattern in public_routes() if parts(pattern)]
    urls = [fill(pattern, junk) for pattern in routes for junk in JUNK]
    # One part junk at a time, the others those of a real article: the checks behind each part run.
    urls += [fill(pattern, {**valid, part: junk}) for pattern in routes for part in parts(pattern) for junk in JUNK]
    failures = [(url[:120], status) for url in urls if (status := reader.get(url).status_code) >= 500]
    assert failures == []


def test_junk_in_every_query_parameter_is_never_a_server_error(world, reader):
    pages = [fill(pattern, "x") for _name, pattern in public_routes() if "%(" not in pattern]
    pages += [world.get_absolute_url(), world.category.get_absolute_url(), f"/ban-in/{world.pk}/"]
    urls = [f"{page}?{name}={junk}" for page in pages for name in QUERY_PARAMS for junk in JUNK]
    failures = [(url[:120], status) for url in urls if (status := reader.get(url).status_code) >= 500]
    assert failures == []


def test_odd_methods_and_headers_are_never_a_server_error(world, reader):
    for url in ["/", world.get_absolute_url(), "/tim-kiem/?q=hoi", "/rss/"]:
        for method in ("post", "put", "delete", "options", "head"):
            assert getattr(reader, method)(url).status_code < 500, (method, url)
        assert reader.get(url, HTTP_ACCEPT_LANGUAGE="x" * 5000, HTTP_IF_MODIFIED_SINCE="junk").status_code < 500
        assert reader.get(url, HTTP_HOST="evil.example").status_code == 400


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
    params=st.dictionaries(st.sampled_from(QUERY_PARAMS), st.text(max_size=30), max_size=3),
)
def test_hypothesis_paths_and_search_parameters(world, reader, path, params):
    assert reader.get("/" + quote(path), params).status_code < 500
    assert reader.get("/tim-kiem/", params).status_code < 500
