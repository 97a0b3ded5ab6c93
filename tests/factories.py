"""factory_boy factories for the newsroom's models."""

import io
from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles import roles
from articles.models import (
    Article,
    ArticleAuthor,
    ArticleGrade,
    Assignment,
    Author,
    Category,
    Event,
    Genre,
    Photo,
    StaffProfile,
    Topic,
    Unit,
    UnitMembership,
)


def jpeg_bytes(width=64, height=48, color=(180, 30, 30)):
    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def jpeg_file(name="photo.jpg", **kwargs):
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "matkhau-12345")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if not create:
            return
        name = extracted or kwargs.get("default")
        if name:
            if not Group.objects.filter(name=roles.ROLE_NAMES[name]).exists():
                # Transactional tests flush the groups the migration made.
                roles.sync_roles(Group, Permission)
            self.groups.add(Group.objects.get(name=roles.ROLE_NAMES[name]))
        self.save()


class ReporterFactory(UserFactory):
    role__default = "reporter"


class ModeratorFactory(UserFactory):
    role__default = "moderator"


class ChiefFactory(UserFactory):
    """A leader (Lãnh đạo duyệt: Tổng biên tập / Phó TBT) who signs off the sensitive sections."""

    role__default = "chief"


def limit_to_sections(user, *categories):
    """Limit an editor or leader to `categories` (their StaffProfile), as an administrator would."""
    profile, _created = StaffProfile.objects.get_or_create(user=user)
    profile.sections.set(categories)
    return user


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Công an huyện số {n}")
    kind = Unit.Kind.DISTRICT


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Chủ đề số {n}")


class UnitMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitMembership

    cluster = factory.SubFactory(UnitFactory, kind=Unit.Kind.CLUSTER)
    member = factory.SubFactory(UnitFactory, kind=Unit.Kind.PROVINCIAL)
    start_year = 2020


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("pen_name",)

    pen_name = factory.Sequence(lambda n: f"Phóng viên {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A draft by default; PublishedArticleFactory for what readers see."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hội nghị sơ kết công tác số {n}")
    lead = "Sáng 7/7, Công an tỉnh tổ chức hội nghị."
    body = "<p>Đoạn thứ nhất.</p><p>Đoạn thứ hai.</p>"
    category = factory.SubFactory(CategoryFactory)
    created_by = factory.SubFactory(ReporterFactory)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        for order, author in enumerate(extracted if extracted is not None else [AuthorFactory()]):
            ArticleAuthor.objects.create(article=self, author=author, order=order)


class PublishedArticleFactory(ArticleFactory):
    status = Article.Status.PUBLISHED
    published_at = factory.Sequence(lambda n: timezone.now() - timedelta(hours=1, minutes=n))


class PhotoFactory(factory.django.DjangoModelFactory):
    """A photo whose file is a small JPEG saved through storage (not the pipeline)."""

    class Meta:
        model = Photo

    article = factory.SubFactory(ArticleFactory)
    image = factory.LazyFunction(jpeg_file)
    caption = factory.Sequence(lambda n: f"Toàn cảnh Hội nghị {n}")
    position = 1

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # The size the pipeline would have recorded (it writes width and height; storage does not).
        image = kwargs.get("image")
        if image and "width" not in kwargs and hasattr(image, "seek"):
            with Image.open(image) as opened:
                kwargs["width"], kwargs["height"] = opened.size
            image.seek(0)
        return super()._create(model_class, *args, **kwargs)


# Every state readers must not see; "scheduled" is published with a future time.
HIDDEN_STATES = ("draft", "submitted", "returned", "unpublished", "trashed", "scheduled")


def make_hidden_articles(title_prefix="Ẩn", **kwargs):
    """One article in each hidden state, keyed by state.

    Each has a publication time an hour ago (or, when scheduled, an hour ahead), so only
    its status keeps it from readers.
    """
    hidden = {}
    for state in HIDDEN_STATES:
        if state == "scheduled":
            status, published_at = Article.Status.PUBLISHED, timezone.now() + timedelta(hours=1)
        else:
            status, published_at = state, timezone.now() - timedelta(hours=1)
        hidden[state] = ArticleFactory(
            title=f"{title_prefix} {state}", status=status, published_at=published_at, **kwargs
        )
    return hidden


# --- the plan: events and assignments ---------------------------------------------------


class EventFactory(factory.django.DjangoModelFactory):
    """The sample report's conference, by default: Cửa Lò, hosted by Công an tỉnh Nghệ An."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hội nghị sơ kết phong trào thi đua số {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(hours=4))
    place = "TX Cửa Lò"
    host_unit = factory.SubFactory(UnitFactory, name="Công an tỉnh Nghệ An", kind=Unit.Kind.PROVINCIAL)

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if create and extracted:
            self.units.set(extracted)


class AssignmentFactory(factory.django.DjangoModelFactory):
    """An event's assignment for one reporter (pass reporters=[...]), due the event's evening."""

    class Meta:
        model = Assignment
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    due_at = factory.LazyAttribute(lambda a: (a.event.ends_at if a.event else timezone.now()) + timedelta(hours=4))
    created_by = None  # the editor, when a test needs one (a factory here would reset the fixture's password)

    @factory.post_generation
    def reporters(self, create, extracted, **kwargs):
        if create:
            self.reporters.set(extracted if extracted is not None else [ReporterFactory(username="reporter_a")])


# --- royalties (nhuận bút) ---


class GenreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Genre
        django_get_or_create = ("name",)

    name = "Tin"
    kind = Genre.Kind.ARTICLE
    min_coefficient = Decimal("1")
    max_coefficient = Decimal("3")
    points_per_coefficient = Decimal("10")


def grade_article(article=None, genre=None, coefficient="2", user=None, shares=None, **kwargs):
    """Grade a published article (made if not given) through the model's one grading method."""
    article = article or PublishedArticleFactory(**kwargs)
    return ArticleGrade.grade(article, genre or GenreFactory(), Decimal(coefficient), user=user, shares=shares)
