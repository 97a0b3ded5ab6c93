"""The plan in the admin: events, assignments (a reporter's own, next first), the accept step and the work calendar.

Editors and the leadership create, change (reassign) and delete assignments; a reporter sees
only those they are on (reporter or photographer), accepts them and starts the article from
one (the article add form, prefilled: articles/admin/article.py). Every step is a method of
Assignment (articles/models/planning.py); this module only asks it.
"""

from datetime import date

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import BadRequest
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import notifications
from ..models import Assignment, AssignmentError, AssignmentQuerySet, Event
from ..models.base import STORABLE_TIMES
from ..models.planning import may_plan
from ..plan_calendar import Period, grid
from ..text import WEEKDAYS, to_vietnam
from .common import short_time

A = Assignment.Status


# Django's Vietnamese locale reads dates the American way (%m/%d/%Y): 04/12/2026 would be 12 April.
# The widget shows ISO dates; what a Vietnamese editor types is day first.
DAY_FIRST = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y"]


def read_days_first(form):
    for field in form.fields.values():
        if isinstance(field, forms.SplitDateTimeField):
            field.fields[0].input_formats = DAY_FIRST


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title", "starts_at", "ends_at", "place", "host_unit", "units", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        read_days_first(self)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        for name in ("starts_at", "ends_at"):
            value = cleaned.get(name)
            if value is not None and not (STORABLE_TIMES[0] <= value < STORABLE_TIMES[1]):
                self.add_error(name, _("Enter a time between the years 1900 and 8999."))
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        return cleaned


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventForm
    list_display = ("title", "starts_column", "place", "host_unit")
    list_select_related = ("host_unit",)
    search_fields = ("title", "place")
    autocomplete_fields = ("host_unit", "units")
    date_hierarchy = "starts_at"
    ordering = ("-starts_at", "-pk")

    @admin.display(description=_("starts at"), ordering="starts_at")
    def starts_column(self, event):
        return short_time(event.starts_at)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


