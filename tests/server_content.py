"""A small newspaper for tests against an AppServer, made in manage.py subprocesses.

The subprocesses get the server's own environment, so they share its database and its
cache (Redis, or the CACHE_DIR folder): what they change is what the workers see.
"""

import json

from tests.servers import django_shell, manage

PASSWORD = "matkhau-12345"  # tests.factories.UserFactory's

_SEED = r"""
import json
from articles.models import Author
from tests.factories import ArticleFactory, CategoryFactory, ModeratorFactory, PublishedArticleFactory, ReporterFactory

moderator = ModeratorFactory(username="bientap", first_name="Biên", last_name="Tập")
reporter = ReporterFactory(username="phongvien")
author, _ = Author.objects.get_or_create(pen_name="Phóng viên Nghệ An", defaults={"user": reporter})
section = CategoryFactory(name="An ninh trật tự")
cached = PublishedArticleFactory(
    title="Triệt phá đường dây ma túy liên tỉnh", category=section, created_by=reporter, authors=[author]
)
other = PublishedArticleFactory(
    title="Hội thi điều lệnh võ thuật", category=section, created_by=reporter, authors=[author]
)
waiting = ArticleFactory(
    title="Cảnh báo giả danh công an lừa đảo", status="submitted", category=section, created_by=reporter,
    authors=[author],
)
print(json.dumps({
    "section": section.get_absolute_url(),
    "cached": {"id": cached.pk, "url": cached.get_absolute_url(), "title": cached.title},
    "other": {"id": other.pk, "url": other.get_absolute_url(), "title": other.title},
    "waiting": {"id": waiting.pk, "title": waiting.title},
    "category_id": section.pk,
}))
"""


def create_site(env):
    """Migrate the database of `env` and fill it; returns the addresses, ids and titles (a dict)."""
    manage(env, "migrate", "--noinput")
    return json.loads(django_shell(env, _SEED).strip().splitlines()[-1])


def transition(env, article_id, name, username="bientap", note=""):
    """articles.workflow.transition in a subprocess, committed (so its cache bump runs), as `username`.

    Approvals are of the stored version, as if the person had just read it.
    """
    code = (
        "from django.contrib.auth import get_user_model\n"
        "from articles import workflow\n"
        "from articles.models import Article\n"
        f"user = get_user_model().objects.get(username={username!r})\n"
        f"article = Article.objects.get(pk={article_id})\n"
        f"workflow.transition(article, {name!r}, user=user, note={note!r}, seen_version=article.version)\n"
    )
    django_shell(env, code)


def retitle_quietly(env, article_id, title):
    """Change a title in the database without any cache bump: a page still showing the old one came from the cache."""
    query(env, f"Article.objects.filter(pk={article_id}).update(title={title!r})")


def query(env, expression):
    """The printed value of a Python `expression` (with Article imported), evaluated in a subprocess."""
    output = django_shell(env, f"from articles.models import Article\nprint({expression})")
    return output.strip().splitlines()[-1]


def status_of(env, article_id):
    return query(env, f"Article.objects.get(pk={article_id}).status")
