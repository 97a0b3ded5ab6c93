"""Article revisions: snapshot an article's content, compare two snapshots, restore one."""

import difflib
import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import cache, desk, workflow
from .models import Article, ArticleRevision, Author, Category, Photo, Topic, Unit

# Plain content fields kept in a snapshot, with the label a comparison shows.
TEXT_FIELDS = {
    "title": _("title"),
    "slug": _("slug"),
    "source_label": _("source label"),
    "lead": _("lead"),
    "body": _("body"),
    "event_date": _("event date"),
    "event_place": _("event place"),
}
PHOTO_FIELDS = ("caption", "alt_text", "credit", "position", "order")
# Break the body after each closing block tag so a diff shows paragraphs, not one long line.
_BLOCK_END = re.compile(r"(</(?:p|h[1-6]|li|ul|ol|blockquote|figure|figcaption|table|tr)>)", re.IGNORECASE)


def snapshot(article):
    """The article's content as JSON-ready data: text, category, units, authors, photo captions."""
    return {
        **{name: getattr(article, name) for name in TEXT_FIELDS if name != "event_date"},
        "event_date": article.event_date.isoformat() if article.event_date else None,
        "category": {"id": article.category_id, "name": str(article.category) if article.category_id else ""},
        "units": [{"id": u.pk, "name": u.name} for u in article.units.order_by("name")],
        "topics": [{"id": t.pk, "name": t.name} for t in article.topics.order_by("name")],
        "authors": [
            {"id": link.author_id, "name": link.author.pen_name}
            for link in article.article_authors.select_related("author").order_by("order", "pk")
        ],
        "photos": [
            {"id": p.pk, **{name: getattr(p, name) for name in PHOTO_FIELDS}}
            for p in article.photos.order_by("position", "order", "pk")
        ],
    }


def record(article, *, user, reason=""):
    """Store a snapshot of `article` as it is now in the database, labelled with its version."""
    return ArticleRevision.objects.create(
        article=article,
        version=article.version,
        data=snapshot(article),
        created_by=user if user and user.is_authenticated else None,
        reason=str(reason)[:200],
    )


def _lines(data):
    """A snapshot as {field name: (label, [lines])} for comparison."""
    out = {}
    for name, label in TEXT_FIELDS.items():
        value = data.get(name) or ""
        if name == "body":
            lines = [line.strip() for line in _BLOCK_END.sub(r"\1\n", value).splitlines() if line.strip()]
        else:
            lines = str(value).splitlines() or [""]
        out[name] = (label, lines)
    out["category"] = (_("category"), [(data.get("category") or {}).get("name", "")])
    out["units"] = (_("units involved"), [u["name"] for u in data.get("units", [])])
    out["topics"] = (_("topics"), [t["name"] for t in data.get("topics", [])])
    out["authors"] = (_("authors"), [a["name"] for a in data.get("authors", [])])
    out["photos"] = (
        _("photos"),
        [
            gettext("Photo #%(id)s, position %(position)s: %(caption)s (alt: %(alt)s; credit: %(credit)s)")
            % {
                "id": p["id"],
                "position": p.get("position", 0),
                "caption": p.get("caption", ""),
                "alt": p.get("alt_text", ""),
                "credit": p.get("credit", ""),
            }
            for p in data.get("photos", [])
        ],
    )
    return out


def compare(old, new):
    """Differences between two revisions, field by field.

    Returns [(name, label, [(kind, text), ...])] for changed fields only; kind
    is "add", "remove" or "same". Text is plain: the template escapes it.
    """
    before, after = _lines(old.data), _lines(new.data)
    changes = []
    for name, (label, old_lines) in before.items():
        new_lines = after[name][1]
        if old_lines == new_lines:
            continue
        rows = []
        for line in difflib.ndiff(old_lines, new_lines):
            code, text = line[:2], line[2:]
            if code == "? ":
                continue
            rows.append(({"+ ": "add", "- ": "remove"}.get(code, "same"), text))
        changes.append((name, label, rows))
    return changes


def since_last_approval(article):
    """(revision approved last, latest revision) when the text changed since its last approval, else None."""
    approvals = [name for name, spec in workflow.TRANSITIONS.items() if spec.approves]
    approved = (
        article.transitions.filter(action__in=approvals, version__isnull=False).order_by("-created_at", "-pk").first()
    )
    if approved is None or approved.version == article.version:
        return None
    old = article.revisions.filter(version=approved.version).order_by("-created_at", "-pk").first()
    new = article.revisions.order_by("-created_at", "-pk").first()
    if old is None or new is None or old.pk == new.pk:
        return None
    return old, new


def since_last_approval_url(article):
    """The comparison page of what changed since the last approval, or ""."""
    pair = since_last_approval(article)
    if pair is None:
        return ""
    return reverse("admin:articles_article_compare", args=[article.pk]) + f"?old={pair[0].pk}&new={pair[1].pk}"


@transaction.atomic
def restore(revision, *, user):
    """Put `revision`'s content back on its article, as a new version and a new revision.

    Photos and units or authors deleted since are skipped: a restore never
    re-creates files, and never touches the article's status.
    """
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    if not desk.can_edit(user, article):
        raise PermissionDenied
    data = revision.data
    for name in TEXT_FIELDS:
        if name in data and name != "event_date":
            setattr(article, name, data[name] or "")
    article.event_date = data.get("event_date") or None
    category_id = (data.get("category") or {}).get("id")
    if category_id and Category.objects.filter(pk=category_id).exists():
        article.category_id = category_id
    article.version += 1
    article.save(
        update_fields=[*TEXT_FIELDS, "category", "version", "updated_at"],
    )
    article.units.set(Unit.objects.filter(pk__in=[u["id"] for u in data.get("units", [])]))
    if "topics" in data:  # snapshots older than topics leave the article's topics as they are
        article.topics.set(Topic.objects.filter(pk__in=[t["id"] for t in data["topics"]]))
    author_ids = [a["id"] for a in data.get("authors", [])]
    existing = set(Author.objects.filter(pk__in=author_ids).values_list("pk", flat=True))
    article.set_byline([pk for pk in author_ids if pk in existing])
    photos = {p.pk: p for p in Photo.objects.filter(article=article)}
    changed = []
    for item in data.get("photos", []):
        photo = photos.get(item["id"])
        if photo:
            for name in PHOTO_FIELDS:
                setattr(photo, name, item.get(name, getattr(photo, name)))
            changed.append(photo)
    Photo.objects.bulk_update(changed, PHOTO_FIELDS)
    if article.status == Article.Status.PUBLISHED:
        transaction.on_commit(cache.bump)
    restored = record(
        article, user=user, reason=gettext("Restored version %(version)s") % {"version": revision.version}
    )
    workflow.content_changed(article, user=user)
    return restored
