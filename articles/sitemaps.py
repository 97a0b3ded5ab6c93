"""Sitemaps: an index of paged sections for a million articles, the Google News sitemap, robots.txt."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Page, Paginator
from django.db.models import Exists, Max, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape

from .cache import public_page
from .models import Article, ArticleAuthor, Author, Category, Topic, Unit
from .seo import absolute_url, clean_text, iso_vietnam, modified_at
from .text import to_vietnam

# Google reads up to 50,000 URLs a page and 50,000 pages an index; 500 keeps each page quick to
# build (about 50 µs a URL) and small to fetch: a million articles are 2,000 pages.
PAGE_LIMIT = 500
NEWS_DAYS = 2
NEWS_LIMIT = 1000  # Google News reads no more per sitemap


class SiteSitemap(Sitemap):
    """Locations on NEWSROOM_SITE_URL, whatever host the crawler asked."""

    limit = PAGE_LIMIT

    def get_domain(self, site=None):
        return urlsplit(settings.NEWSROOM_SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.NEWSROOM_SITE_URL).scheme or "https"


class IdRangePaginator(Paginator):
    """The article sitemap's pages as ranges of ids: page p holds the articles with ids in ((p-1)·limit, p·limit].

    Django's paginator counts every published article for the index and reads page 200 with an
    OFFSET that walks 995,000 rows; an id range is one primary-key index range whatever the page,
    and the number of pages is one MAX(id). A page keeps its articles as news is added (ids only
    grow), and may hold fewer than `limit` where drafts or unpublished articles took ids.
    """

    @cached_property
    def num_pages(self):
        top = Article.objects.aggregate(top=Max("pk"))["top"] or 0
        return max(1, -(-top // self.per_page))

    def page(self, number):
        number = self.validate_number(number)  # Django's: PageNotAnInteger, EmptyPage past num_pages
        start = (number - 1) * self.per_page
        return Page(self.object_list.filter(pk__gt=start, pk__lte=start + self.per_page), number, self)


class ArticleSitemap(SiteSitemap):
    @property
    def paginator(self):
        return IdRangePaginator(self._items(), self.limit)

    def items(self):
        # Oldest first, so existing pages keep their content as news is added at the end.
        return (
            Article.objects.published()
            .select_related("category")
            .only("pk", "slug", "published_at", "updated_at", "created_at", "category__slug")
            .order_by("published_at", "pk")
        )

    def lastmod(self, article):
        return to_vietnam(modified_at(article)).replace(microsecond=0)

    def get_latest_lastmod(self):
        # Django's default walks every item; one aggregate is what a million rows need.
        latest = Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        return to_vietnam(latest).replace(microsecond=0) if latest else None


class CategorySitemap(SiteSitemap):
    def items(self):
        return Category.objects.only("pk", "slug").order_by("pk")


class UnitSitemap(SiteSitemap):
    def items(self):
        return Unit.objects.only("pk", "slug").order_by("pk")


class AuthorSitemap(SiteSitemap):
    def items(self):
        # Only bylines readers can see: an author with drafts alone has no public page worth listing.
        bylines = ArticleAuthor.objects.filter(author=OuterRef("pk"), article__in=Article.objects.published())
        return Author.objects.filter(Exists(bylines)).only("pk", "slug").order_by("pk")


class TopicSitemap(SiteSitemap):
    def items(self):
        # A topic with no published article has an empty page: not worth a crawler's visit.
        tagged = Article.topics.through.objects.filter(topic=OuterRef("pk"), article__in=Article.objects.published())
        return Topic.objects.filter(Exists(tagged)).only("pk", "slug").order_by("pk")


class PageSitemap(SiteSitemap):
    def items(self):
        return ["articles:home", "articles:latest"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "bai-viet": ArticleSitemap,
    "chuyen-muc": CategorySitemap,
    "don-vi": UnitSitemap,
    "tac-gia": AuthorSitemap,
    "chu-de": TopicSitemap,
    "trang": PageSitemap,
}


@public_page
@x_robots_tag
def sitemap_index(request):
    """/sitemap.xml: every page of every section, on the public site's address."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = absolute_url(reverse("articles:sitemap-section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        for page in range(2, sitemap.paginator.num_pages + 1):
            entries.append(SitemapIndexItem(f"{location}?p={page}", lastmod))
    # Written here rather than by the template engine: a million articles are 2,000 entries,
    # which Django's sitemap_index.xml took 50 ms to render.
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for entry in entries:
        lastmod = f"<lastmod>{entry.last_mod.isoformat()}</lastmod>" if entry.last_mod else ""
        lines.append(f"<sitemap><loc>{escape(entry.location)}</loc>{lastmod}</sitemap>")
    lines.append("</sitemapindex>\n")
    return HttpResponse("\n".join(lines), content_type="application/xml")


@public_page
def sitemap_section(request, section):
    if section not in SITEMAPS:
        raise Http404("No such sitemap.")
    return django_sitemap(request, sitemaps=SITEMAPS, section=section, template_name="sitemaps/section.xml")


@public_page
@x_robots_tag
def news_sitemap(request):
    """/sitemap-news.xml: what Google News may list, the articles of the last two days."""
    since = timezone.now() - timedelta(days=NEWS_DAYS)
    articles = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .select_related("category")
        .only("pk", "slug", "title", "published_at", "created_at", "category__slug")
        .order_by("-published_at", "-pk")[:NEWS_LIMIT]
    )
    entries = [
        {
            "location": absolute_url(article.get_absolute_url()),
            "title": clean_text(article.title),
            "published": iso_vietnam(article.published_at),
        }
        for article in articles
    ]
    context = {"entries": entries, "publication": settings.NEWSROOM_SITE_NAME}
    return render(request, "sitemaps/news.xml", context, content_type="application/xml")


@public_page
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")
