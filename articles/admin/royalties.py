"""Royalties in the admin: the genre table, months (value of one point, closing), grading articles and photos.

Grading is the editors' (the grade admins need the articles.*_articlegrade permissions);
reporters have none of them, so no admin list, form, shortcut or autocomplete shows
them a grade: they read their own on the report page (articles/admin/royalty_report.py).
A closed month's refusal comes from the models' clean(), so a form shows it as an error.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..models import Article, ArticleGrade, Genre, GradeShare, PhotoGrade, RoyaltyMonth, RoyaltyMonthEvent
from ..models.royalties import equal_shares
from ..royalties import format_points, format_vnd
from .common import short_time
from .royalty_report import report_urls


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "min_coefficient", "max_coefficient", "points_per_coefficient", "order")
    list_filter = ("kind",)
    search_fields = ("name",)
    ordering = ("kind", "order", "name")


class RoyaltyMonthForm(forms.ModelForm):
    month = forms.DateField(
        label=_("month"),
        input_formats=["%m/%Y", "%Y-%m"],
        widget=forms.DateInput(format="%m/%Y", attrs={"placeholder": "07/2020", "size": 8}),
        help_text=_("As mm/yyyy, e.g. 07/2020."),
        error_messages={"invalid": _("Enter a month as mm/yyyy, e.g. 07/2020.")},
    )

    class Meta:
        model = RoyaltyMonth
        fields = ["month", "point_value"]


class RoyaltyMonthEventInline(admin.TabularInline):
    model = RoyaltyMonthEvent
    fields = ("action", "actor", "at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RoyaltyMonth)
class RoyaltyMonthAdmin(admin.ModelAdmin):
    form = RoyaltyMonthForm
    list_display = ("label_column", "value_column", "is_closed", "last_event", "report_link")
    list_filter = ("is_closed",)
    inlines = [RoyaltyMonthEventInline]
    actions = ["close_months", "reopen_months"]
    change_list_template = "admin/articles/royaltymonth/change_list.html"

    def get_urls(self):
        return [*report_urls(self), *super().get_urls()]

    def get_queryset(self, request):
        events = RoyaltyMonthEvent.objects.select_related("actor").order_by("-at", "-pk")
        return super().get_queryset(request).prefetch_related(Prefetch("events", queryset=events))

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a closed month is never deleted; an open one from its page
        if not (request.user.is_superuser or request.user.has_perm("articles.close_royaltymonth")):
            actions.pop("close_months", None)
        if not request.user.is_superuser:
            actions.pop("reopen_months", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_closed)

    def get_readonly_fields(self, request, obj=None):
        return ("month",) if obj is not None else ()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        month = self.get_object(request, object_id)
        if request.method == "GET" and month is not None and month.is_closed:
            messages.warning(request, str(_("This month is closed: its value and grades can no longer change.")))
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("month"), ordering="month")
    def label_column(self, month):
        return month.label

    @admin.display(description=_("value of one point"), ordering="point_value")
    def value_column(self, month):
        return format_vnd(month.point_value)

    @admin.display(description=_("closed or reopened"))
    def last_event(self, month):
        events = list(month.events.all())
        if not events:
            return "—"
        event = events[0]
        return f"{event.get_action_display()}: {event.actor} ({short_time(event.at)})"

    @admin.display(description=_("report"))
    def report_link(self, month):
        url = reverse("admin:articles_royalty_report")
        return format_html('<a href="{}?month={}">{}</a>', url, f"{month.month:%Y-%m}", gettext("Report"))

    def _set_closed(self, request, queryset, method):
        done = 0
        for month in queryset:
            try:
                getattr(month, method)(request.user)
            except (PermissionDenied, ValidationError) as exc:
                messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            else:
                done += 1
        if done:
            messages.success(
                request, ngettext("%(count)d month: done.", "%(count)d months: done.", done) % {"count": done}
            )

    @admin.action(description=_("Close the month"))
    def close_months(self, request, queryset):
        self._set_closed(request, queryset, "close")

    @admin.action(description=_("Reopen the month"))
    def reopen_months(self, request, queryset):
        self._set_closed(request, queryset, "reopen")


class GradeAdmin(admin.ModelAdmin):
    """What both grade admins share: who graded, no bulk delete, closed months read as such."""

    list_filter = ("month", "genre")
    readonly_fields = ("points_column", "month", "graded_by", "graded_at")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one grade at a time: a closed month refuses on the grade's page
        return actions

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.locked_month())

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "genre":
            kwargs["queryset"] = Genre.objects.filter(kind=self.model.genre_kind)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.graded_by = request.user
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        grade = self.get_object(request, object_id)
        if request.method == "GET" and grade is not None and self.has_view_permission(request, grade):
            month = grade.locked_month()
            if month is not None:
                messages.warning(request, str(_("%(month)s is closed: this grade can no longer change.") % {
                    "month": month.label}))  # fmt: skip
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("points"), ordering="points")
    def points_column(self, grade):
        return format_points(grade.points) if grade.points is not None else "—"

    @admin.display(description=_("month"), ordering="month__month")
    def month_column(self, grade):
        return grade.month.label


class GradeShareFormSet(forms.BaseInlineFormSet):
    """The co-authors' shares: none (equal shares of the byline) or percentages summing to 100."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        percents = [
            form.cleaned_data["percent"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("percent")
        ]
        if not percents:
            article = getattr(self.instance, "article", None) if self.instance.article_id else None
            if article is not None and not article.article_authors.exists():
                raise ValidationError(_("The article has no author to credit: name the authors and their shares."))
            return
        ArticleGrade.check_percentages(percents)


