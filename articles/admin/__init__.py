"""Admin for reporters, editors and the leadership, one module per concern; importing registers them all."""

from . import article, photo, planning, public_data, royalties, staff  # noqa: F401  (registers the ModelAdmins)
