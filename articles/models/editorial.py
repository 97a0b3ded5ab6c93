"""The editorial record: state changes, revisions, and each writer's private autosave."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..text import to_vietnam
from .article import Article
from .base import SanitizedHTMLField


class ArticleTransition(models.Model):
    """One row per state change: who moved the article, from where, to where, and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, choices=Article.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Article.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    publish_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    # The article's content version the transition applied to: what an approval approved.
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.article_id}: {self.from_status} → {self.to_status}"


class ArticleRevision(models.Model):
    """A snapshot of an article's content (text, captions, units, authors) after a save."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    data = models.JSONField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.article_id} v{self.version}"


class ArticleAutosaveQuerySet(models.QuerySet):
    def slot(self, user, article):
        """`user`'s autosave of `article`; `article` None is the slot of the article not saved yet."""
        return self.filter(user=user, article=article)

    def store(self, user, article, *, fields, body, version=None):
        """Overwrite `user`'s autosave of `article` (or create it); returns the time it was saved.

        Touches nothing else: the article's version, status, revisions and updated_at stay as they are.
        """
        values = {"fields": fields, "body": body, "version": version, "saved_at": timezone.now()}
        if not self.slot(user, article).update(**values):
            try:
                with transaction.atomic():
                    self.create(user=user, article=article, **values)
            except IntegrityError:  # another request of the same writer created the row first
                self.slot(user, article).update(**values)
        return values["saved_at"]

    def pending(self, user, article=None):
        """The autosave to offer `user` when they open `article` (None: the add form), or None.

        Only one whose text differs from what is stored, and which was either written on
        the version now stored or after the article last changed: a colleague's later
        save supersedes an autosave of an older version.
        """
        autosave = self.slot(user, article).first()
        if autosave is None or not autosave.differs_from(article or Article()):
            return None
        if article is not None and autosave.version != article.version and autosave.saved_at <= article.updated_at:
            return None
        return autosave


class ArticleAutosave(models.Model):
    """A writer's private copy of the article form's text, kept while they write.

    One row per user and article, and one per user for the article not saved yet;
    each autosave overwrites it and a successful save of the form deletes it. It is
    never a revision, never shown to anyone else and never public: restoring it only
    fills the form, which then saves the normal way (version check included).
    """

    # The plain text inputs kept besides the body (pickers and inlines are quick to redo).
    TEXT_FIELDS = ("title", "slug", "lead", "source_label", "event_place")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    fields = models.JSONField(_("text fields"), default=dict)
    body = SanitizedHTMLField(_("body"), blank=True)
    # The version the form was loaded at; None for an article not saved yet.
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    objects = ArticleAutosaveQuerySet.as_manager()

    class Meta:
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="unique_autosave_per_article"),
            # (user, NULL) pairs are distinct to a plain unique constraint, so the new-article slot has its own.
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="unique_autosave_new_article"
            ),
        ]

    def __str__(self):
        return f"{self.user_id}: {self.article_id or '+'} @ {self.saved_at:%Y-%m-%d %H:%M}"

    def differs_from(self, article):
        """Whether restoring this would change `article`'s text as stored (whitespace aside)."""

        def norm(value):
            return " ".join(str(value or "").split())

        if norm(self.body) != norm(article.body):
            return True
        return any(
            norm(self.fields[name]) != norm(getattr(article, name)) for name in self.TEXT_FIELDS if name in self.fields
        )

    @staticmethod
    def time_label(value, now=None):
        """When an autosave was made, as the writer reads it: HH:MM in Vietnam time, with the date if not today."""
        local = to_vietnam(value)
        if local.date() == to_vietnam(now or timezone.now()).date():
            return f"{local:%H:%M}"
        return gettext("%(time)s on %(date)s") % {"time": f"{local:%H:%M}", "date": f"{local:%d/%m/%Y}"}
