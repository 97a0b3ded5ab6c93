"""Template access to stored photo renditions: the data a <picture> element needs."""

from django import template

from .. import photo_urls

register = template.Library()


@register.simple_tag
def photo_picture(photo, preferred_width=960):
    """{% photo_picture photo as pic %}: pic.src, pic.webp_srcset, pic.jpeg_srcset, pic.width, pic.height."""
    return photo_urls.picture(photo, preferred_width)
