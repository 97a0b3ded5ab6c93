"""The "Đọc nhiều" block and the read beacon's script tag, for the home and article pages."""

from django import template

from .. import reads

register = template.Library()


@register.inclusion_tag("includes/most_read.html")
def most_read():
    periods = reads.most_read_block()
    return {"periods": periods, "has_any": any(articles for _name, _label, articles in periods)}


@register.inclusion_tag("includes/read_beacon.html")
def read_beacon(article):
    return {"article": article}
