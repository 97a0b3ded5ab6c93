"""Public pages: thin views over Article.objects.published()."""

import hashlib

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from . import cache as page_cache
from . import desk, seo
from .cache import public_page
from .models import Article, Author, Category, Topic, Unit, card_lists
from .models.article_page import published_article
from .models.base import union_ids, vietnam_day_bounds
from .pagination import CappedPaginator

PAGE_SIZE = 20


class PublishedMixin:
    """Every public list starts from published() with the relations its template needs."""

    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator

    def published(self):
        return Article.objects.published().for_cards()

    def newest_ids(self, name, build):
        """A unit's, author's or topic's list: the ids of the pages offered, kept per content generation."""
        limit = self.paginator_class.max_pages * self.paginate_by + 1  # one more: are there more?
        return card_lists.NewestIds(name, build, limit, keep=page_cache.is_public_request(self.request))

    # What the page tells crawlers and feed readers (articles.seo.list_meta); the site's feeds by default.
    def get_page_title(self):
        return settings.NEWSROOM_SITE_NAME

    def get_description(self):
        return _("Latest news from %(site)s") % {"site": settings.NEWSROOM_SITE_NAME}

    def get_feeds(self):
        return seo.feed_links("articles:rss", "articles:atom", settings.NEWSROOM_SITE_NAME)

    def page_meta(self, context):
        page = context.get("page_obj")
        return seo.list_meta(
            self.request,
            title=self.get_page_title(),
            description=self.get_description(),
            feeds=self.get_feeds(),
            page_number=page.number if page is not None else 1,
        )


@method_decorator(public_page, name="dispatch")
class HomeView(PublishedMixin, TemplateView):
    template_name = "articles/home.html"
    latest_count = 10
    per_category = 4

    def get_context_data(self, **kwargs):
        categories = all_categories()
        # Staff get a fresh choice, as they get fresh pages; readers share the kept one.
        keep = page_cache.is_public_request(self.request)
        picked = front_page_ids(categories, self.latest_count, self.per_category, keep=keep)
        # The rows are read through published() on every request: ids kept from an earlier
        # generation could name an article since withdrawn, and it must not show.
        rows = card_lists.cards_by_id(picked["lead"] + picked["latest"] + sum(picked["blocks"].values(), []))
        latest = [rows[pk] for pk in picked["lead"] + picked["latest"] if pk in rows]
        lead = latest.pop(0) if latest else None  # the lead, or the newest still published
        blocks = [
            (category, [rows[pk] for pk in picked["blocks"].get(category.pk, []) if pk in rows])
            for category in categories
            if category.parent_id is None
        ]
        blocks = [(section, articles) for section, articles in blocks if articles]
        context = super().get_context_data(lead=lead, latest=latest, category_blocks=blocks, **kwargs)
        context["page_meta"] = self.page_meta(context)
        return context


def all_categories():
    """Every section in menu order, kept for the content generation: a change to a section in
    the admin moves the generation on (articles.admin.public_data)."""
    return page_cache.kept_for_generation("categories", lambda: list(Category.objects.order_by("order", "name")))


def front_page_ids(categories, latest_count, per_category, keep=True):
    """Which articles the home page shows: {"lead": [id], "latest": [ids], "blocks": {section: [ids]}}.

    Three queries, kept in the cache (`keep`) for the current content generation and data
    period (articles.cache): they only change when something is published, withdrawn or
    edited, and each of those moves the generation on, as does a scheduled article's time
    arriving; the period makes a page rebuilt past its time choose again.
    The lead is the newest marked lead story, else the newest article; a sub-section's
    articles belong to its parent's block.
    """
    section_of = {c.pk: c.parent_id or c.pk for c in categories}
    sections = hashlib.md5(repr(sorted(section_of.items())).encode(), usedforsecurity=False).hexdigest()

    def choose():
        published = Article.objects.published().order_by("-published_at", "-pk")
        # The newest articles serve both as the latest list and, with no marked lead story, as the lead.
        newest = list(published.values_list("pk", flat=True)[: latest_count + 1])
        featured = list(published.filter(is_featured=True).values_list("pk", flat=True)[:1])
        lead = featured or newest[:1]
        blocks = {}
        tops = published.top_per_category(list(section_of), per_category).values_list("pk", "category_id")
        for pk, category_id in tops.order_by("-published_at", "-pk"):
            block = blocks.setdefault(section_of[category_id], [])
            if len(block) < per_category:
                block.append(pk)
        return {"lead": lead, "latest": [pk for pk in newest if pk not in lead][:latest_count], "blocks": blocks}

    name = f"front-page:{page_cache.data_period()}:{latest_count}:{per_category}:{sections}"
    return page_cache.kept_for_generation(name, choose, keep=keep)


