"""load_demo: sections, units, cluster terms, two staff accounts, a dozen published articles; a re-run adds nothing."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.utils import translation

from articles import roles
from articles.management.commands.load_demo import Command
from articles.models import Article, ArticleRevision, Author, Category, Photo, Unit, UnitMembership
from tests.admin_client import admin_login

DEMO_SAMPLE = Path(__file__).resolve().parent.parent / "articles" / "demo" / "conference-report-2020-07-07.txt"
SHARED_SAMPLE = Path("/work/shared/samples/conference-report-2020-07-07.txt")
MODELS = (Article, ArticleRevision, Author, Category, Photo, Unit, UnitMembership, get_user_model())


def load():
    out = StringIO()
    with translation.override("en"):
        call_command("load_demo", stdout=out, stderr=StringIO())
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def demo(db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-matkhau-2026")
    return load()


def test_demo_loads_sections_and_units_with_cluster_terms(demo):
    assert list(Category.objects.values_list("name", flat=True)) == [
        "Tin tức - Sự kiện",
        "An ninh trật tự",
        "Xây dựng lực lượng",
        "Pháp luật",
        "Gia đình - Xã hội",
    ]
    x03 = Unit.objects.get(name="Cục X03")
    assert (x03.kind, x03.parent.name) == (Unit.Kind.DEPARTMENT, "Bộ Công an")
    assert Unit.objects.get(name="Bộ Công an").kind == Unit.Kind.MINISTRY
    assert Unit.objects.filter(kind=Unit.Kind.PROVINCIAL).count() >= 6
    assert Unit.objects.filter(kind=Unit.Kind.DISTRICT, parent__name="Công an tỉnh Nghệ An").count() >= 3
    cluster = Unit.objects.get(name="Cụm thi đua số 5", kind=Unit.Kind.CLUSTER)
    in_2020 = {m.member.name for m in cluster.memberships.all() if m.holds_in(2020)}
    in_2024 = {m.member.name for m in cluster.memberships.all() if m.holds_in(2024)}
    assert in_2020 == {
        "Công an tỉnh Thanh Hóa",
        "Công an tỉnh Nghệ An",
        "Công an tỉnh Hà Tĩnh",
        "Công an tỉnh Quảng Bình",
        "Công an tỉnh Quảng Trị",
        "Công an tỉnh Thừa Thiên Huế",
    }
    assert in_2024 and in_2024 != in_2020
    assert {(m.start_year, m.end_year) for m in cluster.memberships.all() if m.holds_in(2020)} == {(2020, 2023)}


def test_demo_accounts_have_their_roles_print_passwords_and_can_log_in(demo, client):
    assert "phongvien" in demo and "bientapvien" in demo and "lanhdao" in demo
    assert demo.count("demo-matkhau-2026") == 3
    expected = {"phongvien": roles.REPORTER, "bientapvien": roles.MODERATOR, "lanhdao": roles.CHIEF}
    for username, role in expected.items():
        user = get_user_model().objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.is_staff and Author.objects.get(user=user).pen_name
    assert get_user_model().objects.get(username="lanhdao").has_perm("articles.signoff_article")
    assert admin_login(client, "phongvien", "demo-matkhau-2026")


def test_demo_has_a_section_that_needs_sign_off_and_an_article_waiting_in_it(demo):
    sensitive = Category.objects.get(needs_signoff=True)
    assert sensitive.name == "An ninh trật tự"
    [waiting] = Article.objects.filter(status=Article.Status.SUBMITTED)
    assert waiting.category == sensitive and waiting.created_by.username == "phongvien"
    assert waiting.transitions.get().action == "submit"
    assert waiting.photos.exclude(image="").count() == 1


def test_demo_articles_are_published_over_several_days_and_sections_with_photos(demo):
    published = Article.objects.published()
    assert published.count() == 12
    assert published.values("category").distinct().count() >= 4
    assert len({a.published_at.date() for a in published}) >= 10
    assert published.filter(is_featured=True).count() == 1
    assert not Photo.objects.filter(image="").exists()
    assert Photo.objects.count() >= 12
    assert all(a.cover_photo_id for a in published)


def test_demo_sample_report_page_shows_its_three_photos(demo, client):
    article = Article.objects.get(import_key="conference-report-2020-07-07")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Thứ Ba, 07/07/2020, 14:33 [GMT+7]" in html
    assert html.count("<figcaption>") == 3
    assert "Toàn cảnh Hội nghị" in html
    assert "Đ. Thắng" in html
    assert {u.name for u in article.units.all()} >= {"Cụm thi đua số 5", "Bộ Công an", "Cục X03"}


def test_running_the_demo_again_keeps_data_and_creates_nothing(demo, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD")
    Article.objects.filter(is_featured=True).update(title="Tiêu đề đã biên tập")
    before = counts()
    updated = dict(Article.objects.values_list("pk", "updated_at"))
    again = load()
    assert counts() == before
    assert dict(Article.objects.values_list("pk", "updated_at")) == updated
    assert Article.objects.filter(title="Tiêu đề đã biên tập").exists()
    assert "demo-matkhau-2026" not in again
    assert "password unchanged" in again
    assert "Articles: 0 created, 12 already there." in again


@pytest.mark.django_db
def test_generated_passwords_are_printed_and_work(monkeypatch, client):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    command, out = Command(), StringIO()
    command.stdout = OutputWrapper(out)
    with translation.override("en"):
        command.load_accounts()
    passwords = dict(re.findall(r"Account (\w+) \([^)]+\) created, password: (\S+)", out.getvalue()))
    assert set(passwords) == {"phongvien", "bientapvien", "lanhdao"}
    assert passwords["phongvien"] != passwords["bientapvien"]
    assert admin_login(client, "bientapvien", passwords["bientapvien"])


@pytest.mark.skipif(not SHARED_SAMPLE.exists(), reason="the shared samples folder is not here")
def test_demo_sample_is_the_shared_sample():
    assert DEMO_SAMPLE.read_bytes() == SHARED_SAMPLE.read_bytes()


def test_demo_tags_articles_with_topics_and_seeds_most_read(demo, client):
    from articles.models import ArticleReadCount, Topic

    drugs = Topic.objects.get(name="Phòng chống ma túy")
    assert drugs.articles.count() == 2
    assert "Topics: 4 created." in demo
    html = client.get(drugs.get_absolute_url()).content.decode()
    assert all(article.title in html for article in drugs.articles.all())
    assert ArticleReadCount.objects.exists()
    assert "Đọc nhiều" in client.get("/").content.decode()
    again = load()
    assert "Topics: 0 created." in again
    assert drugs.articles.count() == 2 and ArticleReadCount.objects.count() == 3


def test_running_the_demo_again_with_demo_password_resets_the_accounts_passwords(demo, monkeypatch, client):
    User = get_user_model()
    for user in User.objects.filter(username__in=["phongvien", "bientapvien", "lanhdao"]):
        user.set_password("quen-mat-roi")
        user.save()
    monkeypatch.setenv("DEMO_PASSWORD", "mat-khau-moi-2026")
    before = counts()
    again = load()
    assert again.count("password reset to DEMO_PASSWORD") == 3
    assert "mat-khau-moi-2026" not in again
    assert counts() == before
    for username in ("phongvien", "bientapvien", "lanhdao"):
        assert User.objects.get(username=username).check_password("mat-khau-moi-2026")
    assert admin_login(client, "lanhdao", "mat-khau-moi-2026")


def test_running_the_demo_again_without_demo_password_keeps_a_changed_password(demo, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD")
    user = get_user_model().objects.get(username="phongvien")
    user.set_password("mat-khau-rieng")
    user.save()
    load()
    user.refresh_from_db()
    assert user.check_password("mat-khau-rieng")