def staff_users():
    return get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username")


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["event", "topic", "reporters", "photographer", "due_at", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "reporters" in self.fields:
            self.fields["reporters"].queryset = staff_users()
        if "photographer" in self.fields:
            self.fields["photographer"].queryset = staff_users()
        read_days_first(self)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("event") and not (cleaned.get("topic") or "").strip():
            raise forms.ValidationError(_("Choose an event or write a topic."), code="no_subject")
        due = cleaned.get("due_at")
        if due is not None and not (STORABLE_TIMES[0] <= due < STORABLE_TIMES[1]):
            self.add_error("due_at", _("Enter a time between the years 1900 and 8999."))
        return cleaned


def _number(text):
    """A URL part as a small number: 1 to 6 ASCII digits, else ValueError."""
    if not (text.isascii() and text.isdigit() and len(text) <= 6):
        raise ValueError(text)
    return int(text)


class AssignmentStatusFilter(admin.SimpleListFilter):
    """The statuses, and "late": the overdue list."""

    title = _("status")
    parameter_name = "status"
    LATE = "late"

    def lookups(self, request, model_admin):
        return [(self.LATE, _("Late")), *A.choices]

    def queryset(self, request, queryset):
        if self.value() == self.LATE:
            return queryset.late()
        if self.value() in A.values:
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    form = AssignmentForm
    list_display = ("subject_column", "due_column", "status_column", "people_column", "article_column")
    list_filter = (AssignmentStatusFilter, "event")
    search_fields = ("topic", "event__title")
    autocomplete_fields = ("event",)
    filter_horizontal = ("reporters",)
    readonly_fields = ("status_column", "article_column", "created_by")
    date_hierarchy = "due_at"
    list_per_page = 50
    view_on_site = False  # an assignment's only page is this one

    class Media:
        css = {"all": ["articles/admin/planning.css"]}

    change_form_template = "admin/articles/assignment/change_form.html"
    change_list_template = "admin/articles/assignment/change_list.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("calendar/", wrap(self.calendar_view), name="articles_assignment_calendar"),
            path(
                # Strings, read here: a junk part is this view's 404, not the admin's catch-all redirect.
                "calendar/<str:kind>/<str:year>/<str:number>/",
                wrap(self.calendar_view),
                name="articles_assignment_calendar_period",
            ),
            path("<path:object_id>/accept/", wrap(self.accept_view), name="articles_assignment_accept"),
            *super().get_urls(),
        ]

    # --- who sees what ---------------------------------------------------------

    def get_queryset(self, request):
        # Django skips list_select_related once the queryset selects anything: the list's needs are here.
        return super().get_queryset(request).visible_to(request.user).for_listing()

    def get_ordering(self, request):
        return AssignmentQuerySet.next_first_ordering()

    def get_fields(self, request, obj=None):
        fields = ["event", "topic", "reporters", "photographer", "due_at", "notes"]
        return fields + (["status_column", "article_column", "created_by"] if obj is not None else [])

    # --- columns ---------------------------------------------------------------

    @admin.display(description=_("assignment"))
    def subject_column(self, assignment):
        return assignment.subject

    @admin.display(description=_("due at"), ordering="due_at")
    def due_column(self, assignment):
        return short_time(assignment.due_at)

    @admin.display(description=_("status"), ordering="status")
    def status_column(self, assignment):
        if assignment.is_late():
            return format_html('<strong class="assignment-late">{}</strong>', assignment.display_status())
        return assignment.display_status()

    @admin.display(description=_("reporters"))
    def people_column(self, assignment):
        names = [notifications.display_name(user) for user in assignment.reporters.all()]
        if assignment.photographer_id:
            names.append(gettext("photos: %(name)s") % {"name": notifications.display_name(assignment.photographer)})
        return ", ".join(names)

    @admin.display(description=_("article"))
    def article_column(self, assignment):
        if assignment.article_id is None:
            return "—"
        url = reverse("admin:articles_article_change", args=[assignment.article_id])
        return format_html('<a href="{}">{}</a>', url, assignment.article.title)

    # --- saving: who is told ---------------------------------------------------

    def save_model(self, request, obj, form, change):
        if change:
            before = Assignment.objects.select_for_update().get(pk=obj.pk)
            obj._people_before = {p.pk for p in before.people()}
            obj._due_before = before.due_at
        else:
            obj.created_by = request.user
            obj._people_before, obj._due_before = set(), None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        assignment = form.instance
        newcomers = {p.pk for p in assignment.people()} - assignment._people_before
        if change and (newcomers or "reporters" in form.changed_data or assignment.due_at != assignment._due_before):
            assignment.reassigned(
                user=request.user, newcomers=newcomers, due_changed=assignment.due_at != assignment._due_before
            )
        if newcomers:
            actor, pk = request.user, assignment.pk
            transaction.on_commit(lambda: notifications.assignment_assigned(pk, newcomers, actor))

    # --- the change form and its steps -----------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        assignment = self.get_object(request, object_id)
        if assignment is not None and self.has_view_permission(request, assignment):
            mine = assignment.works_on(request.user)
            extra_context.update(
                assignment=assignment,
                may_accept=mine and assignment.status == A.ASSIGNED,
                may_write=(mine or may_plan(request.user)) and assignment.is_open and not assignment.article_id,
                write_url=reverse("admin:articles_article_add") + f"?assignment={assignment.pk}",
                recent_changes=assignment.changes.select_related("actor")[:10],
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def accept_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        assignment = self.get_object(request, object_id)
        if assignment is None:
            raise Http404(gettext("No such assignment."))
        try:
            assignment.accept(user=request.user)
        except AssignmentError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, gettext("You accepted “%(subject)s”.") % {"subject": assignment.subject})
        return redirect("admin:articles_assignment_change", assignment.pk)

    # --- the work calendar -----------------------------------------------------

    def calendar_view(self, request, kind=None, year=None, number=None):
        """A week (ISO year and week) or a month of events and assignments; ?date=YYYY-MM-DD jumps to one."""
        if not self.has_view_permission(request):
            raise Http404(gettext("No such page."))
        if kind is None:
            try:
                day = date.fromisoformat(request.GET.get("date") or to_vietnam(timezone.now()).date().isoformat())
                period = Period.around(request.GET.get("view", "week"), day)
            except ValueError:
                raise BadRequest(gettext("Enter the date as year-month-day, e.g. 2026-12-03.")) from None
            return redirect("admin:articles_assignment_calendar_period", period.kind, *period.args)
        try:
            if kind == "week":
                period = Period.week(_number(year), _number(number))
            elif kind == "month":
                period = Period.month(_number(year), _number(number))
            else:
                raise ValueError(kind)
        except (ValueError, OverflowError):
            raise Http404(gettext("No such week or month.")) from None

        def url(p):
            return reverse("admin:articles_assignment_calendar_period", args=[p.kind, *p.args])

        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Work calendar"),
            "period": period,
            "weeks": grid(period, request.user),
            "weekday_labels": WEEKDAYS,
            "previous_url": url(period.previous()),
            "next_url": url(period.next()),
            "week_url": url(period.switch("week")),
            "month_url": url(period.switch("month")),
            "today_url": reverse("admin:articles_assignment_calendar"),
            "late_url": reverse("admin:articles_assignment_changelist") + "?status=late",
            "late_count": Assignment.objects.visible_to(request.user).late().count(),
        }
        return TemplateResponse(request, "admin/articles/assignment/calendar.html", context)
