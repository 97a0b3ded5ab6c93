"""Admin for reporters and moderators, one module per concern; importing registers them all."""

from . import article, photo, public_data  # noqa: F401  (registers the ModelAdmins)
from .common import owned_articles

__all__ = ["owned_articles"]
