"""Template tags for the article page's sharing metadata and share links."""

from django import template

from .. import seo

register = template.Library()


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def seo_meta(context, article):
    return {"seo": seo.article_meta(article), "site_name": context.get("site_name", "")}


@register.simple_tag
def share_links(article):
    return seo.share_links(article)
