"""App configs the project adjusts: django-axes under a Vietnamese heading in the admin."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LoginThrottleConfig(AxesAppConfig):
    verbose_name = _("Login throttling")
