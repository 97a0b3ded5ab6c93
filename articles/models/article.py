"""Articles: the one definition of what readers may see (ArticleQuerySet.published()), and the byline."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..text import format_dateline, html_text, search_words, slugify_vi, strip_control_chars, to_vietnam
from .base import STORABLE_TIMES, SanitizedHTMLField, cached_reverse, union_ids, vietnam_day_bounds
from .photo import Photo
from .public_data import Author, Category, Unit
from .topic import Topic


def default_source_label():
    return settings.NEWSROOM_SOURCE_LABEL


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What readers may see: approved, and its publication time reached.

        The single definition used by every public view, feed, sitemap and search.
        """
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def scheduled(self, now=None):
        """Approved articles waiting for their publication time (shown as "Hẹn giờ")."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=now or timezone.now())

    # Large columns no list shows; loading them for 20 cards would cost more than the page.
    LIST_DEFERRED = ("body", "search_text", "search_title", "search_lead", "review_note")
    SEARCH_FIELDS = ("search_text", "search_title", "search_lead")  # derived from the text in Article.save()

    def for_listing(self):
        """What an article card needs (title, lead, category, cover, time): one query, no prefetch."""
        return self.select_related("category", "cover_photo").defer(*self.LIST_DEFERRED)

    # What a card shows (articles.templatetags.newsroom.article_card): nothing else is read, so
    # nothing else is loaded; building three model instances per card is most of a list page.
    CARD_FIELDS = (
        "pk", "title", "slug", "lead", "status", "published_at", "created_at", "is_featured",
        "category__name", "category__slug", "category__parent_id",
        "cover_photo__article_id", "cover_photo__image", "cover_photo__width", "cover_photo__height",
        "cover_photo__caption", "cover_photo__alt_text", "cover_photo__renditions",
    )  # fmt: skip

    def for_cards(self):
        """A list page's cards: for_listing() restricted to CARD_FIELDS."""
        return self.select_related("category", "cover_photo").only(*self.CARD_FIELDS)

    def with_authors(self):
        """Prefetch the byline in order (one extra query for the whole list)."""
        return self.prefetch_related(
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author").order_by("order"))
        )

    def for_page(self):
        """What the article page needs: the whole article, its byline, photos and units."""
        return (
            self.select_related("category", "cover_photo")
            .with_authors()
            .prefetch_related(
                Prefetch("photos", queryset=Photo.objects.order_by("position", "order", "pk")),
                Prefetch("units", queryset=Unit.objects.order_by("name")),
                Prefetch("topics", queryset=Topic.objects.order_by("name")),
            )
        )

    def with_last_change(self):
        """Annotate what the last real change of each article was (articles.seo.changed_at reads them).

        `has_revisions`: whether any revision exists; `last_edit_at`: the newest revision past
        the first version. The first version is the article as created or imported, so an
        article imported today with a 2020 date was not changed today; a status change is no
        revision and no change either.
        """
        from .editorial import ArticleRevision  # editorial imports this module

        revisions = ArticleRevision.objects.filter(article=OuterRef("pk"))
        return self.annotate(
            has_revisions=Exists(revisions),
            last_edit_at=Subquery(
                revisions.filter(version__gt=1).order_by("-created_at", "-pk").values("created_at")[:1]
            ),
        )

    def in_period(self, year, month=None, day=None):
        """Articles published in a Vietnam-time year, month or day."""
        return self.between(*vietnam_day_bounds(year, month, day))

    def between(self, start, end):
        """Articles published in [start, end)."""
        return self.filter(published_at__gte=start, published_at__lt=end)

    def top_per_category(self, category_ids, per_category):
        """The newest `per_category` articles of each category in `category_ids`: two queries.

        First their ids: one small part per category, each an index range of (category,
        status, published_at) read newest first and stopped after `per_category` rows, in one
        UNION ALL (base.union_ids); then those rows by primary key. The home page costs the
        same with a million articles as with a hundred.
        """
        newest = [self.filter(category_id=pk).order_by("-published_at", "-pk")[:per_category] for pk in category_ids]
        return self.filter(pk__in=union_ids(newest))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        RETURNED = "returned", _("Returned")
        SIGNOFF = "signoff", _("Awaiting sign-off")  # an editor approved it; the leadership signs it off
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        TRASHED = "trashed", _("Trash")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"), max_length=200, blank=True, help_text=_("Left empty, it is made from the title.")
    )
    lead = models.TextField(_("lead"), help_text=_("The sapo shown under the title and in lists."))
    body = SanitizedHTMLField(_("body"), blank=True)
    source_label = models.CharField(
        _("source label"),
        max_length=80,
        default=default_source_label,
        help_text=_('Printed before the lead, e.g. "(Congannghean.vn)-".'),
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), through="ArticleAuthor", related_name="articles", blank=True
    )
    units = models.ManyToManyField(Unit, verbose_name=_("units involved"), related_name="articles", blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), related_name="articles", blank=True)
    event_date = models.DateField(_("event date"), null=True, blank=True)
    event_place = models.CharField(_("event place"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True, db_index=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    review_note = models.TextField(_("review note"), blank=True, editable=False)
    is_featured = models.BooleanField(_("lead story"), default=False, help_text=_("Shown first on the home page."))
    cover_photo = models.ForeignKey(
        "Photo", verbose_name=_("cover photo"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="articles_created",
        null=True,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Incremented on every content save; a save carrying an older version is refused (lost update).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Mark-free, lower-case title + lead + body text for Vietnamese-aware search.
    search_text = models.TextField(editable=False, blank=True, default="")
    # The same key for the title and the lead alone, so search can rank title > lead > body matches.
    search_title = models.TextField(editable=False, blank=True, default="")
    search_lead = models.TextField(editable=False, blank=True, default="")
    # Identity of an imported article (the source file's stem), so re-imports update it.
    import_key = models.CharField(max_length=255, null=True, blank=True, unique=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        indexes = [
            # Ends with the id, the lists' second key: a unit's or author's list is walked newest
            # first from this index alone (no read of the table) while its links are probed.
            models.Index(fields=["status", "-published_at", "-id"], name="article_status_pub_id"),
            models.Index(fields=["category", "status", "-published_at"], name="article_category_pub"),
            # The admin list, newest change first; the sitemaps' last modification.
            models.Index(fields=["updated_at", "id"], name="article_updated"),
        ]
        constraints = [
            # The state machine accepts 1990 to ten years ahead; the database refuses anything
            # a page could not print (four-digit years, no overflow in any time zone).
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | Q(published_at__gte=STORABLE_TIMES[0], published_at__lt=STORABLE_TIMES[1]),
                name="article_published_at_storable",
            ),
        ]
        permissions = [
            ("publish_article", _("Can approve, schedule and unpublish articles")),
            ("review_article", _("Can review every reporter's articles")),
            ("signoff_article", _("Can sign off articles of sections that need the leadership's approval")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = strip_control_chars(self.title).strip()
        self.slug = slugify_vi(self.slug or self.title, self._meta.get_field("slug").max_length) or "bai-viet"
        self.search_text = search_words(" ".join([self.title, self.lead, html_text(self.body)]))
        self.search_title = search_words(self.title)
        self.search_lead = search_words(self.lead)
        if kwargs.get("update_fields") is not None:
            # The derived columns follow the text whenever a partial save writes any of it.
            kwargs["update_fields"] = {*kwargs["update_fields"], *ArticleQuerySet.SEARCH_FIELDS}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        local = to_vietnam(self.published_at or self.created_at or timezone.now())
        return cached_reverse(
            "articles:detail",
            category=self.category.slug,
            year=f"{local.year:04d}",
            month=f"{local.month:02d}",
            day=f"{local.day:02d}",
            slug=self.slug,
            pk=self.pk,
        )

    @property
    def dateline(self):
        return format_dateline(self.published_at)

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at and self.published_at > timezone.now()

    @property
    def is_live(self):
        return self.status == self.Status.PUBLISHED and self.published_at and self.published_at <= timezone.now()

    def display_status(self):
        """Status as the newsroom says it: a published article waiting for its time is "scheduled"."""
        if self.is_scheduled:
            return _("Scheduled")
        return self.get_status_display()

    def ordered_authors(self):
        return [link.author for link in self.article_authors.all()]

    def set_byline(self, author_ids):
        """Replace the byline with these authors (primary keys), in this order."""
        self.article_authors.all().delete()
        ArticleAuthor.objects.bulk_create(
            [ArticleAuthor(article=self, author_id=pk, order=order) for order, pk in enumerate(author_ids)]
        )

    @property
    def source_prefix(self):
        return f"({self.source_label})-" if self.source_label else ""


class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors (in byline order)")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")]

    def __str__(self):
        return str(self.author)
