"""Login throttling with django-axes: which address a login comes from, and the Vietnamese lockout page."""

import ipaddress

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext as _


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The address failed logins are counted against.

    Behind our nginx (BEHIND_HTTPS_PROXY) every connection comes from the proxy, which writes the
    client's address into X-Real-IP and appends it to X-Forwarded-For, whatever the client sent.
    Anywhere else those headers are the client's own words and are ignored: trusting them would let
    anyone escape a lockout by sending a new address with each guess.
    """
    if getattr(settings, "BEHIND_HTTPS_PROXY", False):
        real_ip = _valid_ip(request.META.get("HTTP_X_REAL_IP", ""))
        if real_ip:
            return real_ip
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:  # the last entry is the one our proxy added
            last = _valid_ip(forwarded.rsplit(",", 1)[-1])
            if last:
                return last
    return request.META.get("REMOTE_ADDR") or None


def lockout_response(request, original_response, credentials):
    """The admin-styled page a locked-out login gets (429), saying how long to wait or whom to ask."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in temporarily locked"),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
    }
    response = render(request, "admin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
