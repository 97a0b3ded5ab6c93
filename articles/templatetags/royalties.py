"""Royalty figures as the report prints them: đồng with dot thousands, points with a decimal comma."""

from django import template

from ..royalties import format_points, format_vnd

register = template.Library()


@register.filter
def vnd(amount):
    """1250000 -> "1.250.000 ₫"."""
    return format_vnd(amount)


@register.filter
def points(value):
    """Decimal("12.5") -> "12,50"."""
    return format_points(value)
