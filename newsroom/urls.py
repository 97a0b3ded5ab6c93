"""Root URLs: the admin, the public site, and media in development."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from .health import healthz, readyz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        # Photos are served by articles.views_media (published check), never straight from storage.
        re_path(r"^media/(?P<path>(?!photos/).*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler400 = "articles.errors.bad_request"
handler404 = "articles.errors.not_found"
handler500 = "articles.errors.server_error"
