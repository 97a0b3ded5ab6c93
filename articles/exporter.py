"""Exporting articles as plain text in the sample report's format, with their photo files beside them."""

from pathlib import Path

from . import plaintext
from .text import slugify_vi


def plain_from_article(article):
    """An Article as a PlainArticle: body blocks as paragraphs, captioned photos at their paragraph."""
    blocks = plaintext.html_to_blocks(article.body)
    paragraphs = [text for text in blocks if text]
    photos = []
    for photo in article.photos.all():
        if photo.in_body or not (photo.caption or photo.alt_text):
            continue
        position = sum(1 for text in blocks[: photo.position] if text)
        photos.append(plaintext.PlainPhoto(caption=photo.caption, alt_text=photo.alt_text, position=position))
    return plaintext.PlainArticle(
        published_at=article.published_at or article.created_at,
        title=article.title,
        source_label=article.source_label,
        lead=article.lead,
        paragraphs=tuple(paragraphs),
        photos=tuple(photos),
        authors=tuple(author.pen_name for author in article.ordered_authors()),
    )


def export_stem(article):
    """The file name (without extension) an article is written to: its import key when it has one."""
    key = Path(article.import_key or "").name
    return key or f"{slugify_vi(article.title, 80) or 'bai-viet'}-{article.pk}"


def export_article(article, directory):
    """Write `article` as `<stem>.txt` plus `<stem>-N.<ext>` for its photo files; returns the paths written."""
    directory = Path(directory)
    stem = export_stem(article)
    text_path = directory / f"{stem}.txt"
    text_path.write_text(plaintext.write(plain_from_article(article)), encoding="utf-8")
    written = [text_path]
    number = 0
    for photo in article.photos.all():
        if photo.in_body or not (photo.caption or photo.alt_text):
            continue
        number += 1
        if not photo.has_file:
            continue
        ext = Path(photo.image.name).suffix.lower().lstrip(".") or "jpg"
        image_path = directory / f"{stem}-{number}.{ext}"
        try:
            with photo.image.open("rb") as handle:
                image_path.write_bytes(handle.read())
        except FileNotFoundError:
            continue  # a file lost from storage: the caption is still written, as for a photo without file
        written.append(image_path)
    return written
