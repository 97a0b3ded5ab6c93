"""Bad input ends in a Vietnamese 404/400 page or renders normally: never a 500."""

import pytest

from tests.factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db

NOT_FOUND_TEXT = "Không tìm thấy trang"


@pytest.fixture
def article():
    return PublishedArticleFactory(title="Tin an ninh")


@pytest.mark.parametrize(
    "url",
    [
        "/2020/02/30/",
        "/2020/13/",
        "/2020/00/",
        "/2021/02/29/",
        "/0000/01/01/",
        "/9999/12/32/",
        "/tin-moi/?page=abc",
        "/tin-moi/?page=0",
        "/tin-moi/?page=-1",
        "/tin-moi/?page=99999",
        "/tin-moi/?page=1e9999",
        "/chuyen-muc/" + "a" * 10_000 + "/",
        "/tac-gia/%ff%fe%00/",
        "/%C0%AE%C0%AE/%2e%2e/etc/passwd",
        "/chuyen-muc/%E2%80%AE%00/",
        "/xem-truoc/99999999999999999999999/",
    ],
)
def test_bad_urls_give_vietnamese_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert NOT_FOUND_TEXT in response.content.decode()


def test_huge_slug_on_a_real_article_redirects_to_its_address(client, article):
    url = article.get_absolute_url().replace(article.slug, "x" * 10_000)
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_huge_article_id_is_404_not_overflow(client, article):
    url = article.get_absolute_url().replace(f"-{article.pk}/", "-999999999999999999/")
    assert client.get(url).status_code == 404


def test_year_zero_archive_is_404(client):
    assert client.get("/0000/").status_code == 404


def test_last_page_renders(client, article):
    response = client.get("/tin-moi/?page=last")
    assert response.status_code == 200
    assert "Tin an ninh" in response.content.decode()
