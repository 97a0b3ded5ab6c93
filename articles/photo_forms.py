"""The photo form the admin uses (also as the Photo inline's form): its image goes through the pipeline."""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from . import photo_urls, photos
from .models import Photo


class StoredPhoto:
    """The current file as ClearableFileInput names it: a link through the photo view, never a storage path."""

    def __init__(self, photo):
        self.url = photo_urls.photo_url(photo, photo.image.name)

    def __str__(self):
        return str(_("view the photo"))


class PhotoFileInput(forms.ClearableFileInput):
    """Django's file input, whose "Currently" linked the file's storage path under MEDIA_URL."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        photo = getattr(value, "instance", None)
        if context["widget"]["is_initial"] and isinstance(photo, Photo) and photo.pk:
            context["widget"]["value"] = StoredPhoto(photo)
        return context


class PhotoForm(forms.ModelForm):
    """A Photo with its file checked, cleaned and stored by articles.photos; alt text defaults to the caption.

    The upload is processed in clean_image, so anything the pipeline refuses is a
    form error on the field; the cleaned files are written on save(). The raw
    upload never reaches storage.
    """

    image = forms.FileField(
        label=_("image"),
        required=False,
        widget=PhotoFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Photo
        fields = ["image", "caption", "alt_text", "credit", "photographer", "position", "order"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self._processed = None
        self._initial_names = photos.stored_names(self.instance)
        if "image" in self.fields:
            self.fields["image"].help_text = _(
                "JPEG, PNG or WebP, at most %(mb)s MB and %(mp)s megapixels. Location and camera data are removed."
            ) % {"mb": settings.PHOTO_MAX_BYTES // (1024 * 1024), "mp": settings.PHOTO_MAX_PIXELS // 1_000_000}

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if isinstance(upload, UploadedFile):
            # PhotoRejected is a ValidationError: its message becomes this field's error.
            self._processed = photos.process_upload(upload)
            # Keep the current file on the instance; save() writes the cleaned one.
            return self.instance.image
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("alt_text") and cleaned.get("caption"):
            cleaned["alt_text"] = cleaned["caption"][: Photo._meta.get_field("alt_text").max_length]
        return cleaned

    def save(self, commit=True):
        photo = super().save(commit=False)
        previous = []
        if self._processed is not None:
            previous = photos.write_files(photo, self._processed)
            if self.user is not None and getattr(self.user, "is_authenticated", False):
                photo.uploaded_by = self.user
        elif not photo.image and self._initial_names:  # "clear" ticked
            previous = self._initial_names
            photo.renditions = {}
            photo.width = photo.height = None
        if commit:
            photo.save()
            self._save_m2m()
            photos.commit_files(photo, previous)
        return photo
