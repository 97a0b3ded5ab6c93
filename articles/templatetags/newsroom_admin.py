"""Admin-only template tags: the review queue box on the admin index."""

from django import template

from .. import workflow
from ..admin import owned_articles
from ..models import Article

register = template.Library()


@register.inclusion_tag("admin/articles/review_queue.html", takes_context=True)
def review_queue(context):
    """Moderators: how many articles wait for review. Reporters: how many of theirs came back."""
    user = context["request"].user
    if workflow.is_moderator(user):
        return {"is_moderator": True, "count": Article.objects.filter(status=Article.Status.SUBMITTED).count()}
    if workflow.is_reporter(user):
        returned = owned_articles(Article.objects.filter(status=Article.Status.RETURNED), user)
        return {"is_moderator": False, "count": returned.count()}
    return {"count": None}
