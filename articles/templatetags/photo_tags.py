"""Template access to stored photo renditions: the data a <picture> element needs."""

from django import template

from .. import photos

register = template.Library()


@register.simple_tag
def photo_picture(photo, preferred_width=960):
    """{% photo_picture photo as pic %}: pic.src, pic.webp_srcset, pic.jpeg_srcset, pic.width, pic.height."""
    return photos.picture(photo, preferred_width)
