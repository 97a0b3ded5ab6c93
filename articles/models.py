"""Newsroom data: units, authors, categories, articles, photos, and the editorial record."""

import operator
import secrets
from datetime import UTC, datetime, timedelta
from functools import lru_cache, reduce

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F, Prefetch, Q
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .sanitizer import sanitize_html
from .text import VIETNAM_TZ, format_dateline, html_text, search_words, slugify_vi, strip_control_chars, to_vietnam


class SanitizedHTMLField(models.TextField):
    """A TextField whose value passes through the sanitiser on every way into the database.

    get_prep_value runs for save(), update(), bulk_create() and bulk_update(),
    so no route can store markup the allow-list does not permit.
    """

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return sanitize_html(value) if value else value


@lru_cache(maxsize=16384)
def _reverse(script_prefix, name, kwargs):
    try:
        return reverse(name, kwargs=dict(kwargs))
    except NoReverseMatch:
        # A slug stored by something other than slugify_vi (a raw SQL fix, an old import): the
        # page must still render, so each part is put through the one slug rule.
        safe = {key: slugify_vi(str(value)) or "-" if isinstance(value, str) else value for key, value in kwargs}
        return reverse(name, kwargs=safe)


def cached_reverse(name, **kwargs):
    """reverse(), remembered: list pages ask for the same few hundred addresses on every request.

    The URLconf does not change while the process runs; the script prefix is part of the key.
    """
    return _reverse(get_script_prefix(), name, tuple(sorted(kwargs.items())))


# Times any page can print: four-digit years, and no overflow when moved to any time zone.
STORABLE_TIMES = (datetime(1900, 1, 1, tzinfo=UTC), datetime(9000, 1, 1, tzinfo=UTC))


def default_source_label():
    return settings.NEWSROOM_SOURCE_LABEL


def vietnam_day_bounds(year, month=None, day=None):
    """[start, end) of a year, month or day in Vietnam time, as aware datetimes.

    Raises ValueError for dates that do not exist (30 February, month 13, year 0). Bounds
    are clamped to STORABLE_TIMES, outside which no article can be stored, so a query
    for year 0001 or 9999 never overflows.
    """
    start = datetime(year, 1 if month is None else month, 1 if day is None else day, tzinfo=VIETNAM_TZ)
    try:
        if day is not None:
            end = start + timedelta(days=1)
        elif month is not None:
            end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=VIETNAM_TZ)
        else:
            end = datetime(year + 1, 1, 1, tzinfo=VIETNAM_TZ)
    except (ValueError, OverflowError):  # the end of year 9999
        end = STORABLE_TIMES[1]
    return max(start, STORABLE_TIMES[0]), min(end, STORABLE_TIMES[1])


class SlugMixin:
    """Units, authors and sections: a slug made by the one Vietnamese rule, and a public page.

    An empty slug is filled from `slug_source`; `url_name` is the page's URL name.
    """

    slug_source = "name"
    url_name = ""

    def save(self, *args, **kwargs):
        self.slug = slugify_vi(self.slug or getattr(self, self.slug_source), self._meta.get_field("slug").max_length)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse(self.url_name, slug=self.slug)


