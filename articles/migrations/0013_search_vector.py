"""A stored tsvector of the search text on PostgreSQL, so a search never recomputes it per row.

The index of 0003 is on the expression to_tsvector('simple', search_text). For a word found
in a large part of the archive the planner rather walks the newest articles and tests each
one, and then computes to_tsvector of each whole article again: 4 s for "ma túy" over a
million articles. A generated column holds the vector once, computed by PostgreSQL itself on
every write (nothing in the app can forget it), and the GIN index moves to it.

On a large table the ALTER rewrites it: run it in a quiet hour. SQLite has no such index;
articles.search matches with LIKE there.
"""

from django.db import migrations, models

COLUMN_SQL = (
    "ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
)
INDEX_SQL = "CREATE INDEX IF NOT EXISTS article_search_vector_gin ON articles_article USING gin (search_vector)"
OLD_INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS article_search_text_gin ON articles_article "
    "USING gin (to_tsvector('simple'::regconfig, search_text))"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(COLUMN_SQL)
        schema_editor.execute(INDEX_SQL)
        schema_editor.execute("DROP INDEX IF EXISTS article_search_text_gin")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OLD_INDEX_SQL)
        schema_editor.execute("DROP INDEX IF EXISTS article_search_vector_gin")
        schema_editor.execute("ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_topics"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["updated_at", "id"], name="article_updated"),
        ),
    ]
