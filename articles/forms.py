"""Admin forms: the article form (editor widget, lost-update guard) and the transition form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import workflow
from .editor import body_widget
from .models import Article, Photo

STALE_MESSAGE = _(
    "Someone else saved this article after you opened it (your copy is version %(yours)s, the saved one is "
    "version %(current)s). Your changes were NOT saved and nothing was overwritten: copy your text, reload "
    "the page, and apply your changes again."
)


class ArticleAdminForm(forms.ModelForm):
    """The change form; carries the version it was loaded at so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = Article
        # The admin narrows this per user (ArticleAdmin.get_fieldsets); state fields are never here.
        fields = [
            "title", "slug", "lead", "body", "source_label", "category", "topics", "units",
            "event_date", "event_place", "cover_photo", "is_featured",
        ]  # fmt: skip
        widgets = {"body": body_widget(), "lead": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            if "body" in self.fields:
                # Image uploads from the editor need the article they belong to.
                self.fields["body"].widget = body_widget(article=self.instance)
        if "cover_photo" in self.fields:
            # Only this article's photos; the default would list every photo in the paper.
            self.fields["cover_photo"].queryset = Photo.objects.filter(article_id=self.instance.pk or 0)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # The admin runs form validation inside its transaction, so this row lock is held
            # until the save commits: no second save can slip in between the check and the write.
            locked = Article.objects.select_for_update().filter(pk=self.instance.pk)
            current = locked.values_list("version", flat=True).first()
            yours = cleaned.get("version")
            if current is not None and yours != current:
                params = {"yours": "?" if yours is None else yours, "current": current}
                raise forms.ValidationError(STALE_MESSAGE, code="stale", params=params)
        return cleaned


class TransitionForm(forms.Form):
    """What a transition button posts: the version the person read, a note and, for approval, a time."""

    note = forms.CharField(required=False, max_length=2000)
    publish_at = forms.DateTimeField(
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M"],
        error_messages={"invalid": _("Enter the publication time as day/month/year hour:minute.")},
    )
    # The article's version when the page with the button was rendered: publishing binds to it.
    seen_version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]
        try:
            workflow.check_publication_time(value)
        except workflow.TransitionError as exc:
            raise forms.ValidationError(str(exc), code="implausible") from None
        return value
