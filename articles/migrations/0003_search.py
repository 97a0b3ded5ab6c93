"""Search: folded title and lead for ranking, and a GIN full-text index on PostgreSQL."""

from django.db import migrations, models

from articles.text import html_text, search_words

INDEX_NAME = "article_search_text_gin"
# Must stay identical to articles.search.SearchTextVector, or the planner will not use the index.
INDEX_SQL = (
    f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON articles_article "
    "USING gin (to_tsvector('simple'::regconfig, search_text))"
)


def fill_search_keys(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    batch = []
    fields = ["search_text", "search_title", "search_lead"]
    for article in Article.objects.only("pk", "title", "lead", "body").iterator(chunk_size=2000):
        article.search_text = search_words(" ".join([article.title, article.lead, html_text(article.body)]))
        article.search_title = search_words(article.title)
        article.search_lead = search_words(article.lead)
        batch.append(article)
        if len(batch) >= 2000:
            Article.objects.bulk_update(batch, fields)
            batch = []
    if batch:
        Article.objects.bulk_update(batch, fields)


def create_index(apps, schema_editor):
    # SQLite has no full-text index of this kind; articles.search falls back to LIKE there.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_title",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_lead",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_keys, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_index, drop_index),
    ]