def preset_shares(request):
    """On the add form opened for an article (?article=<pk>, from the report), its byline in equal shares."""
    if not hasattr(request, "_royalty_preset_shares"):
        pk, initial = request.GET.get("article", ""), []
        if request.method == "GET" and pk.isdigit() and len(pk) <= 18:
            article = Article.objects.published().filter(pk=pk).first()
            if article is not None:
                authors = article.ordered_authors()
                initial = [
                    {"author": author.pk, "percent": percent}
                    for author, percent in zip(authors, equal_shares(len(authors)), strict=True)
                ]
        request._royalty_preset_shares = initial
    return request._royalty_preset_shares


class GradeShareInline(admin.TabularInline):
    model = GradeShare
    formset = GradeShareFormSet
    autocomplete_fields = ("author",)
    fields = ("author", "percent")
    extra = 0
    verbose_name_plural = _("authors' shares (empty: equal shares of the byline)")

    def get_extra(self, request, obj=None, **kwargs):
        return len(preset_shares(request)) if obj is None else 0


@admin.register(ArticleGrade)
class ArticleGradeAdmin(GradeAdmin):
    list_display = ("article", "genre", "coefficient", "points_column", "shares_column", "month_column",
                    "graded_by", "graded_at")  # fmt: skip
    list_select_related = ("article", "genre", "month", "graded_by")
    search_fields = ("article__title",)
    autocomplete_fields = ("article",)
    fields = ("article", "genre", "coefficient", "note", *GradeAdmin.readonly_fields)
    inlines = [GradeShareInline]

    def get_queryset(self, request):
        shares = GradeShare.objects.select_related("author").order_by("pk")
        return super().get_queryset(request).prefetch_related(Prefetch("shares", queryset=shares))

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, GradeShareInline) and obj.pk is None and preset_shares(request):
            kwargs["initial"] = preset_shares(request)
        return kwargs

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        grade = form.instance
        if not grade.shares.exists():
            grade.share_equally()

    @admin.display(description=_("authors' shares"))
    def shares_column(self, grade):
        return ", ".join(f"{share.author.pen_name} {share.percent:g}%" for share in grade.shares.all())


@admin.register(PhotoGrade)
class PhotoGradeAdmin(GradeAdmin):
    list_display = ("photo", "article_column", "photographer", "genre", "coefficient", "points_column",
                    "month_column", "graded_by")  # fmt: skip
    list_select_related = ("photo__article", "photographer", "genre", "month", "graded_by")
    search_fields = ("photo__caption", "photo__article__title", "photographer__pen_name")
    autocomplete_fields = ("photo", "photographer")
    fields = ("photo", "photographer", "genre", "coefficient", "note", *GradeAdmin.readonly_fields)

    @admin.display(description=_("article"), ordering="photo__article__title")
    def article_column(self, grade):
        return grade.photo.article.title
