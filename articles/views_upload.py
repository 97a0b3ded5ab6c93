"""The CKEditor image upload: the editor's only way to put a file on the server.

Replaces ckeditor_uploader, which is never mounted. Answers in CKEditor 4's
JSON upload format ({"uploaded": 1, "fileName", "url"} or {"uploaded": 0,
"error": {"message"}}) for both the drag-and-paste "uploadimage" plugin and
the image dialog's upload tab (filebrowserUploadMethod "xhr"); no parameter is
ever echoed into a script.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from . import desk, photo_checks, photo_urls, photos
from .models import Article, Photo


class SizeLimitUploadHandler(FileUploadHandler):
    """Drops an uploaded file as soon as it passes PHOTO_MAX_BYTES, before it fills memory or disk."""

    def __init__(self, request=None, limit=None):
        super().__init__(request)
        self.limit = limit
        self.exceeded = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


def _error(message, status=200):
    # CKEditor's uploadimage plugin shows the message only on a 2xx answer; refusals
    # of the file itself use 200, refusals of the user their real status.
    return JsonResponse({"uploaded": 0, "error": {"message": str(message)}}, status=status)


@csrf_exempt  # only so the size limit can be installed before the body is parsed; checked just below
@require_POST
def upload_image(request, article_pk):
    """Store one image for the body of article `article_pk`, as an in-body Photo of it."""
    limiter = SizeLimitUploadHandler(request, limit=settings.PHOTO_MAX_BYTES)
    request.upload_handlers.insert(0, limiter)
    return _upload_image(request, article_pk, limiter)


def _too_large(request):
    # Bodies over MAX_REQUEST_BYTES never reach the view (newsroom.middleware.RequestBodyMiddleware):
    # the editor still gets its JSON message about the file size, not an HTML page.
    return _error(photo_checks.MSG_BYTES % {"limit": settings.PHOTO_MAX_BYTES // (1024 * 1024)})


upload_image.too_large_response = _too_large


@csrf_protect
def _upload_image(request, article_pk, limiter):
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return _error(_("Sign in to the newsroom admin to upload images."), status=403)
    article = Article.objects.filter(pk=article_pk).first()
    if article is None or not desk.can_edit(user, article):
        return _error(_("You cannot add images to this article."), status=403)
    upload = request.FILES.get("upload")
    if limiter.exceeded:
        return _error(photo_checks.MSG_BYTES % {"limit": settings.PHOTO_MAX_BYTES // (1024 * 1024)})
    if upload is None:
        return _error(_("Choose an image to upload."))
    photo = Photo(article=article, in_body=True)
    try:
        photos.store_photo(photo, upload, user=user)
    except photo_checks.PhotoRejected as exc:
        return _error(" ".join(exc.messages))
    return JsonResponse(
        {
            "uploaded": 1,
            "fileName": photo.image.name.rsplit("/", 1)[-1],
            "url": photo_urls.body_image_url(photo),
            "width": photo.width,
            "height": photo.height,
        }
    )
