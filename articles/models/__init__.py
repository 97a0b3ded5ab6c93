"""Newsroom data: units, authors, sections, articles, photos, the editorial record, desk talk, the plan, royalties."""

from .article import Article, ArticleAuthor, ArticleQuerySet, default_source_label
from .base import STORABLE_TIMES, SanitizedHTMLField, SlugMixin, cached_reverse, vietnam_day_bounds
from .desk import StaffProfile
from .discussion import ArticleComment, Notification, NotificationQuerySet
from .editorial import ArticleAutosave, ArticleAutosaveQuerySet, ArticleRevision, ArticleTransition
from .photo import Photo, photo_upload_to
from .planning import Assignment, AssignmentChange, AssignmentError, AssignmentQuerySet, Event, EventQuerySet
from .public_data import Author, Category, Unit, UnitMembership
from .reads import ArticleReadCount
from .royalties import Genre, MonthClosed, RoyaltyMonth, RoyaltyMonthEvent
from .royalty_grades import ArticleGrade, GradeShare, PhotoGrade
from .topic import Topic

__all__ = [
    "STORABLE_TIMES", "Article", "Assignment", "AssignmentChange", "AssignmentError", "AssignmentQuerySet",
    "Event", "EventQuerySet", "ArticleAuthor", "ArticleAutosave", "ArticleAutosaveQuerySet", "ArticleComment",
    "ArticleQuerySet", "ArticleReadCount", "ArticleRevision", "ArticleTransition", "Author", "Category",
    "Notification", "NotificationQuerySet", "Photo", "ArticleGrade", "Genre", "GradeShare", "MonthClosed",
    "PhotoGrade", "RoyaltyMonth", "RoyaltyMonthEvent", "SanitizedHTMLField", "SlugMixin", "StaffProfile", "Topic",
    "Unit", "UnitMembership", "cached_reverse", "default_source_label", "photo_upload_to", "vietnam_day_bounds",
]  # fmt: skip
