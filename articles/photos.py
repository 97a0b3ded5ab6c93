"""The photo pipeline: the only way an image enters storage.

First version: content sniffing by Pillow, EXIF orientation applied, metadata
dropped by re-encoding. The photos work extends it (limits, polyglots,
renditions) without changing the entry point `store_photo`.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class PhotoRejected(ValidationError):
    """An upload the pipeline refuses; the message is fit for a form error."""


def process_image(data):
    """Validate and re-encode image bytes; returns (bytes, extension)."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format
            if fmt not in FORMATS:
                raise PhotoRejected(_("Only JPEG, PNG and WebP images are accepted."))
            img = ImageOps.exif_transpose(img)
            out = io.BytesIO()
            icc = img.info.get("icc_profile")
            if fmt == "JPEG":
                img.convert("RGB").save(out, "JPEG", quality=88, optimize=True, icc_profile=icc)
            else:
                img.save(out, fmt, icc_profile=icc)
    except PhotoRejected:
        raise
    except Exception:
        raise PhotoRejected(_("The file is not a valid image.")) from None
    return out.getvalue(), FORMATS[fmt]


def store_photo(photo, fileobj, *, user=None):
    """Run `fileobj` through the pipeline and save it as `photo`'s image (saves `photo`)."""
    data, ext = process_image(fileobj.read())
    photo.image.save(f"upload.{ext}", ContentFile(data), save=False)
    if user is not None:
        photo.uploaded_by = user
    photo.save()
    return photo
