"""The rich text editor, chosen in one place.

Replacing CKEditor 4 later means changing this module only: the model stores
sanitised HTML in a plain field (articles.models.SanitizedHTMLField), and the
admin form asks this module for the body widget.
"""

from ckeditor.widgets import CKEditorWidget


def body_widget():
    """The widget that edits an article body."""
    return CKEditorWidget(config_name="default")