class ArticleListView(PublishedMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    heading = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(heading=self.get_heading(), **kwargs)
        context["page_meta"] = self.page_meta(context)
        return context

    def get_heading(self):
        return self.heading

    def get_page_title(self):
        return f"{self.get_heading()} - {settings.NEWSROOM_SITE_NAME}"


@method_decorator(public_page, name="dispatch")
class LatestView(ArticleListView):
    def get_queryset(self):
        return card_lists.LATEST.bind()

    def get_heading(self):
        return _("Latest news")


@method_decorator(public_page, name="dispatch")
class CategoryView(ArticleListView):
    def get_queryset(self):
        categories = all_categories()
        self.category = next((c for c in categories if c.slug == self.kwargs["slug"]), None)
        if self.category is None:
            raise Http404(_("No such section."))
        ids = [self.category.pk] + [c.pk for c in categories if c.parent_id == self.category.pk]
        return card_lists.SECTION.bind(sections=ids)

    def get_heading(self):
        return self.category.name

    def get_description(self):
        return _("Latest news in %(section)s") % {"section": self.category.name}

    def get_feeds(self):
        return seo.feed_links(
            "articles:rss-category", "articles:atom-category", self.get_page_title(), self.category.slug
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, feed_slug=self.category.slug, **kwargs)


@method_decorator(public_page, name="dispatch")
class ArchiveView(ArticleListView):
    template_name = "articles/article_archive.html"

    def get_queryset(self):
        year, month, day = (self.kwargs.get(k) for k in ("year", "month", "day"))
        try:
            start, end = vietnam_day_bounds(int(year), month and int(month), day and int(day))
        except (ValueError, OverflowError):
            raise Http404(_("No such date.")) from None
        return card_lists.PERIOD.bind(start=start, end=end)

    def get_heading(self):
        # "Tin năm 2020", "Tin tháng 07/2020", "Tin ngày 07/07/2020": the URL's own digits, already validated.
        parts = {k: self.kwargs.get(k) for k in ("year", "month", "day")}
        if parts["day"]:
            return _("News of %(day)s/%(month)s/%(year)s") % parts
        if parts["month"]:
            return _("News of %(month)s/%(year)s") % parts
        return _("News of %(year)s") % parts

    def get_description(self):
        return f"{self.get_heading()} - {settings.NEWSROOM_SITE_NAME}"


@method_decorator(public_page, name="dispatch")
class UnitView(ArticleListView):
    template_name = "articles/unit_detail.html"

    def get_queryset(self):
        self.unit = get_object_or_404(
            Unit.objects.select_related("parent").prefetch_related("memberships__member"), slug=self.kwargs["slug"]
        )
        unit = self.unit
        return self.newest_ids(f"unit:{unit.pk}", lambda: Article.objects.published().filter(unit.article_filter()))

    def get_heading(self):
        return self.unit.name

    def get_description(self):
        return _("Latest news about %(unit)s") % {"unit": self.unit.name}

    def get_feeds(self):
        return seo.feed_links("articles:rss-unit", "articles:atom-unit", self.get_page_title(), self.unit.slug)

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)


