"""Importing plain-text articles: files become Articles, idempotently, with revisions (export: articles/exporter.py)."""

import hashlib
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from . import cache, plaintext, revisions, workflow
from .models import Article, ArticleRevision, Author, Category, Photo, Unit
from .photos import PhotoRejected, store_photo
from .sanitizer import sanitize_html
from .text import slugify_vi

DEFAULT_CATEGORY = "Tin tức - Sự kiện"
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp")
# Key of the revision data where an import records what it read, so an unchanged file is recognised.
SOURCE_KEY = "import"

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
# Files per transaction in import_files().
BATCH_SIZE = 50


@dataclass
class ImageSource:
    name: str
    data: bytes

    @property
    def digest(self):
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class ImportOutcome:
    name: str
    status: str
    article: Article | None = None
    reason: str = ""
    warnings: list = field(default_factory=list)


class CategoryNotFound(LookupError):
    pass


def find_category(value):
    """A category by slug or by name (any case); raises CategoryNotFound."""
    category = (
        Category.objects.filter(slug=value).first()
        or Category.objects.filter(name__iexact=value).first()
        or Category.objects.filter(slug=slugify_vi(value)).first()
    )
    if category is None:
        raise CategoryNotFound(value)
    return category


def default_category():
    """The section imports land in when none is given, created on first use."""
    try:
        return find_category(DEFAULT_CATEGORY)
    except CategoryNotFound:
        return Category.objects.create(name=DEFAULT_CATEGORY)


def images_beside(path, count, listing=None):
    """`<stem>-1.jpg`, `<stem>-2.png`, ... next to the text file: one ImageSource (or None) per photo.

    `listing` maps lower-cased file names of the folder to paths; an importer
    passes one read once per folder, since scanning a folder of 10,000 files for
    every file would make a run quadratic.
    """
    path = Path(path)
    if listing is None:
        listing = folder_listing(path.parent)
    found = []
    for number in range(1, count + 1):
        for ext in IMAGE_EXTENSIONS:
            candidate = listing.get(f"{path.stem}-{number}.{ext}".lower())
            if candidate is not None:
                found.append(ImageSource(candidate.name, candidate.read_bytes()))
                break
        else:
            found.append(None)
    return found


