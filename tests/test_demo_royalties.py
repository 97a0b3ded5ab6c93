"""load_demo grades the demo articles over two months, closes the older one, and adds nothing when run again."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from articles.models import ArticleGrade, GradeShare, PhotoGrade, RoyaltyMonth, RoyaltyMonthEvent
from articles.royalties import month_report


def load():
    with translation.override("en"):
        call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def counts():
    return [m.objects.count() for m in (ArticleGrade, GradeShare, PhotoGrade, RoyaltyMonth, RoyaltyMonthEvent)]


@pytest.mark.django_db
def test_demo_grades_two_months_and_a_rerun_changes_nothing(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-matkhau-2026")
    load()
    months = {m.label: m for m in RoyaltyMonth.objects.all()}
    assert set(months) == {"07/2020", "11/2026"}
    assert months["07/2020"].is_closed and months["07/2020"].point_value == 40_000
    assert not months["11/2026"].is_closed and months["11/2026"].point_value == 45_000
    assert RoyaltyMonthEvent.objects.get().actor.username == "lanhdao"
    november = month_report(months["11/2026"])
    assert november.articles == 11 and november.photos >= 1 and november.amount > 0
    assert any(share.percent == 60 for share in GradeShare.objects.all())  # the co-authored article
    before = counts()
    load()
    assert counts() == before
