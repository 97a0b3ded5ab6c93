"""Royalty reports (nhuận bút): a month's points and amounts per author, per unit and for the paper, and its .xlsx.

One report object feeds both the admin page and the workbook, so the accounting office's
file always shows the totals the screen shows. Amounts are whole đồng: each author's points
times the month's value of one point, rounded half up; a unit's amount is the sum of its
authors', the paper's the sum of its units'. Two queries, whatever the number of grades.
"""

import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .models import GradeShare, PhotoGrade, RoyaltyMonth
from .text import to_vietnam


def format_vnd(amount):
    """Whole đồng the Vietnamese way: 1250000 -> "1.250.000 ₫"; None (no value set yet) -> "—"."""
    if amount is None:
        return "—"
    return f"{int(amount):,} ₫".replace(",", ".")


def format_points(points):
    """Points with a decimal comma and dot thousands: Decimal("1234.5") -> "1.234,50"."""
    return f"{points:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def amount_for(points, point_value):
    if point_value is None:
        return None
    return int((points * point_value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Line:
    """One graded article or photo, as credited to one author."""

    kind: str  # "article" or "photo"
    title: str
    published_at: object
    genre: str
    coefficient: Decimal
    grade_points: Decimal
    percent: Decimal
    points: Decimal

    @property
    def kind_label(self):
        return _("Photo") if self.kind == "photo" else _("Article")

    @property
    def date(self):
        return f"{to_vietnam(self.published_at):%d/%m/%Y}" if self.published_at else ""


@dataclass
class AuthorTotal:
    author: object
    lines: list = field(default_factory=list)
    points: Decimal = Decimal(0)
    amount: int | None = None

    @property
    def unit(self):
        return self.author.unit

    @property
    def articles(self):
        return sum(1 for line in self.lines if line.kind == "article")

    @property
    def photos(self):
        return sum(1 for line in self.lines if line.kind == "photo")


@dataclass
class UnitTotal:
    unit: object  # None: authors without a unit
    authors: list = field(default_factory=list)
    points: Decimal = Decimal(0)
    amount: int | None = None
    articles: int = 0
    photos: int = 0

    @property
    def name(self):
        return self.unit.name if self.unit else _("No unit")


@dataclass
class MonthReport:
    month: RoyaltyMonth
    authors: list
    units: list
    points: Decimal
    amount: int | None
    articles: int
    photos: int

    @property
    def title(self):
        return _("Royalty report for %(month)s") % {"month": self.month.label}


def month_report(month, *, authors=None, unit=None):
    """The report of `month` (a RoyaltyMonth, saved or not), for some authors or one unit if asked."""
    shares = GradeShare.objects.filter(grade__month__month=month.month).select_related(
        "grade__article", "grade__genre", "author__unit"
    )
    photos = PhotoGrade.objects.filter(month__month=month.month).select_related(
        "photo__article", "genre", "photographer__unit"
    )
    if authors is not None:
        shares, photos = shares.filter(author__in=authors), photos.filter(photographer__in=authors)
    if unit is not None:
        shares, photos = shares.filter(author__unit=unit), photos.filter(photographer__unit=unit)

    by_author, articles_of_unit, photos_of_unit = {}, {}, {}
    for share in shares.order_by("grade__article__published_at", "pk"):
        grade, article = share.grade, share.grade.article
        total = by_author.setdefault(share.author.pk, AuthorTotal(share.author))
        total.lines.append(
            Line("article", article.title, article.published_at, grade.genre.name, grade.coefficient, grade.points,
                 share.percent, share.points)
        )  # fmt: skip
        articles_of_unit.setdefault(share.author.unit_id, set()).add(article.pk)
    for grade in photos.order_by("photo__article__published_at", "pk"):
        photo = grade.photo
        total = by_author.setdefault(grade.photographer.pk, AuthorTotal(grade.photographer))
        title = photo.caption or photo.article.title
        total.lines.append(
            Line("photo", title, photo.article.published_at, grade.genre.name, grade.coefficient, grade.points,
                 Decimal(100), grade.points)
        )  # fmt: skip
        photos_of_unit.setdefault(grade.photographer.unit_id, set()).add(photo.pk)

    units = {}
    for total in sorted(by_author.values(), key=lambda t: t.author.pen_name):
        total.points = sum((line.points for line in total.lines), Decimal(0))
        total.amount = amount_for(total.points, month.point_value)
        unit_total = units.setdefault(total.author.unit_id, UnitTotal(total.author.unit))
        unit_total.authors.append(total)
    for unit_id, unit_total in units.items():
        unit_total.points = sum((t.points for t in unit_total.authors), Decimal(0))
        if month.point_value is not None:
            unit_total.amount = sum(t.amount for t in unit_total.authors)
        unit_total.articles = len(articles_of_unit.get(unit_id, ()))
        unit_total.photos = len(photos_of_unit.get(unit_id, ()))
    ordered_units = sorted(units.values(), key=lambda u: (u.unit is None, u.name))
    return MonthReport(
        month=month,
        authors=[t for u in ordered_units for t in u.authors],
        units=ordered_units,
        points=sum((u.points for u in ordered_units), Decimal(0)),
        amount=None if month.point_value is None else sum(u.amount for u in ordered_units),
        # An article two units' authors share is one article of the paper.
        articles=len(set().union(*articles_of_unit.values())),
        photos=len(set().union(*photos_of_unit.values())),
    )


# --- the workbook for the accounting office ---------------------------------------

MONEY = '#,##0 "₫"'
POINTS = "#,##0.00"


def report_workbook(report):
    """The report as .xlsx bytes: the paper by unit, the authors, and every graded line."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    book = Workbook()

    def sheet(ws, title, headers, rows, total=None, formats=()):
        ws.title = title
        ws.append([report.title])
        ws["A1"].font = Font(bold=True, size=13)
        value = format_vnd(report.month.point_value)
        ws.append([_("Value of one point"), value])
        ws.append([])
        ws.append(headers)
        for cell in ws[ws.max_row]:
            cell.font = bold
        for row in [*rows, *([total] if total else [])]:
            ws.append(row)
            for column, number_format in formats:
                ws.cell(row=ws.max_row, column=column).number_format = number_format
        if total:
            for cell in ws[ws.max_row]:
                cell.font = bold
        for column in ws.columns:
            width = max(len(str(cell.value or "")) for cell in column[3:]) if ws.max_row > 3 else 10
            ws.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)

    sheet(
        book.active,
        _("Paper"),
        [_("Unit"), _("Articles"), _("Photos"), _("Points"), _("Amount (đồng)")],
        [[u.name, u.articles, u.photos, u.points, u.amount] for u in report.units],
        [_("Whole paper"), report.articles, report.photos, report.points, report.amount],
        formats=[(4, POINTS), (5, MONEY)],
    )
    sheet(
        book.create_sheet(),
        _("Authors"),
        [_("Pen name"), _("Full name"), _("Unit"), _("Articles"), _("Photos"), _("Points"), _("Amount (đồng)")],
        [
            [
                t.author.pen_name,
                t.author.full_name,
                t.unit.name if t.unit else "",
                t.articles,
                t.photos,
                t.points,
                t.amount,
            ]
            for t in report.authors
        ],  # fmt: skip
        [_("Total"), "", "", "", "", report.points, report.amount],
        formats=[(6, POINTS), (7, MONEY)],
    )
    sheet(
        book.create_sheet(),
        _("Details"),
        [
            _("Pen name"),
            _("Kind"),
            _("Title"),
            _("Publication date"),
            _("Genre"),
            _("Coefficient"),
            _("Points of the grade"),
            _("Share"),
            _("Points"),
        ],  # fmt: skip
        [
            [
                t.author.pen_name,
                line.kind_label,
                line.title,
                line.date,
                line.genre,
                line.coefficient,
                line.grade_points,
                line.percent,
                line.points,
            ]
            for t in report.authors
            for line in t.lines
        ],  # fmt: skip
        formats=[(7, POINTS), (9, POINTS)],
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
