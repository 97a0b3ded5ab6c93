"""Writing an article from an assignment: the add form at ?assignment=<id>, prefilled, and the link once saved."""

import re

from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext

from ..models import Assignment, AssignmentError
from ..models.planning import may_plan

PARAMETER = "assignment"
_PK = re.compile(r"^[0-9]{1,18}$")


class ArticleFromAssignmentMixin:
    """Mixed into ArticleAdmin: `/admin/articles/article/add/?assignment=5` starts the article of assignment 5.

    The form's action keeps the query string, so the POST that saves the article still names
    the assignment. An assignment that is not the user's, already has an article or does not
    exist answers 404, before the form is shown and before anything is saved.
    """

    def _assignment(self, request):
        value = request.GET.get(PARAMETER)
        if value is None:
            return None
        mine = Assignment.objects.open().filter(article=None).select_related("event__host_unit")
        if not may_plan(request.user):
            mine = mine.of_user(request.user)
        assignment = mine.filter(pk=value).first() if _PK.match(value) else None
        if assignment is None:
            raise Http404(gettext("No such assignment, or an article was already started from it."))
        return assignment

    def add_view(self, request, form_url="", extra_context=None):
        assignment = self._assignment(request)
        if assignment is not None:
            extra_context = {**(extra_context or {}), "from_assignment": assignment}
        return super().add_view(request, form_url, extra_context)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        assignment = self._assignment(request)
        if assignment is not None:
            initial.update(assignment.article_initial())
        return initial

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        assignment = None if change else self._assignment(request)
        if assignment is not None:
            try:
                assignment.file_article(form.instance, user=request.user)
            except AssignmentError as exc:  # started from another tab meanwhile: the text is kept all the same
                messages.warning(request, str(exc))
