"""RSS 2.0 and Atom feeds of published articles: all news, per category, unit, topic and author."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.html import escape
from django.utils.translation import gettext as _

from .cache import public_page
from .models import Article, Author, Category, Topic, Unit
from .seo import absolute_url, changed_at, clean_text, share_image
from .text import to_vietnam

ITEMS = 50


@method_decorator(public_page, name="__call__")
class LatestFeed(Feed):
    """The newest published articles; subclasses narrow them to a category or a unit."""

    feed_url_name = "articles:rss"
    language = "vi"

    def items(self, obj=None):
        return self.published(obj).for_listing().with_authors().with_last_change()[:ITEMS]

    def published(self, obj):
        return Article.objects.published()

    def title(self, obj=None):
        return settings.NEWSROOM_SITE_NAME

    def link(self, obj=None):
        return absolute_url(reverse("articles:home"))

    def description(self, obj=None):
        return _("Latest news from %(site)s") % {"site": settings.NEWSROOM_SITE_NAME}

    def feed_url(self, obj=None):
        return absolute_url(reverse(self.feed_url_name, kwargs={"slug": obj.slug} if obj else None))

    # Feeds are XML 1.0: a control character in any text would make the whole feed unreadable.
    # Many RSS readers take every text element (title, dc:creator, description) as HTML, so RSS
    # sends plain text escaped for them; Atom says which of its elements are HTML (see below).
    def as_text(self, value):
        return escape(clean_text(value))

    def item_title(self, item):
        return self.as_text(item.title)

    def item_description(self, item):
        # RSS descriptions and Atom summaries (type="html") are HTML: the plain-text lead is escaped.
        return escape(clean_text(item.lead))

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        # The URL changes with the slug; a tag URI on the pk does not, so readers never see an item twice.
        host = urlsplit(settings.NEWSROOM_SITE_URL).hostname or "localhost"
        return f"tag:{host},{to_vietnam(item.published_at):%Y-%m-%d}:article-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return to_vietnam(item.published_at)

    def item_updateddate(self, item):
        # Atom <updated>: the last real change (an edit after publication), never an import's time.
        return to_vietnam(changed_at(item))

    def item_author_name(self, item):
        return self.as_text(" - ".join(author.pen_name for author in item.ordered_authors())) or None

    def item_categories(self, item):
        return [clean_text(item.category.name)]

    def item_enclosures(self, item):
        image = share_image(item.cover_photo)
        if image is None:
            return []
        return [Enclosure(image["url"], str(image["length"]), image["mime_type"])]


class AtomFeedMixin:
    """The Atom form of a feed: the RSS description becomes the subtitle.

    Atom's title and author name are text constructs (no type="html"), which readers show
    as written: they carry the plain text, not escaped HTML.
    """

    feed_type = Atom1Feed

    def as_text(self, value):
        return clean_text(value)

    def subtitle(self, obj=None):
        return self.description(obj)


class LatestAtomFeed(AtomFeedMixin, LatestFeed):
    feed_url_name = "articles:atom"


class CategoryFeed(LatestFeed):
    feed_url_name = "articles:rss-category"

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def published(self, obj):
        return Article.objects.published().filter(category__in=[obj.pk, *obj.children.values_list("pk", flat=True)])

    def title(self, obj=None):
        return self.as_text(f"{obj.name} - {settings.NEWSROOM_SITE_NAME}")

    def link(self, obj=None):
        return absolute_url(obj.get_absolute_url())

    def description(self, obj=None):
        return _("Latest news in %(section)s") % {"section": obj.name}


class CategoryAtomFeed(AtomFeedMixin, CategoryFeed):
    feed_url_name = "articles:atom-category"


class UnitFeed(LatestFeed):
    feed_url_name = "articles:rss-unit"

    def get_object(self, request, slug):
        return get_object_or_404(Unit.objects.prefetch_related("memberships"), slug=slug)

    def published(self, obj):
        # A cluster's feed gathers its members' articles for the years they belonged, as its page does.
        return Article.objects.published().filter(obj.article_filter())

    def title(self, obj=None):
        return self.as_text(f"{obj.name} - {settings.NEWSROOM_SITE_NAME}")

    def link(self, obj=None):
        return absolute_url(obj.get_absolute_url())

    def description(self, obj=None):
        return _("Latest news about %(unit)s") % {"unit": obj.name}


class UnitAtomFeed(AtomFeedMixin, UnitFeed):
    feed_url_name = "articles:atom-unit"


class TopicFeed(LatestFeed):
    feed_url_name = "articles:rss-topic"

    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def published(self, obj):
        return Article.objects.published().filter(topics=obj)

    def title(self, obj=None):
        return self.as_text(f"{obj.name} - {settings.NEWSROOM_SITE_NAME}")

    def link(self, obj=None):
        return absolute_url(obj.get_absolute_url())

    def description(self, obj=None):
        return _("Articles on the topic %(topic)s") % {"topic": obj.name}


class TopicAtomFeed(AtomFeedMixin, TopicFeed):
    feed_url_name = "articles:atom-topic"


class AuthorFeed(LatestFeed):
    feed_url_name = "articles:rss-author"

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def published(self, obj):
        return Article.objects.published().filter(obj.article_filter())

    def title(self, obj=None):
        return self.as_text(f"{obj.pen_name} - {settings.NEWSROOM_SITE_NAME}")

    def link(self, obj=None):
        return absolute_url(obj.get_absolute_url())

    def description(self, obj=None):
        return _("Articles by %(author)s") % {"author": obj.pen_name}


class AuthorAtomFeed(AtomFeedMixin, AuthorFeed):
    feed_url_name = "articles:atom-author"
