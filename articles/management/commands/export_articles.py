"""`manage.py export_articles OUTPUT`: write articles back in the plain-text import format, photos beside them."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.exporter import export_article
from articles.importer import CategoryNotFound, find_category
from articles.models import Article


class Command(BaseCommand):
    help = "Export articles as plain-text files (<stem>.txt) with their photos as <stem>-N.<ext>."

    def add_arguments(self, parser):
        parser.add_argument("output", metavar="OUTPUT", help="Folder to write to (created if missing).")
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--status",
            choices=Article.Status.values,
            default=Article.Status.PUBLISHED,
            help="Only articles in this status (default: published).",
        )
        group.add_argument("--all", action="store_true", help="Articles in every status.")
        parser.add_argument("--category", help="Only this category (slug or name).")

    def handle(self, *args, output, status, all=False, category=None, verbosity=1, **options):
        articles = Article.objects.for_page().order_by("published_at", "pk")
        if not all:
            articles = articles.filter(status=status)
        if category:
            try:
                articles = articles.filter(category=find_category(category))
            except CategoryNotFound:
                raise CommandError(_("Unknown category: %(category)s") % {"category": category}) from None
        directory = Path(output)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(_("Cannot create %(path)s: %(reason)s") % {"path": directory, "reason": exc}) from None
        count = skipped = 0
        for article in articles:
            if not article.article_authors.all():
                # Without a byline the last paragraph would read back as one.
                skipped += 1
                message = _("Skipped “%(title)s” (#%(pk)s): it has no author.")
                self.stderr.write(self.style.WARNING(message % {"title": article.title, "pk": article.pk}))
                continue
            written = export_article(article, directory)
            count += 1
            if verbosity > 1:
                self.stdout.write(", ".join(str(path) for path in written))
        self.stdout.write(
            _("Exported %(count)d article(s) to %(path)s; skipped %(skipped)d.")
            % {"count": count, "path": directory, "skipped": skipped}
        )
