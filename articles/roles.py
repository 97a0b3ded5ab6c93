"""The newsroom's roles, as auth groups: what a reporter, an editor and the leadership may do."""

from django.utils.translation import gettext_lazy as _

REPORTER = "Phóng viên"
MODERATOR = "Biên tập viên"
CHIEF = "Lãnh đạo duyệt"  # Tổng biên tập / Phó Tổng biên tập, or the paper's appointed signatory

ROLE_NAMES = {"reporter": REPORTER, "moderator": MODERATOR, "chief": CHIEF}

# codenames in the articles app
REPORTER_PERMISSIONS = [
    "add_article", "change_article", "view_article",
    "add_photo", "change_photo", "delete_photo", "view_photo",
    "view_author", "view_unit", "view_category", "view_articlerevision", "view_articletransition",
    # The plan: a reporter sees events and their own assignments, and accepts them (a step, not a change).
    "view_event", "view_assignment",
    "view_topic",
]  # fmt: skip
MODERATOR_PERMISSIONS = REPORTER_PERMISSIONS + [
    "publish_article", "review_article",
    "add_author", "change_author",
    "add_unit", "change_unit", "add_unitmembership", "change_unitmembership", "delete_unitmembership",
    "view_unitmembership",
    "add_category", "change_category",
    "add_topic", "change_topic",
    "add_event", "change_event", "delete_event",
    "add_assignment", "change_assignment", "delete_assignment",
]  # fmt: skip
# Royalties (nhuận bút): reporters read their own on the report page only (articles/royalties.py).
REPORTER_PERMISSIONS += ["view_royaltymonth"]
MODERATOR_PERMISSIONS += [
    "add_articlegrade", "change_articlegrade", "delete_articlegrade", "view_articlegrade",
    "add_gradeshare", "change_gradeshare", "delete_gradeshare", "view_gradeshare",
    "add_photograde", "change_photograde", "delete_photograde", "view_photograde",
    "view_genre", "view_royaltymonth", "view_royaltymonthevent",
]  # fmt: skip

# The leadership does everything an editor does, and signs off the sections that need it.
CHIEF_PERMISSIONS = MODERATOR_PERMISSIONS + ["signoff_article"]
# ...and keeps the royalty table: genres, the value of one point, closing a month (reopening is the superuser's).
CHIEF_PERMISSIONS += ["add_genre", "change_genre", "delete_genre", "add_royaltymonth", "change_royaltymonth",
                      "close_royaltymonth"]  # fmt: skip

ROLE_PERMISSIONS = {REPORTER: REPORTER_PERMISSIONS, MODERATOR: MODERATOR_PERMISSIONS, CHIEF: CHIEF_PERMISSIONS}
ROLE_LABELS = {REPORTER: _("Reporter"), MODERATOR: _("Moderator"), CHIEF: _("Editor-in-chief")}


def sync_roles(group_model, permission_model):
    """Create or update the role groups; used by the migration and `setup_roles`."""
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        perms = permission_model.objects.filter(content_type__app_label="articles", codename__in=codenames)
        group.permissions.set(perms)
