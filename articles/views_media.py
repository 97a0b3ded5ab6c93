"""Photo files for readers: served only while the photo's article is published (or to those who may view it)."""

import mimetypes

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import desk
from .models import Article, Photo
from .photo_urls import owns_file


def _find_photo(request, pk):
    """The photo if a reader may see it: one query for readers, a second for staff on an unpublished article."""
    photo = Photo.objects.filter(pk=pk, article__in=Article.objects.published()).only("image", "renditions").first()
    if photo is not None:
        return photo, True
    if request.user.is_authenticated and request.user.is_staff:
        photo = Photo.objects.select_related("article").filter(pk=pk).first()
        if photo is not None and desk.can_view(request.user, photo.article):
            return photo, False
    return None, False


@require_safe
def photo_file(request, pk, name):
    """One stored file of a photo (original or rendition), by the random name the pipeline gave it.

    Unpublished articles' photos are a 404 to readers, exactly like the article.
    Published photos may be cached by browsers and proxies for
    PHOTO_PUBLIC_MAX_AGE seconds (so an unpublished photo disappears from shared
    caches within that time); others are private and never stored.
    In production the bytes are sent by the web server (X-Accel-Redirect to an
    internal location) or fetched from object storage through a signed URL.
    """
    photo, public = _find_photo(request, pk)
    storage_name = owns_file(photo, name) if photo is not None else None
    if storage_name is None:
        raise Http404(_("No such photo."))
    storage = photo.image.storage
    content_type = mimetypes.guess_type(storage_name)[0] or "application/octet-stream"
    accel = getattr(settings, "PHOTO_ACCEL_REDIRECT", "")
    if accel:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + storage_name
    elif isinstance(storage, FileSystemStorage):
        try:
            response = FileResponse(storage.open(storage_name, "rb"), content_type=content_type)
        except FileNotFoundError:
            raise Http404(_("No such photo.")) from None
    else:
        # Object storage (S3 and the like, bucket kept private): a short-lived signed URL.
        response = HttpResponseRedirect(storage.url(storage_name))
    if public:
        response["Cache-Control"] = f"public, max-age={getattr(settings, 'PHOTO_PUBLIC_MAX_AGE', 3600)}"
    else:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    response["Content-Disposition"] = "inline"
    return response
