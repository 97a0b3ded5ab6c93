"""Demo topics (chủ đề) on the demo articles, and a few reads so the "Đọc nhiều" block shows at once."""

from django.db import transaction
from django.utils import timezone

from .models import Article, ArticleReadCount, Topic
from .reads import hour_of

# topic -> (description, demo files whose articles it tags)
TOPICS = {
    "Phòng chống ma túy": (
        "Đấu tranh với tội phạm ma túy trên địa bàn Nghệ An và các tỉnh bạn.",
        ["triet-pha-duong-day-ma-tuy-lien-tinh", "ra-quan-tan-cong-tran-ap-toi-pham"],
    ),
    "Cụm thi đua số 5": (
        "Hoạt động của Công an các tỉnh trong Cụm thi đua số 5 của Bộ Công an.",
        ["cum-thi-dua-so-5-tong-ket-nam-2026", "conference-report-2020-07-07"],
    ),
    "Cảnh giác lừa đảo": (
        "Những thủ đoạn lừa đảo mới và cách phòng tránh.",
        ["canh-bao-gia-danh-cong-an-lua-dao"],
    ),
    "Phòng cháy chữa cháy": (
        "Kỹ năng an toàn và công tác phòng cháy, chữa cháy.",
        ["ky-nang-thoat-nan-khi-chay-nha", "cua-lo-dam-bao-an-toan-du-khach"],
    ),
}
# Demo file -> reads this hour, so the block has something to rank before any reader came.
READS = {"triet-pha-duong-day-ma-tuy-lien-tinh": 42, "canh-bao-gia-danh-cong-an-lua-dao": 27,
         "ra-quan-tan-cong-tran-ap-toi-pham": 18}  # fmt: skip


@transaction.atomic
def load_topics():
    """Create the demo topics and tag their articles; returns how many topics were created.

    Idempotent: an article that already has topics is left as an editor may have set it.
    """
    created = 0
    for name, (description, keys) in TOPICS.items():
        topic, was_created = Topic.objects.get_or_create(name=name, defaults={"description": description})
        created += was_created
        for article in Article.objects.filter(import_key__in=keys, topics=None):
            article.topics.add(topic)
    if not ArticleReadCount.objects.exists():
        hour = hour_of(timezone.now())
        ArticleReadCount.objects.bulk_create(
            ArticleReadCount(article=article, hour=hour, count=READS[article.import_key])
            for article in Article.objects.filter(import_key__in=READS)
        )
    return created
