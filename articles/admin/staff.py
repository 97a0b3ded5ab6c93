"""Staff accounts: Django's user admin with the newsroom profile (the sections an editor is limited to)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from ..models import StaffProfile

User = get_user_model()


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    fields = ("sections", "email_notifications")
    filter_horizontal = ("sections",)
    verbose_name_plural = _("newsroom profile")


admin.site.unregister(User)


@admin.register(User)
class NewsroomUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, StaffProfileInline]
    list_display = (*UserAdmin.list_display, "sections_column")
    list_filter = (*UserAdmin.list_filter, "groups")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("newsroom_profile__sections")

    @admin.display(description=_("sections"))
    def sections_column(self, user):
        profile = getattr(user, "newsroom_profile", None)
        sections = [section.name for section in profile.sections.all()] if profile else []
        return ", ".join(sections) or _("All")