class Unit(SlugMixin, models.Model):
    url_name = "articles:unit"

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        DEPARTMENT = "department", _("Department")
        PROVINCIAL = "provincial", _("Provincial police")
        DISTRICT = "district", _("District police")
        CLUSTER = "cluster", _("Emulation cluster")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    members = models.ManyToManyField(
        "self",
        verbose_name=_("member units"),
        through="UnitMembership",
        through_fields=("cluster", "member"),
        symmetrical=False,
        related_name="clusters",
        blank=True,
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_cluster(self):
        return self.kind == self.Kind.CLUSTER

    def article_filter(self):
        """Q selecting articles of this unit; a cluster's includes its members in their years."""
        q = Q(units=self)
        if self.is_cluster:
            for membership in self.memberships.all():
                try:
                    start, _end = vietnam_day_bounds(membership.start_year)
                    end = vietnam_day_bounds(membership.end_year)[1] if membership.end_year is not None else None
                except (ValueError, OverflowError):
                    continue  # a year no calendar has (0, 40000): no article can fall in the membership
                member_q = Q(units=membership.member_id, published_at__gte=start)
                if end is not None:
                    member_q &= Q(published_at__lt=end)
                q |= member_q
        return q


class UnitMembership(models.Model):
    """A unit's membership of an emulation cluster, for the years it held."""

    cluster = models.ForeignKey(Unit, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(
        Unit, verbose_name=_("member unit"), on_delete=models.PROTECT, related_name="cluster_memberships"
    )
    start_year = models.PositiveSmallIntegerField(
        _("from year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("to year"),
        null=True,
        blank=True,
        help_text=_("Empty while the membership holds."),
        validators=[MinValueValidator(1945), MaxValueValidator(2100)],
    )

    class Meta:
        verbose_name = _("cluster membership")
        verbose_name_plural = _("cluster memberships")
        ordering = ["cluster", "start_year", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "member", "start_year"], name="unique_membership_start"),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self):
        end = self.end_year or "…"
        return f"{self.member} ∈ {self.cluster} ({self.start_year}–{end})"

    def holds_in(self, year):
        return self.start_year <= year and (self.end_year is None or year <= self.end_year)


class Author(SlugMixin, models.Model):
    slug_source = "pen_name"
    url_name = "articles:author"

    pen_name = models.CharField(
        _("pen name"), max_length=120, unique=True, help_text=_('The byline readers see, e.g. "Đ. Thắng".')
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="authors"
    )
    slug = models.SlugField(_("slug"), max_length=140, unique=True, blank=True)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["pen_name"]

    def __str__(self):
        return self.pen_name


class Category(SlugMixin, models.Model):
    url_name = "articles:category"

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


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
            )
        )

    def in_period(self, year, month=None, day=None):
        """Articles published in a Vietnam-time year, month or day."""
        start, end = vietnam_day_bounds(year, month, day)
        return self.filter(published_at__gte=start, published_at__lt=end)

    def top_per_category(self, categories, per_category):
        """The newest `per_category` articles of each of `categories` (sub-sections included), in one query.

        One small index-backed subquery per category (category, status, published_at),
        not a window over every article: the home page must not slow down as the
        archive grows to a million articles.
        """
        if not categories:
            return self.none()
        newest = [
            Q(
                pk__in=self.filter(Q(category=category) | Q(category__parent=category))
                .order_by("-published_at", "-pk")
                .values("pk")[:per_category]
            )
            for category in categories
        ]
        return self.filter(reduce(operator.or_, newest))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        RETURNED = "returned", _("Returned")
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
            models.Index(fields=["status", "-published_at"], name="article_status_pub"),
            models.Index(fields=["category", "status", "-published_at"], name="article_category_pub"),
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


def photo_upload_to(instance, filename):
    """Random, unguessable names: the original name says nothing and is not kept."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"photos/{timezone.now():%Y/%m}/{secrets.token_urlsafe(18)}.{ext}"


class Photo(models.Model):
    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("image"), upload_to=photo_upload_to, width_field="width", height_field="height", blank=True
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    alt_text = models.CharField(
        _("alt text"), max_length=300, blank=True, help_text=_("Describes the photo; defaults to the caption.")
    )
    credit = models.CharField(_("credit"), max_length=120, blank=True, help_text=_('Printed as "Ảnh: …".'))
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Number of body paragraphs before the photo (0 = above the body)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    in_body = models.BooleanField(
        _("inserted in the body"), default=False, editable=False, help_text=_("Uploaded from the editor.")
    )
    # {"480": {"webp": "name", "jpeg": "name", "height": 320}, ...}; written once by the photo pipeline.
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["position", "order", "pk"]

    def __str__(self):
        return self.caption or self.alt_text or f"#{self.pk}"

    @property
    def has_file(self):
        return bool(self.image)

    @property
    def alt(self):
        return self.alt_text or self.caption


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
