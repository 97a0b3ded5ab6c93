"""`manage.py import_articles PATH…`: import plain-text articles from files or folders."""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from articles.importer import (
    CREATED,
    FAILED,
    UNCHANGED,
    UPDATED,
    ArticleImporter,
    CategoryNotFound,
    find_category,
    text_files,
)

# Above this many files a progress bar is worth its noise.
HANDFUL = 5


class Command(BaseCommand):
    help = "Import articles from plain-text files (or folders of .txt files) in the format of the sample report."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Text files, or folders searched for *.txt.")
        parser.add_argument("--category", help="Category slug or name (default: “Tin tức - Sự kiện”).")
        parser.add_argument("--draft", action="store_true", help="Import new articles as drafts for review.")

    def handle(self, *args, paths, category=None, draft=False, verbosity=1, **options):
        if category:
            try:
                category = find_category(category)
            except CategoryNotFound:
                raise CommandError(_("Unknown category: %(category)s") % {"category": category}) from None
        files, missing = text_files(paths)
        importer = ArticleImporter(category=category, draft=draft)
        counts = Counter()
        stream = getattr(self.stderr, "_out", self.stderr)
        progress = tqdm(total=len(files), unit="file", disable=len(files) <= HANDFUL, file=stream, dynamic_ncols=True)

        def report(message, style):
            if progress.disable:
                self.stderr.write(style(message))
            else:
                progress.write(message, file=stream)

        for path in missing:
            counts[FAILED] += 1
            report(_("%(file)s: failed: no such file or folder") % {"file": path}, self.style.ERROR)
        for path, outcome in importer.import_files(files):
            progress.update()
            counts[outcome.status] += 1
            if outcome.status == FAILED:
                report(_("%(file)s: failed: %(reason)s") % {"file": path, "reason": outcome.reason}, self.style.ERROR)
            for warning in outcome.warnings:
                report(_("%(file)s: %(warning)s") % {"file": path, "warning": warning}, self.style.WARNING)
            if verbosity > 1 and outcome.status != FAILED:
                self.stdout.write(f"{path}: {outcome.status}")
        progress.close()

        self.stdout.write(
            _("Created: %(created)d, updated: %(updated)d, unchanged: %(unchanged)d, failed: %(failed)d.")
            % {
                "created": counts[CREATED],
                "updated": counts[UPDATED],
                "unchanged": counts[UNCHANGED],
                "failed": counts[FAILED],
            }
        )
        if counts[FAILED]:
            raise CommandError(
                _("%(count)d file(s) could not be imported; see the messages above.") % {"count": counts[FAILED]},
                returncode=1,
            )