@method_decorator(public_page, name="dispatch")
class AuthorView(ArticleListView):
    template_name = "articles/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author.objects.select_related("unit"), slug=self.kwargs["slug"])
        by_author = self.author.article_filter()
        return self.newest_ids(f"author:{self.author.pk}", lambda: Article.objects.published().filter(by_author))

    def get_heading(self):
        return self.author.pen_name

    def get_description(self):
        return _("Articles by %(author)s") % {"author": self.author.pen_name}

    def get_feeds(self):
        return seo.feed_links("articles:rss-author", "articles:atom-author", self.get_page_title(), self.author.slug)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


@method_decorator(public_page, name="dispatch")
class TopicView(ArticleListView):
    """A topic (chủ đề / dòng sự kiện): its articles, newest first."""

    template_name = "articles/topic_detail.html"

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        topic = self.topic
        return self.newest_ids(f"topic:{topic.pk}", lambda: Article.objects.published().filter(topics=topic))

    def get_heading(self):
        return self.topic.name

    def get_description(self):
        return self.topic.description or _("Articles on the topic %(topic)s") % {"topic": self.topic.name}

    def get_feeds(self):
        return seo.feed_links("articles:rss-topic", "articles:atom-topic", self.get_page_title(), self.topic.slug)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"
    related_count = 5

    def get_queryset(self):
        return Article.objects.published().for_page()

    def get_object(self, queryset=None):
        # published().for_page() in five prepared queries (articles.models.article_page).
        article = published_article(int(self.kwargs["pk"]))
        if article is None:
            raise Http404(_("No such article."))
        return article

    @method_decorator(public_page)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        canonical = self.object.get_absolute_url()
        if request.path != canonical:
            # Old slug, category or date: one permanent address per article.
            return redirect(canonical, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        related = related_articles(self.object, self.related_count)
        return super().get_context_data(related=related, **kwargs)


def related_articles(article, count):
    """Published articles sharing a topic with `article` first, then a unit, then its category; newest first.

    Two queries: the ids of the newest `count` of each kind, three parts each bounded by
    `count` and served by an index (the topic and unit link tables, then (category, status,
    published_at)) in one UNION ALL, then those few rows ordered by kind. Ordering every article of the section
    by "shares a topic, shares a unit" sorted the whole section: seconds on a million articles.
    Kept in the cache for the current content generation (articles.cache): the list only
    changes when something is published, unpublished or edited, and each of those moves the
    generation on, as does a scheduled article's time arriving.
    """

    def choose():
        published = Article.objects.published().exclude(pk=article.pk)
        topic_links = Article.topics.through.objects.filter(topic_id__in=[t.pk for t in article.topics.all()])
        unit_links = Article.units.through.objects.filter(unit_id__in=[u.pk for u in article.units.all()])
        kinds = [
            published.filter(pk__in=topic_links.values("article_id")),
            published.filter(pk__in=unit_links.values("article_id")),
            published.filter(category=article.category_id),
        ]
        newest = union_ids([kind.order_by("-published_at", "-pk")[:count] for kind in kinds])
        return list(
            Article.objects.filter(pk__in=newest)
            .annotate(
                shares_topic=Exists(topic_links.filter(article_id=OuterRef("pk"))),
                shares_unit=Exists(unit_links.filter(article_id=OuterRef("pk"))),
            )
            .select_related("category")
            .only("pk", "title", "slug", "published_at", "created_at", "category__slug", "category__name")
            .order_by("-shares_topic", "-shares_unit", "-published_at", "-pk")[:count]
        )

    return page_cache.kept_for_generation(f"related:{article.pk}:{count}", choose)


class PreviewView(ArticleDetailView):
    """The public template for an unpublished article, for its author and moderators only."""

    def get_queryset(self):
        return Article.objects.for_page()

    def get_object(self, queryset=None):
        return DetailView.get_object(self, queryset)  # any state: the queryset above, not published_article()

    def dispatch(self, request, *args, **kwargs):
        return super(DetailView, self).dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not desk.can_view(request.user, self.object):
            raise Http404(_("No such article."))
        response = self.render_to_response(self.get_context_data(object=self.object, is_preview=True))
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response
