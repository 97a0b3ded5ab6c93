"""`manage.py load_demo`: sections, police units, the desk's three roles and a dozen articles with drawn photos.

Safe to run again: everything is looked up before it is created and articles go
through the idempotent importer. Existing passwords are kept, unless DEMO_PASSWORD is set:
then the demo accounts get that password again (the way to reset a forgotten one).
"""

import json
import os
import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from articles import demo_planning, demo_royalties, roles, workflow
from articles.demo_photos import draw_photo
from articles.demo_topics import load_topics
from articles.importer import CREATED, FAILED, ArticleImporter, ImageSource
from articles.models import Article, Author, Category, Unit, UnitMembership
from articles.plaintext import parse_bytes

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"

CATEGORIES = ["Tin tức - Sự kiện", "An ninh trật tự", "Xây dựng lực lượng", "Pháp luật", "Gia đình - Xã hội"]
# Sections whose articles the leadership signs off after the editor (set when the section is created).
SIGNOFF_SECTIONS = {"An ninh trật tự"}
# An article the reporter has filed to a section that needs sign-off: the editor's queue is not empty.
WAITING = ("cho-duyet-bao-dam-an-ninh-le-hoi-den-cuong.txt", "An ninh trật tự", "phongvien")

MINISTRY = "Bộ Công an"
PROVINCES = [
    "Công an tỉnh Thanh Hóa",
    "Công an tỉnh Nghệ An",
    "Công an tỉnh Hà Tĩnh",
    "Công an tỉnh Quảng Bình",
    "Công an tỉnh Quảng Trị",
    "Công an tỉnh Thừa Thiên Huế",
]
NGHE_AN_DISTRICTS = [
    "Công an thành phố Vinh",
    "Công an thị xã Cửa Lò",
    "Công an huyện Diễn Châu",
    "Công an huyện Nghi Lộc",
    "Công an huyện Quỳnh Lưu",
]
CLUSTER = "Cụm thi đua số 5"
# (members, start year, end year): the cluster's make-up changed in 2024.
CLUSTER_TERMS = [
    (PROVINCES, 2020, 2023),
    (PROVINCES[1:] + ["Công an thành phố Đà Nẵng"], 2024, None),
]

# username -> (role, pen name, full name)
ACCOUNTS = {
    "phongvien": ("reporter", "Hoàng Anh", "Nguyễn Hoàng Anh"),
    "bientapvien": ("moderator", "Thu Hà", "Trần Thu Hà"),
    "lanhdao": ("chief", "Quang Minh", "Lê Quang Minh"),
}