def folder_listing(folder):
    """{lower-cased name: path} of the files in `folder`."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name.lower(): Path(entry.path) for entry in entries if entry.is_file()}
    except OSError:
        return {}


def text_files(paths):
    """The files to import: files as given, folders searched for *.txt; missing paths are returned apart."""
    files, missing = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".txt"))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(path)
    return files, missing


class ArticleImporter:
    """Imports plain-text articles, keeping units, authors and the category in memory for the whole run.

    Each file is applied in its own transaction: a bad file changes nothing and
    the run carries on. Articles are matched on Article.import_key (the file's
    stem), so importing the same file again finds the article it made.
    """

    def __init__(self, *, category=None, draft=False, user=None):
        self.explicit_category = category
        self.category = category or default_category()
        self.draft = draft
        self.user = user
        self._authors = None
        self._author_slugs = None
        self._units = None
        self._listings = {}

    # --- cached look-ups ------------------------------------------------------

    def _load_authors(self):
        if self._authors is None:
            self._authors, self._author_slugs = {}, set()
            for author in Author.objects.all():
                self._authors[author.pen_name] = author
                self._author_slugs.add(author.slug)

    def _author(self, pen_name, created):
        """The author with this pen name, created (with a free slug) when there is none."""
        self._load_authors()
        author = self._authors.get(pen_name)
        if author is None:
            base = slugify_vi(pen_name, 130) or "tac-gia"
            slug, n = base, 1
            while slug in self._author_slugs:
                n += 1
                slug = f"{base}-{n}"
            author = Author.objects.create(pen_name=pen_name, slug=slug)
            self._authors[pen_name] = author
            self._author_slugs.add(slug)
            created.append(author)
        return author

    def _forget(self, authors):
        """Drop authors created in a transaction that was rolled back."""
        for author in authors:
            self._authors.pop(author.pen_name, None)
            self._author_slugs.discard(author.slug)

    def units_for(self, doc):
        """Known units whose name appears in the title or the lead (whole words, any case)."""
        if self._units is None:
            self._units = []
            for unit in Unit.objects.only("pk", "name"):
                name = unicodedata.normalize("NFC", unit.name).strip()
                if name:
                    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
                    self._units.append((unit.pk, name.casefold(), pattern))
        text = unicodedata.normalize("NFC", f"{doc.title}\n{doc.lead}")
        folded = text.casefold()
        # The substring test first is cheap: most units are not mentioned in most articles.
        return sorted(pk for pk, needle, pattern in self._units if needle in folded and pattern.search(text))

    # --- import -----------------------------------------------------------------

    def import_files(self, paths, *, batch_size=BATCH_SIZE):
        """Import `paths`, yielding (path, outcome) for each once its batch is committed.

        One commit per file would spend most of the run waiting for the disk, so
        files are committed in batches; each file keeps its own savepoint, so a
        bad one is still rolled back alone.
        """
        paths = list(paths)
        for start in range(0, len(paths), batch_size):
            with transaction.atomic():
                done = [(path, self.import_file(path)) for path in paths[start : start + batch_size]]
            yield from done

    def import_file(self, path, *, images=None, category=None):
        """Import one text file; `images` (one ImageSource or None per photo) defaults to the files beside it."""
        path = Path(path)
        try:
            data = path.read_bytes()
            doc = plaintext.parse_bytes(data)
        except plaintext.PlainTextError as exc:
            return ImportOutcome(path.name, FAILED, reason=str(exc))
        except OSError as exc:
            return ImportOutcome(path.name, FAILED, reason=exc.strerror or str(exc))
        if images is None:
            if path.parent not in self._listings:
                self._listings[path.parent] = folder_listing(path.parent)
            images = images_beside(path, len(doc.photos), self._listings[path.parent])
        return self.import_document(
            doc,
            key=path.stem,
            name=path.name,
            digest=hashlib.sha256(data).hexdigest(),
            images=images,
            category=category,
        )

    def import_document(self, doc, *, key, name, digest, images=(), category=None):
        images = list(images)[: len(doc.photos)]
        images += [None] * (len(doc.photos) - len(images))
        created_authors = []
        outcome = ImportOutcome(name, UNCHANGED)
        try:
            with transaction.atomic():
                article = Article.objects.select_for_update().filter(import_key=key).first()
                if article is None:
                    self._create(doc, key, name, digest, images, category, created_authors, outcome)
                else:
                    self._update(article, doc, name, digest, images, category, created_authors, outcome)
        except (workflow.TransitionError, DatabaseError, ValidationError, OSError) as exc:
            # The file's transaction is rolled back; report it and let the run carry on.
            self._forget(created_authors)
            reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            return ImportOutcome(name, FAILED, reason=reason)
        return outcome

    def _create(self, doc, key, name, digest, images, category, created_authors, outcome):
        article = Article(
            title=doc.title,
            lead=doc.lead,
            source_label=doc.source_label,
            body=sanitize_html(plaintext.paragraphs_to_html(doc.paragraphs)),
            category=category or self.category,
            published_at=doc.published_at,
            import_key=key,
            created_by=self.user,
        )
        article.save()
        article.set_byline([self._author(pen_name, created_authors).pk for pen_name in doc.authors])
        unit_ids = self.units_for(doc)
        if unit_ids:
            Article.units.through.objects.bulk_create(
                [Article.units.through(article_id=article.pk, unit_id=pk) for pk in unit_ids]
            )
        photos = self._apply_photos(article, doc, images, [], outcome)
        self._set_cover(article, photos)
        if not self.draft:
            workflow.transition(
                article, "import_publish", user=None, note=_("Imported from %(file)s") % {"file": name},
                publish_at=doc.published_at,
            )  # fmt: skip
        self._record(article, name, digest, images, _("Imported from %(file)s") % {"file": name})
        outcome.status, outcome.article = CREATED, article

    def _update(self, article, doc, name, digest, images, category, created_authors, outcome):
        existing = list(article.photos.filter(in_body=False).order_by("position", "order", "pk"))
        recorded = self._recorded_source(article)
        image_work = self._image_work(existing, images, recorded)
        wanted_category = category or self.explicit_category
        if (
            recorded.get("sha256") == digest
            and not image_work
            and (wanted_category is None or wanted_category.pk == article.category_id)
        ):
            return  # the very file imported last time: leave any later edits alone

        body = sanitize_html(plaintext.paragraphs_to_html(doc.paragraphs))
        fields = {
            "title": doc.title,
            "lead": doc.lead,
            "source_label": doc.source_label,
            "body": body,
            "published_at": doc.published_at,
        }
        if wanted_category is not None:
            fields["category_id"] = wanted_category.pk
        changed_fields = {k: v for k, v in fields.items() if getattr(article, k) != v}
        current_authors = list(
            article.article_authors.order_by("order", "pk").values_list("author__pen_name", flat=True)
        )
        authors_changed = current_authors != list(doc.authors)
        unit_ids = self.units_for(doc)
        units_changed = sorted(article.units.values_list("pk", flat=True)) != unit_ids
        photos_changed = [(p.caption, p.alt_text, p.position) for p in existing] != [
            (p.caption, p.alt_text, p.position) for p in doc.photos
        ]
        if not (changed_fields or authors_changed or units_changed or photos_changed or image_work):
            return  # same content, e.g. the file written back by export_articles

        for key, value in changed_fields.items():
            setattr(article, key, value)
        article.version += 1
        article.save()
        if authors_changed:
            article.set_byline([self._author(pen_name, created_authors).pk for pen_name in doc.authors])
        if units_changed:
            article.units.set(unit_ids)
        photos = self._apply_photos(article, doc, images, existing, outcome, image_work)
        self._set_cover(article, photos)
        if article.status == Article.Status.PUBLISHED:
            transaction.on_commit(cache.bump)
        self._record(article, name, digest, images, _("Updated from %(file)s") % {"file": name})
        workflow.content_changed(article, user=self.user)
        outcome.status, outcome.article = UPDATED, article

    # --- photos -------------------------------------------------------------------

    @staticmethod
    def _recorded_source(article):
        """What the last import of this article read (file digest, image digests), or {}."""
        for data in (
            ArticleRevision.objects.filter(article=article)
            .order_by("-created_at", "-pk")
            .values_list("data", flat=True)
        ):
            if isinstance(data, dict) and SOURCE_KEY in data:
                return data[SOURCE_KEY]
        return {}

    @staticmethod
    def _image_work(existing, images, recorded):
        """Indexes of photos whose image file beside the text is new or different."""
        seen = recorded.get("images") or []
        work = set()
        for index, image in enumerate(images):
            if image is None:
                continue  # no file: keep whatever the photo has (maybe uploaded in the admin)
            digest = image.digest
            if index < len(seen) and seen[index] == digest:
                continue  # stored, or refused by the pipeline, last time
            photo = existing[index] if index < len(existing) else None
            if photo is not None and photo.has_file and _stored_digest(photo) == digest:
                continue  # the stored file itself, as export_articles writes it
            work.add(index)
        return work

    def _apply_photos(self, article, doc, images, existing, outcome, work=None):
        """Make the article's photos match the text's captions, in order; attach new image files."""
        photos, new, changed = [], [], []
        for index, spec in enumerate(doc.photos):
            photo = existing[index] if index < len(existing) else Photo(article=article)
            photo.caption, photo.alt_text = spec.caption, spec.alt_text
            photo.position, photo.order = spec.position, index
            image = images[index]
            stored = False
            if image is not None and (work is None or index in work):
                try:
                    store_photo(photo, io.BytesIO(image.data), user=self.user)
                    stored = True
                except PhotoRejected as exc:
                    outcome.warnings.append(
                        _("photo %(number)s (%(file)s) was refused, its caption is kept: %(reason)s")
                        % {"number": index + 1, "file": image.name, "reason": " ".join(exc.messages)}
                    )
            if not stored:
                (new if photo.pk is None else changed).append(photo)
            photos.append(photo)
        # In bulk: most imported photos have no file, and one query beats one per photo.
        Photo.objects.bulk_create(new)
        Photo.objects.bulk_update(changed, ["caption", "alt_text", "position", "order"])
        for surplus in existing[len(doc.photos) :]:
            surplus.delete()
        return photos

    @staticmethod
    def _set_cover(article, photos):
        if article.cover_photo_id is None:
            cover = next((p for p in photos if p.has_file), None)
            if cover is not None:
                article.cover_photo = cover
                Article.objects.filter(pk=article.pk).update(cover_photo=cover)

    def _record(self, article, name, digest, images, reason):
        data = revisions.snapshot(article)
        data[SOURCE_KEY] = {
            "file": name,
            "sha256": digest,
            "images": [image.digest if image else None for image in images],
        }
        ArticleRevision.objects.create(
            article=article, version=article.version, data=data, created_by=self.user, reason=str(reason)[:200]
        )


def _stored_digest(photo):
    try:
        with photo.image.open("rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None
