"""The demo's plan: the sample report's conference (covered and published), two events ahead, and one late assignment.

Called once by `manage.py load_demo` after the articles; safe to run again: events are
matched on their title and assignments on their event or topic, and nothing that exists
is moved (so times stay where the first run put them).
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article, ArticleTransition, Assignment, Event, Unit
from .text import VIETNAM_TZ, to_vietnam

HOST = "Công an tỉnh Nghệ An"
CONFERENCE = "Hội nghị sơ kết phong trào thi đua 6 tháng đầu năm 2020 của Cụm thi đua số 5"
CONFERENCE_ARTICLE = "conference-report-2020-07-07"  # the demo article's import key (its file's stem)


def _at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), VIETNAM_TZ)


@transaction.atomic
def load(stdout, *, reporter="phongvien", editor="bientapvien"):
    """Create the demo's events and assignments once; print what was made."""
    # The cluster's six provinces in 2020, as load_demo made them (imported here: it imports us).
    from .management.commands.load_demo import PROVINCES as CLUSTER_PROVINCES

    users = get_user_model().objects.in_bulk([reporter, editor], field_name="username")
    reporter, editor = users[reporter], users[editor]
    units = {unit.name: unit for unit in Unit.objects.filter(name__in=[*CLUSTER_PROVINCES, "Công an thành phố Vinh"])}
    today = to_vietnam(timezone.now()).date()
    created = 0

    def event(title, starts_at, hours, place, participants):
        nonlocal created
        obj, was_created = Event.objects.get_or_create(
            title=title,
            defaults={"starts_at": starts_at, "ends_at": starts_at + timedelta(hours=hours), "place": place,
                      "host_unit": units.get(HOST), "created_by": editor},
        )  # fmt: skip
        if was_created:
            obj.units.set([units[name] for name in participants if name in units])
            created += 1
        return obj

    def assignment(due_at, *, event=None, topic="", notes=""):
        nonlocal created
        existing = Assignment.objects.filter(event=event) if event else Assignment.objects.filter(topic=topic)
        if existing.exists():
            return None
        obj = Assignment.objects.create(event=event, topic=topic, due_at=due_at, notes=notes, created_by=editor)
        obj.reporters.set([reporter])
        created += 1
        return obj

    # The sample report's conference: covered, and the article published (through the real hooks).
    conference = event(CONFERENCE, datetime(2020, 7, 7, 8, 0, tzinfo=VIETNAM_TZ), 3.5, "TX Cửa Lò", CLUSTER_PROVINCES)
    covered = assignment(datetime(2020, 7, 7, 17, 0, tzinfo=VIETNAM_TZ), event=conference)
    article = Article.objects.filter(import_key=CONFERENCE_ARTICLE).first()
    if covered is not None and article is not None and not hasattr(article, "assignment"):
        covered.accept(user=reporter)
        covered.file_article(article, user=reporter)
        entry = ArticleTransition.objects.filter(article=article).order_by("-created_at", "-pk").first()
        if entry is not None:
            Assignment.objects.follow_article(entry)

    # Two events ahead, for the week's calendar.
    launch = event(
        "Lễ ra quân đợt cao điểm tấn công trấn áp tội phạm dịp Tết",
        _at(today + timedelta(days=1), 7, 30),
        2,
        "Quảng trường Hồ Chí Minh, TP Vinh",
        ["Công an thành phố Vinh"],
    )
    assignment(_at(today + timedelta(days=1), 16), event=launch, notes=_("Photos of the whole square."))
    review = event(
        "Hội nghị tổng kết công tác năm 2026 của Cụm thi đua số 5",
        _at(today + timedelta(days=3), 8),
        4,
        "TX Cửa Lò",
        CLUSTER_PROVINCES,
    )
    assignment(_at(today + timedelta(days=3), 17), event=review)

    # A free topic, accepted and not filed by its due time yesterday: the overdue list is not empty.
    late = assignment(_at(today - timedelta(days=1), 17), topic="Phóng sự: bảo đảm an toàn giao thông mùa mưa lũ")
    if late is not None:
        late.accept(user=reporter)
    stdout.write(_("Plan: %(created)d events and assignments created.") % {"created": created})