class Command(BaseCommand):
    help = "Load demo content: categories, units, a reporter, an editor and a leader, a dozen articles."

    def handle(self, *args, **options):
        with transaction.atomic():
            categories = self.load_categories()
            self.load_units()
            self.load_accounts()
        self.load_articles(categories)
        self.load_waiting(categories)
        demo_planning.load(self.stdout)
        demo_royalties.load(self.stdout)
        self.stdout.write(_("Topics: %(created)d created.") % {"created": load_topics()})

    def load_categories(self):
        categories, created = {}, 0
        for order, name in enumerate(CATEGORIES):
            defaults = {"order": order, "needs_signoff": name in SIGNOFF_SECTIONS}
            category, was_created = Category.objects.get_or_create(name=name, defaults=defaults)
            categories[name] = category
            created += was_created
        message = _("Categories: %(created)d created, %(total)d in all.")
        self.stdout.write(message % {"created": created, "total": len(CATEGORIES)})
        return categories

    def load_units(self):
        created = 0

        def unit(name, kind, parent=None):
            nonlocal created
            obj, was_created = Unit.objects.get_or_create(name=name, defaults={"kind": kind, "parent": parent})
            created += was_created
            return obj

        ministry = unit(MINISTRY, Unit.Kind.MINISTRY)
        unit("Cục X03", Unit.Kind.DEPARTMENT, ministry)
        provinces = {name: unit(name, Unit.Kind.PROVINCIAL, ministry) for name in PROVINCES}
        provinces["Công an thành phố Đà Nẵng"] = unit("Công an thành phố Đà Nẵng", Unit.Kind.PROVINCIAL, ministry)
        for name in NGHE_AN_DISTRICTS:
            unit(name, Unit.Kind.DISTRICT, provinces["Công an tỉnh Nghệ An"])
        cluster = unit(CLUSTER, Unit.Kind.CLUSTER, ministry)
        for members, start, end in CLUSTER_TERMS:
            for name in members:
                UnitMembership.objects.get_or_create(
                    cluster=cluster, member=provinces[name], start_year=start, defaults={"end_year": end}
                )
        self.stdout.write(_("Units: %(created)d created.") % {"created": created})

    def load_accounts(self):
        User = get_user_model()
        # The role groups come from a migration; make sure they exist and carry today's permissions.
        roles.sync_roles(Group, Permission)
        for username, (role, pen_name, full_name) in ACCOUNTS.items():
            user = User.objects.filter(username=username).first()
            if user is None:
                password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(9)
                user = User.objects.create_user(username=username, password=password, is_staff=True)
                user.groups.add(Group.objects.get(name=roles.ROLE_NAMES[role]))
                message = _("Account %(username)s (%(role)s) created, password: %(password)s")
                label = roles.ROLE_LABELS[roles.ROLE_NAMES[role]]
                self.stdout.write(
                    self.style.SUCCESS(message % {"username": username, "role": label, "password": password})
                )
            elif os.environ.get("DEMO_PASSWORD"):
                user.set_password(os.environ["DEMO_PASSWORD"])
                user.save(update_fields=["password"])
                self.stdout.write(
                    self.style.SUCCESS(
                        _("Account %(username)s exists, password reset to DEMO_PASSWORD.") % {"username": username}
                    )
                )
            else:
                self.stdout.write(_("Account %(username)s exists, password unchanged.") % {"username": username})
            author = Author.objects.filter(pen_name=pen_name).first()
            if author is None:
                Author.objects.create(pen_name=pen_name, full_name=full_name, user=user)
            elif author.user_id is None and not Author.objects.filter(user=user).exists():
                Author.objects.filter(pk=author.pk).update(user=user)

    def load_articles(self, categories):
        manifest = json.loads((DEMO_DIR / "manifest.json").read_text(encoding="utf-8"))
        importer = ArticleImporter(category=categories[CATEGORIES[0]])
        created = 0
        for entry in manifest:
            path = DEMO_DIR / entry["file"]
            doc = parse_bytes(path.read_bytes())
            images = [
                ImageSource(f"{path.stem}-{number}.jpg", draw_photo(photo.caption, number))
                for number, photo in enumerate(doc.photos, start=1)
            ]
            outcome = importer.import_file(path, images=images, category=categories[entry["category"]])
            if outcome.status == FAILED:
                raise CommandError(f"{entry['file']}: {outcome.reason}")
            for warning in outcome.warnings:
                self.stderr.write(self.style.WARNING(f"{entry['file']}: {warning}"))
            if outcome.status == CREATED:
                created += 1
                if entry.get("featured"):
                    # A moderator's choice, not a status: the home page shows it as the lead story.
                    Article.objects.filter(pk=outcome.article.pk).update(is_featured=True)
        self.stdout.write(
            _("Articles: %(created)d created, %(kept)d already there.")
            % {"created": created, "kept": len(manifest) - created}
        )

    def load_waiting(self, categories):
        """The reporter's article filed to a sign-off section, waiting for the editor (once: not after it moved on)."""
        name, section, username = WAITING
        path = DEMO_DIR / name
        reporter = get_user_model().objects.get(username=username)
        doc = parse_bytes(path.read_bytes())
        images = [
            ImageSource(f"{path.stem}-{number}.jpg", draw_photo(photo.caption, number))
            for number, photo in enumerate(doc.photos, start=1)
        ]
        importer = ArticleImporter(category=categories[section], draft=True, user=reporter)
        outcome = importer.import_file(path, images=images, category=categories[section])
        if outcome.status == FAILED:
            raise CommandError(f"{name}: {outcome.reason}")
        if outcome.status == CREATED:
            workflow.transition(outcome.article, "submit", user=reporter)
            self.stdout.write(_("One article waits for the editors in “%(section)s”.") % {"section": section})
