"""Admin-only template tags: what waits for the signed-in person, on the admin index."""

from django import template

from .. import desk

register = template.Library()


@register.inclusion_tag("admin/articles/review_queue.html", takes_context=True)
def review_queue(context):
    """Each of the person's queues (editors: review; leaders: sign-off; writers: returned) with its count."""
    user = context["request"].user
    return {"queues": [(name, desk.QUEUE_LABELS[name], qs.count()) for name, qs in desk.queues_for(user)]}
