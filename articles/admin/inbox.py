"""Each staff member's own pages in the admin: their notifications (behind the bell) and their profile.

Mounted by NewsroomAdminSite.get_urls under the site's login check. Every query starts
from the signed-in user (Notification.objects.for_user): nobody can read or mark anybody
else's notifications, whatever id they put in the address (a 404, as for one that does not exist).
"""

from functools import partial

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext

from .. import desk
from ..models import Notification, StaffProfile
from ..roles import ROLE_LABELS

PER_PAGE = 30


def inbox_urls(site):
    """The inbox's routes, each behind `site`'s staff login check."""

    def view(function):
        return site.admin_view(partial(function, site))

    return [
        path("notifications/", view(notifications_view), name="newsroom_notifications"),
        path("notifications/read-all/", view(read_all_view), name="newsroom_notifications_read"),
        path("notifications/<int:pk>/", view(open_view), name="newsroom_notification_open"),
        path("profile/", view(profile_view), name="newsroom_profile"),
    ]


def unread_count(request):
    """The signed-in user's unread notifications: one query per request, however often it is asked."""
    if not hasattr(request, "_newsroom_unread"):
        request._newsroom_unread = Notification.objects.for_user(request.user).unread().count()
    return request._newsroom_unread


def notifications_view(site, request):
    """The user's notifications, newest first, unread ones marked, 30 a page."""
    inbox = Notification.objects.for_user(request.user).only("pk", "message", "detail", "created_at", "read_at")
    page = Paginator(inbox, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        **site.each_context(request),
        "title": gettext("Notifications"),
        "page": page,
        "unread": unread_count(request),
    }
    return TemplateResponse(request, "admin/newsroom/notifications.html", context)


def open_view(site, request, pk):
    """Follow a notification: it is marked read, and the article's change form opens at the thread.

    A notification about an assignment opens the assignment instead.
    """
    mine = Notification.objects.for_user(request.user).only("pk", "article_id", "assignment_id")
    notification = get_object_or_404(mine, pk=pk)
    Notification.objects.filter(pk=notification.pk).mark_read()
    if notification.article_id is None:
        return redirect(reverse("admin:articles_assignment_change", args=[notification.assignment_id]))
    return redirect(reverse("admin:articles_article_change", args=[notification.article_id]) + "#discussion")


def read_all_view(site, request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    count = Notification.objects.for_user(request.user).mark_read()
    if count:
        messages.success(request, gettext("All your notifications are marked read."))
    return redirect("admin:newsroom_notifications")


class ProfileForm(forms.ModelForm):
    class Meta:
        model = StaffProfile
        fields = ["email_notifications"]


def profile_view(site, request):
    """What the desk knows about the user: their roles, the sections they are limited to, and email on or off.

    Sections are the administrator's to assign (the user admin); here they are read-only.
    """
    user = request.user
    profile = StaffProfile.objects.filter(user=user).first() or StaffProfile(user=user)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=profile)
    if form.is_valid():
        # update_or_create: two tabs saving the first profile at once must not collide.
        StaffProfile.objects.update_or_create(
            user=user, defaults={"email_notifications": form.cleaned_data["email_notifications"]}
        )
        messages.success(request, gettext("Your profile is saved."))
        return redirect("admin:newsroom_profile")
    context = {
        **site.each_context(request),
        "title": gettext("My profile"),
        "form": form,
        # Sections limit what editors and leaders see; a reporter sees their own articles in any section.
        "edits_sections": desk.is_moderator(user),
        "sections": list(profile.sections.order_by("name")) if profile.pk else [],
        "roles": [ROLE_LABELS.get(name, name) for name in user.groups.values_list("name", flat=True)],
    }
    return TemplateResponse(request, "admin/newsroom/profile.html", context)
