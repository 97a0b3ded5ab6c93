"""An article's discussion thread as the desk reads it: the comments and the article's steps, merged by time.

Nothing is stored twice: a step (submitted, forwarded, signed off, returned with its note...)
is its ArticleTransition row, read here beside the comments. Never public: only the change
form shows it, to those who may open the article (articles/admin/discussion.py).
"""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from . import workflow
from .models import Article, ArticleComment
from .notifications import display_name
from .text import strip_control_chars


@dataclass(frozen=True)
class Entry:
    """One line of the thread: a comment (`label` empty) or a step of the desk."""

    pk: int
    at: datetime
    who: str
    text: str  # the comment, or the note the step came with
    label: str = ""  # the step, as its button says it ("Gửi duyệt")
    from_status: str = ""
    to_status: str = ""
    publish_at: datetime | None = None

    @property
    def is_comment(self):
        return not self.label

    @property
    def anchor(self):
        return f"{'comment' if self.is_comment else 'step'}-{self.pk}"


def comment_entry(comment):
    return Entry(pk=comment.pk, at=comment.created_at, who=display_name(comment.author), text=comment.body)


def step_entry(step):
    spec = workflow.TRANSITIONS.get(step.action)
    return Entry(
        pk=step.pk,
        at=step.created_at,
        who=display_name(step.actor),
        text=step.note,
        label=str(spec.label) if spec else step.action,
        from_status=step.get_from_status_display(),
        to_status=step.get_to_status_display(),
        publish_at=step.publish_at if step.to_status == Article.Status.PUBLISHED else None,
    )


def timeline(article):
    """Every comment and step of `article`, oldest first: two queries, however long the thread."""
    comments = [comment_entry(c) for c in article.comments.select_related("author")]
    steps = [step_entry(s) for s in article.transitions.select_related("actor")]
    # At the same instant (a step and the comment made with it) the step comes first.
    return sorted([*steps, *comments], key=lambda entry: (entry.at, entry.is_comment, entry.pk))


class CommentField(forms.CharField):
    """Plain text: line breaks as the browser sends them count once, control characters are dropped."""

    def to_python(self, value):
        value = super().to_python(value)
        return strip_control_chars(value.replace("\r\n", "\n").replace("\r", "\n")).strip()


class CommentForm(forms.Form):
    body = CommentField(
        label=_("Comment"),
        max_length=ArticleComment.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("Write to the people working on this article…")}),
        error_messages={
            "required": _("Write your comment first."),
            "max_length": _(
                "A comment is at most %(limit_value)d characters (this one has %(show_value)d): "
                "shorten it and send it again."
            ),
        },
    )
