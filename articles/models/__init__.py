"""Newsroom data: units, authors, sections, articles, photos, the editorial record, the desk's talk (a module each)."""

from .article import Article, ArticleAuthor, ArticleQuerySet, default_source_label
from .base import STORABLE_TIMES, SanitizedHTMLField, SlugMixin, cached_reverse, vietnam_day_bounds
from .desk import StaffProfile
from .discussion import ArticleComment, Notification, NotificationQuerySet
from .editorial import ArticleAutosave, ArticleAutosaveQuerySet, ArticleRevision, ArticleTransition
from .photo import Photo, photo_upload_to
from .public_data import Author, Category, Unit, UnitMembership
from .reads import ArticleReadCount
from .topic import Topic

__all__ = [
    "STORABLE_TIMES", "Article", "ArticleAuthor", "ArticleAutosave", "ArticleAutosaveQuerySet", "ArticleComment",
    "ArticleQuerySet", "ArticleReadCount", "ArticleRevision", "ArticleTransition", "Author", "Category", "Notification",
    "NotificationQuerySet", "Photo", "SanitizedHTMLField", "SlugMixin", "StaffProfile", "Topic", "Unit",
    "UnitMembership", "cached_reverse", "default_source_label", "photo_upload_to", "vietnam_day_bounds",
]  # fmt: skip
