"""Admin-only template tags: what waits for the signed-in person (articles, assignments), on the admin index."""

from django import template

from .. import desk
from ..models import Assignment
from ..models.planning import may_plan

register = template.Library()


@register.inclusion_tag("admin/articles/review_queue.html", takes_context=True)
def review_queue(context):
    """Each of the person's queues (editors: review; leaders: sign-off; writers: returned) with its count."""
    user = context["request"].user
    return {"queues": [(name, desk.QUEUE_LABELS[name], qs.count()) for name, qs in desk.queues_for(user)]}


@register.inclusion_tag("admin/articles/plan_summary.html", takes_context=True)
def plan_summary(context, limit=5):
    """The person's next open assignments (reporters) or the late ones (editors), and the late count."""
    user = context["request"].user
    if not user.has_perm("articles.view_assignment"):
        return {}
    visible = Assignment.objects.visible_to(user)
    upcoming = visible.open().for_listing().next_first()[:limit]
    return {"assignments": list(upcoming), "late": visible.late().count(), "planner": may_plan(user)}
