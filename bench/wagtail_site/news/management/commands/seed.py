"""Seeds the news site like Newsroom's bench seed and prints the URLs to measure, as JSON.

Usage: python manage.py seed [--articles 100]. Seeds only a site without a home page; always prints.
5 sections; article i goes to section i % 5, i hours old, with 2 of 10 authors, 2 of 10 units, 2 tags and
a gallery of 3 photos of its own (1600x1067 JPEG, the first also its cover). Every rendition the templates
use is made here, so the benchmark measures rendering, not resizing.
"""

import io
import json
import random
from datetime import timedelta

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Page, Site

from news.models import (
    OG_IMAGE_SPEC,
    PICTURE_SPECS,
    ArticlePage,
    ArticlePageAuthor,
    ArticlePageImage,
    Author,
    HomePage,
    SectionPage,
    Unit,
)

SECTIONS = ["Tin tức - Sự kiện", "An ninh trật tự", "Xây dựng lực lượng", "Pháp luật", "Gia đình - Xã hội"]
SLUGS = ["tin-tuc-su-kien", "an-ninh-trat-tu", "xay-dung-luc-luong", "phap-luat", "gia-dinh-xa-hoi"]
TAGS = ["an ninh", "giao thông", "phòng cháy", "thi đua", "cải cách hành chính", "ma túy", "biển đảo", "dân vận"]
BODY = "".join(
    f"<p>Đoạn {i}: Công an tỉnh Nghệ An triển khai đồng bộ nhiều giải pháp, "
    "nhằm giữ vững ổn định an ninh chính trị, trật tự an toàn xã hội trên địa bàn.</p>"
    for i in range(12)
)


def title(i):
    return f"Hội nghị sơ kết phong trào thi đua số {i} của Công an tỉnh"


def photo(rnd, name):
    img = PILImage.new("RGB", (1600, 1067), (rnd.randrange(256), 90, 60))
    ImageDraw.Draw(img).ellipse((300, 200, 1300, 900), fill=(200, 200, rnd.randrange(256)))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    image = Image.objects.create(title=name, file=ImageFile(buf, name="photo.jpg"))
    image.get_renditions(*{*PICTURE_SPECS, OG_IMAGE_SPEC})
    return image


@transaction.atomic
def seed(count):
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    home = Page.get_first_root_node().add_child(instance=HomePage(title="Trang chủ", slug="trang-chu"))
    Site.objects.filter(pk=site.pk).update(root_page=home, site_name="Báo Công an Nghệ An")
    welcome.delete()
    sections = [
        home.add_child(instance=SectionPage(title=name, slug=slug, show_in_menus=True, intro=f"<p>Tin {name}.</p>"))
        for name, slug in zip(SECTIONS, SLUGS, strict=True)
    ]
    authors = [Author.objects.create(name=f"P.V {i}") for i in range(10)]
    units = [Unit.objects.create(name=f"Công an huyện {i}") for i in range(10)]
    rnd, now = random.Random(1), timezone.now().replace(microsecond=0)
    for i in reversed(range(count)):  # oldest first, so the page tree's order agrees with the dates
        images = [photo(rnd, f"Ảnh {p} của bài {i}") for p in range(3)]
        article = ArticlePage(
            title=title(i),
            slug=f"bai-{i}",
            date=now - timedelta(hours=i),
            lead="Sáng 7/7, tại TX Cửa Lò, Cụm thi đua số 5 tổ chức Hội nghị sơ kết phong trào thi đua 6 tháng.",
            body=BODY,
            cover=images[0],
        )
        article.units = rnd.sample(units, 2)
        article.tags.add(*rnd.sample(TAGS, 2))
        article.page_authors = [ArticlePageAuthor(author=a, sort_order=n) for n, a in enumerate(rnd.sample(authors, 2))]
        article.gallery_images = [
            ArticlePageImage(image=img, caption=img.title, sort_order=n) for n, img in enumerate(images)
        ]
        sections[i % 5].add_child(instance=article)


class Command(BaseCommand):
    help = "Seeds the news site (once) and prints the URLs to measure as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100)

    def handle(self, *args, articles, **options):
        if not HomePage.objects.exists():
            seed(articles)
        newest = ArticlePage.objects.live().order_by("-date")
        urls = {"article": newest[3].url, "section": newest[0].get_parent().url, "home": "/", "title": title(3)}
        self.stdout.write(json.dumps(urls))
