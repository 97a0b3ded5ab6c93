"""The monthly royalty report in the admin (nhuận bút tháng): on screen and as .xlsx for the accounting office.

Editors (who may view grades) see every author, and may narrow to one author or unit. A
reporter sees only their own lines and totals: their author is forced, and asking for
anyone else's (?author=, ?unit=) is a 404, the same answer as for an author that does not exist.
"""

import re
from datetime import date
from functools import partial

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import desk
from ..models import Article, Author, RoyaltyMonth, Unit
from ..royalties import month_report, report_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def report_urls(model_admin):
    site = model_admin.admin_site

    def view(function):
        return site.admin_view(partial(function, model_admin))

    return [
        path("report/", view(report_view), name="articles_royalty_report"),
        path("report.xlsx", view(export_view), name="articles_royalty_export"),
    ]


def may_read_all(user):
    return user.is_active and user.has_perm("articles.view_articlegrade")


class ReportForm(forms.Form):
    month = forms.CharField(
        label=_("month"), required=False, widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("As yyyy-mm, e.g. 2020-07."),
    )  # fmt: skip
    author = forms.ModelChoiceField(Author.objects.only("pk", "pen_name"), label=_("author"), required=False)
    unit = forms.ModelChoiceField(Unit.objects.only("pk", "name"), label=_("unit"), required=False)

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return timezone.localdate().replace(day=1)
        match = _MONTH.match(value)
        if not match or not (1990 <= int(match[1]) <= 2100 and 1 <= int(match[2]) <= 12):
            raise forms.ValidationError(_("Enter a month as yyyy-mm, e.g. 2020-07."))
        return date(int(match[1]), int(match[2]), 1)


def build(request):
    """(form, report or None) for the request, with a reporter kept to their own lines."""
    user = request.user
    form = ReportForm(request.GET or None, initial={"month": f"{timezone.localdate():%Y-%m}"})
    if may_read_all(user):
        pass
    elif desk.is_reporter(user):
        own = Author.objects.filter(user=user).values_list("pk", flat=True).first()
        if request.GET.get("unit") or request.GET.get("author") not in (None, "", str(own)):
            raise Http404(gettext("No such page."))
        del form.fields["author"], form.fields["unit"]
    else:
        raise PermissionDenied
    if form.is_bound and not form.is_valid():
        return form, None
    data = form.cleaned_data if form.is_bound else {}
    day = data.get("month") or timezone.localdate().replace(day=1)
    month = RoyaltyMonth.objects.filter(month=day).first() or RoyaltyMonth(month=day)
    if may_read_all(user):
        author = data.get("author")
        report = month_report(month, authors=[author] if author else None, unit=data.get("unit"))
    else:
        report = month_report(month, authors=[own] if own else [])
    return form, report


UNGRADED_SHOWN = 50


def ungraded(report):
    """Published articles of the report's month nobody graded yet (the editors' to-do), and how many."""
    day = report.month.month
    articles = Article.objects.published().in_period(day.year, day.month).filter(grade__isnull=True)
    shown = list(articles.only("pk", "title", "published_at").order_by("published_at", "pk")[: UNGRADED_SHOWN + 1])
    return shown[:UNGRADED_SHOWN], len(shown) > UNGRADED_SHOWN


def report_view(model_admin, request):
    form, report = build(request)
    events = list(report.month.events.select_related("actor")[:1]) if report and report.month.pk else []
    to_grade, more = ungraded(report) if report and may_read_all(request.user) else ([], False)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": report.title if report else gettext("Royalties"),
        "opts": model_admin.model._meta,
        "form": form,
        "report": report,
        "reads_all": may_read_all(request.user),
        "last_event": events[0] if events else None,
        "export_query": request.GET.urlencode(),
        "ungraded": to_grade,
        "more_ungraded": more,
        "may_grade": request.user.has_perm("articles.add_articlegrade"),
    }
    return TemplateResponse(request, "admin/articles/royaltymonth/report.html", context)


def export_view(model_admin, request):
    form, report = build(request)
    if report is None:
        errors = [message for messages in form.errors.values() for message in messages]
        return HttpResponse(" ".join(errors), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(report_workbook(report), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="nhuan-but-{report.month.month:%Y-%m}.xlsx"'
    return response
