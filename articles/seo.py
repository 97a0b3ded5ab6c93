"""What an article tells crawlers, social networks and printers: meta tags, JSON-LD, share links, the print view."""

import base64
import json
import mimetypes
from functools import lru_cache
from urllib.parse import quote, urljoin

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.views.generic import DetailView

from . import body_photos, photo_urls
from .cache import public_page
from .models import Article
from .text import iso_vietnam, strip_control_chars

DESCRIPTION_CHARS = 200
# Social networks show cards about 1200 pixels wide: the smallest rendition at least this wide serves them.
SHARE_IMAGE_WIDTH = 1200
# The paper's logo for JSON-LD `publisher` and list pages' cards (static/img/logo.png, 600 x 60 as Google asks).
LOGO = ("img/logo.png", 600, 60)


def absolute_url(url):
    """`url` on the public site (NEWSROOM_SITE_URL), unless storage already made it absolute."""
    if url.startswith(("http://", "https://")):
        return url
    site = settings.NEWSROOM_SITE_URL.rstrip("/")
    if url.startswith("/") and not url.startswith("//"):
        return site + url  # what urljoin gives for a path, without parsing both (a page makes a dozen)
    return urljoin(site + "/", url.lstrip("/"))


def share_image(photo):
    """The cover as networks and feeds should fetch it: a JPEG rendition near 1200 px, else the stored image.

    Returns {"name", "url", "width", "height", "mime_type", "length"} or None when there is no file.
    Renditions are the photo pipeline's {"960": {"jpeg": name, "height": 640, ...}}; length comes
    from a recorded size when the pipeline keeps one, else from storage.
    """
    if photo is None or not photo.has_file:
        return None
    name, width, height, length = photo.image.name, photo.width, photo.height, None
    candidates = [(w, r) for w, r in photo_urls.sorted_renditions(photo) if r.get("jpeg")]
    if candidates:
        wide_enough = [c for c in candidates if c[0] >= SHARE_IMAGE_WIDTH]
        width, rendition = wide_enough[0] if wide_enough else candidates[-1]
        name, height, length = rendition["jpeg"], rendition.get("height"), rendition.get("jpeg_size")
    storage = photo.image.storage
    # Through the pipeline's checked view, like every photo readers fetch.
    url = photo_urls.photo_url(photo, name)
    if length is None:
        try:
            length = storage.size(name)
        except (OSError, NotImplementedError):
            length = 0
    return {
        "name": name,
        "url": absolute_url(url),
        "width": width,
        "height": height,
        "mime_type": mimetypes.guess_type(name)[0] or "image/jpeg",
        "length": length,
    }


def clean_text(value):
    return strip_control_chars(value or "").strip()


def description(article):
    return Truncator(" ".join(clean_text(article.lead).split())).chars(DESCRIPTION_CHARS)


def modified_at(article):
    # A scheduled article may have been saved before its publication time.
    if article.published_at and article.updated_at:
        return max(article.published_at, article.updated_at)
    return article.updated_at or article.published_at


def changed_at(article):
    """The last change readers could see, from with_last_change(): an edit after publication, else publication.

    An article without any revision (written before revisions existed) falls back to modified_at.
    """
    if not getattr(article, "has_revisions", False):
        return modified_at(article)
    edited = article.last_edit_at
    return max(article.published_at, edited) if edited and article.published_at else article.published_at or edited


def news_article_data(article, *, canonical=None, image=None, summary=None):
    """schema.org NewsArticle for the article page, as a dict (`summary`: its description, when known)."""
    canonical = canonical or absolute_url(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": clean_text(article.title),
        "description": description(article) if summary is None else summary,
        "datePublished": iso_vietnam(article.published_at),
        "dateModified": iso_vietnam(modified_at(article)),
        "inLanguage": "vi",
        "articleSection": clean_text(article.category.name),
        "author": [
            {"@type": "Person", "name": clean_text(author.pen_name), "url": absolute_url(author.get_absolute_url())}
            for author in article.ordered_authors()
        ],
        "publisher": publisher_data(),
    }
    if image:
        data["image"] = [image["url"]]
    return data


def logo():
    return dict(_logo())


@lru_cache(maxsize=1)
def _logo():
    # The same on every page (static() looks the hashed name up): once per process and settings.
    name, width, height = LOGO
    return {"url": absolute_url(static(name)), "width": width, "height": height}


@receiver(setting_changed)
def _settings_changed(setting, **kwargs):
    if setting in ("STATIC_URL", "STORAGES", "NEWSROOM_SITE_URL"):
        _logo.cache_clear()


def publisher_data():
    image = logo()
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": absolute_url("/"),
        "logo": {"@type": "ImageObject", **image},
    }


def feed_links(rss_name, atom_name, title, slug=None):
    """The <link rel="alternate"> a list page advertises: its own RSS and Atom feeds."""
    kwargs = {"slug": slug} if slug else None
    return [
        {"type": "application/rss+xml", "title": title, "url": absolute_url(reverse(rss_name, kwargs=kwargs))},
        {"type": "application/atom+xml", "title": title, "url": absolute_url(reverse(atom_name, kwargs=kwargs))},
    ]


def list_meta(request, *, title, description, feeds, page_number=1):
    """What templates/includes/list_meta.html prints for a list page: description, canonical, OpenGraph, feeds.

    The canonical link is the page itself on NEWSROOM_SITE_URL, with its page number past
    the first (each page of a list is its own page, not a copy of the first).
    """
    canonical = absolute_url(request.path)
    if page_number and page_number > 1:
        canonical += f"?page={page_number}"
    return {
        "canonical": canonical,
        "title": clean_text(title),
        "description": Truncator(" ".join(clean_text(description).split())).chars(DESCRIPTION_CHARS),
        "image": logo(),
        "feeds": feeds,
    }


def json_ld(data):
    """JSON safe inside <script type="application/ld+json">: <, > and & escaped as json_script does."""
    text = json.dumps(data, ensure_ascii=False)
    # Three replace() calls: str.translate with a table walks every character in Python's loop.
    return mark_safe(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def share_links(article):
    """Facebook and Zalo share addresses and the link to copy, all for the canonical URL."""
    url = absolute_url(article.get_absolute_url())
    # Zalo's share page takes base64 JSON, the format its own share button sends.
    zalo_data = base64.b64encode(json.dumps({"url": url}).encode()).decode()
    return {
        "url": url,
        "facebook": f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}",
        "zalo": f"https://button-share.zalo.me/share_external?d={quote(zalo_data, safe='')}",
    }


def article_meta(article):
    """Everything templates/includes/seo_meta.html prints, computed from prefetched data (no query)."""
    canonical = absolute_url(article.get_absolute_url())
    photo = body_photos.share_photo(article)
    image = share_image(photo)
    summary = description(article)
    return {
        "canonical": canonical,
        "title": clean_text(article.title),
        "description": summary,
        "image": image,
        "image_alt": clean_text(photo.alt) if image else "",
        "published": iso_vietnam(article.published_at),
        "modified": iso_vietnam(modified_at(article)),
        "section": clean_text(article.category.name),
        "authors": [clean_text(a.pen_name) for a in article.ordered_authors()],
        "json_ld": json_ld(news_article_data(article, canonical=canonical, image=image, summary=summary)),
    }


@method_decorator(public_page, name="dispatch")
class ArticlePrintView(DetailView):
    """The article alone, laid out for paper: no menus, no related links."""

    template_name = "articles/article_print.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_page()

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response["X-Robots-Tag"] = "noindex, follow"
        return response
