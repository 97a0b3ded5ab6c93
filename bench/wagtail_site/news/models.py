"""A news site in Wagtail: a front page, sections, and articles with a byline, units, tags and a gallery."""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.safestring import mark_safe
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import InlinePanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

# Every rendition the templates ask for: {% picture %} with these two specs, and the og:image.
PICTURE_SPECS = ["format-webp|width-480", "format-webp|width-960", "format-jpeg|width-480", "format-jpeg|width-960"]
OG_IMAGE_SPEC = "format-jpeg|width-960"


def with_cover(articles):
    """Cards show the cover picture: load the covers and their renditions in two queries, as Wagtail's docs advise."""
    images = get_image_model().objects.prefetch_renditions(*PICTURE_SPECS)
    prefetch_related_objects(articles, Prefetch("cover", queryset=images))
    return articles


class HomePage(Page):
    """The front page: the lead story, the latest titles, and the newest articles of each section."""

    max_count = 1
    subpage_types = ["news.SectionPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        newest = list(ArticlePage.objects.live().descendant_of(self).order_by("-date")[:11])
        sections = SectionPage.objects.child_of(self).live().in_menu()
        blocks = [(section, list(section.articles()[:4])) for section in sections]
        with_cover(newest[:1] + [article for _section, articles in blocks for article in articles])
        if newest:
            context["lead"], context["lead_section"] = newest[0], newest[0].get_parent()
        context["latest"], context["blocks"] = newest[1:], [block for block in blocks if block[1]]
        return context


class SectionPage(Page):
    """A section (chuyên mục): its live articles, newest first, 20 to a page; ?tag= narrows them to a tag."""

    intro = RichTextField(blank=True)

    content_panels = Page.content_panels + ["intro"]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]

    def articles(self):
        return ArticlePage.objects.live().child_of(self).order_by("-date")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        if tag := request.GET.get("tag"):
            articles = articles.filter(tags__slug=tag)
        page_obj = Paginator(articles, 20).get_page(request.GET.get("page"))
        context["articles"], context["page_obj"] = with_cover(list(page_obj)), page_obj
        return context


@register_snippet
class Author(models.Model):
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


@register_snippet
class Unit(models.Model):
    name = models.CharField(max_length=200)

    def __str__(self):
        return self.name


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePage(Page):
    date = models.DateTimeField("Publication time")
    lead = models.TextField()
    body = RichTextField()
    cover = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    units = ParentalManyToManyField("news.Unit", blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)

    content_panels = Page.content_panels + [
        "date",
        "lead",
        "body",
        "cover",
        InlinePanel("gallery_images", label="Gallery"),
        InlinePanel("page_authors", label="Authors"),
        "units",
        "tags",
    ]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Everything the page shows, in one query per relation (the page itself came from Wagtail's routing).
        prefetch_related_objects(
            [self],
            "gallery_images__image__renditions",
            Prefetch("page_authors", queryset=ArticlePageAuthor.objects.select_related("author")),
            "units",
            "tags",
            Prefetch("cover", queryset=get_image_model().objects.prefetch_renditions(OG_IMAGE_SPEC)),
        )
        section = self.get_parent()
        url = self.get_full_url(request)
        og_image = self.cover.get_rendition(OG_IMAGE_SPEC) if self.cover else None
        authors = [item.author.name for item in self.page_authors.all()]
        context.update(
            section=section,
            canonical=url,
            og_image=og_image,
            authors=authors,
            related=ArticlePage.objects.live().sibling_of(self, inclusive=False).order_by("-date")[:5],
            json_ld=self.json_ld(url, section, authors, og_image),
        )
        return context

    def json_ld(self, url, section, authors, og_image):
        """schema.org NewsArticle, safe to put inside a <script> element."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "url": url,
            "headline": self.title,
            "description": self.search_description or self.lead,
            "datePublished": timezone.localtime(self.date).isoformat(),
            "dateModified": timezone.localtime(self.last_published_at or self.date).isoformat(),
            "inLanguage": "vi",
            "articleSection": section.title,
            "author": [{"@type": "Person", "name": name} for name in authors],
            "publisher": {
                "@type": "NewsMediaOrganization",
                "name": settings.WAGTAIL_SITE_NAME,
                "url": settings.WAGTAILADMIN_BASE_URL + "/",
                "logo": {"@type": "ImageObject", "url": settings.WAGTAILADMIN_BASE_URL + "/static/img/logo.png"},
            },
            "image": [og_image.full_url] if og_image else [],
        }
        return mark_safe(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))


class ArticlePageAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="page_authors")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="+")

    panels = ["author"]


class ArticlePageImage(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(blank=True, max_length=250)

    panels = ["image", "caption"]
