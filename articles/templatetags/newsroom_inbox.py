"""The bell in every admin page's header: the signed-in person's unread notifications (one query)."""

from django import template

from ..admin.inbox import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    return unread_count(request)
