"""The rich text editor, chosen in one place.

Replacing CKEditor 4 later means changing this module only: the model stores
sanitised HTML in a plain field (articles.models.SanitizedHTMLField), and the
admin form asks this module for the body widget.

Images go to the project's own upload view (articles.views_upload), never to
ckeditor_uploader. The view needs the article, so an article that has not been
saved yet gets an editor without uploads and a note saying to save first.
static/articles/admin/editor.js adds the CSRF token to CKEditor's upload
requests (fileTools_requestHeaders) and shows that note, in the image dialog
too, with a button that saves the draft and reopens the dialog on its upload tab.
"""

import copy

from ckeditor.widgets import CKEditorWidget
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class NewsroomEditorWidget(CKEditorWidget):
    """CKEditor with the newsroom's upload wiring."""

    @property
    def media(self):
        # One list, so the admin's media merge keeps ckeditor_vi.js (the Vietnamese CKEditor's own language
        # file lacks) right after ckeditor.js, before any editor is created.
        ckeditor = super().media
        return forms.Media(
            css=ckeditor._css, js=[*ckeditor._js, "articles/admin/ckeditor_vi.js", "articles/admin/editor.js"]
        )


def upload_url_for(article):
    """The upload URL for `article`, or None while it has no primary key."""
    if article is None or getattr(article, "pk", None) is None:
        return None
    return reverse("articles:editor-upload", kwargs={"article_pk": article.pk})


def body_widget(article=None, *, upload_url=None):
    """The widget that edits an article body; pass the article (or its upload URL) to allow image uploads."""
    widget = NewsroomEditorWidget(config_name="default")
    config = copy.deepcopy(widget.config)
    url = upload_url or upload_url_for(article)
    # Sent with every upload; editor.js adds X-CSRFToken from the page's form.
    config["fileTools_requestHeaders"] = {"X-Requested-With": "XMLHttpRequest"}
    # What screen readers call the editing area ("Bộ soạn thảo văn bản có định dạng, <title>"), not "id_body".
    config["title"] = _("Article body")
    if url:
        config["uploadUrl"] = url
        config["filebrowserUploadUrl"] = url
        config["filebrowserImageUploadUrl"] = url
        # The dialog's upload tab posts through XMLHttpRequest and reads JSON, like
        # drag-and-drop, instead of the legacy form post that expects a script answer.
        config["filebrowserUploadMethod"] = "xhr"
    else:
        plugins = [p for p in config.get("extraPlugins", "").split(",") if p and p != "uploadimage"]
        config["extraPlugins"] = ",".join(plugins)
        removed = [p for p in config.get("removePlugins", "").split(",") if p]
        config["removePlugins"] = ",".join(removed + ["uploadimage"])
        config["newsroomUploadNote"] = _("Save the article once before adding images to its body.")
        config["newsroomSaveLabel"] = _("Save the article now and upload the image")
    widget.config = config
    return widget
