"""Run every stored body through the sanitiser again.

The sanitiser now drops srcset lists with script or data URLs and keeps the text after
markup that would swallow it; bodies stored before must not keep what it now refuses.
Only rows whose body changes are written, in batches, so a large archive stays quick.
"""

from django.db import migrations

from articles.sanitizer import sanitize_html

BATCH = 500


def resanitize(apps, schema_editor):
    for model_name in ("Article", "ArticleAutosave"):
        model = apps.get_model("articles", model_name)
        changed = []
        for pk, body in model.objects.exclude(body="").values_list("pk", "body").iterator(chunk_size=BATCH):
            clean = sanitize_html(body)
            if clean != body:
                changed.append(model(pk=pk, body=clean))
            if len(changed) >= BATCH:
                model.objects.bulk_update(changed, ["body"])
                changed = []
        model.objects.bulk_update(changed, ["body"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_autosave")]

    operations = [migrations.RunPython(resanitize, migrations.RunPython.noop)]
