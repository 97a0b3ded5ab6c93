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
    "view_topic",
]  # fmt: skip
MODERATOR_PERMISSIONS = REPORTER_PERMISSIONS + [
    "publish_article", "review_article",
    "add_author", "change_author",
    "add_unit", "change_unit", "add_unitmembership", "change_unitmembership", "delete_unitmembership",
    "view_unitmembership",
    "add_category", "change_category",
    "add_topic", "change_topic",
]  # fmt: skip

# The leadership does everything an editor does, and signs off the sections that need it.
CHIEF_PERMISSIONS = MODERATOR_PERMISSIONS + ["signoff_article"]

ROLE_PERMISSIONS = {REPORTER: REPORTER_PERMISSIONS, MODERATOR: MODERATOR_PERMISSIONS, CHIEF: CHIEF_PERMISSIONS}
ROLE_LABELS = {REPORTER: _("Reporter"), MODERATOR: _("Moderator"), CHIEF: _("Editor-in-chief")}


def sync_roles(group_model, permission_model):
    """Create or update the role groups; used by the migration and `setup_roles`."""
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        perms = permission_model.objects.filter(content_type__app_label="articles", codename__in=codenames)
        group.permissions.set(perms)
