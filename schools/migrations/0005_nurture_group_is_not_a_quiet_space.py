"""A nurture group is a way of teaching, not a quiet room: drop it from the quiet-spaces
synonyms seeded in 0002, so that neither the report importer nor the directory takes a
school's nurture group for a quiet or calm space. A council that chose the synonym
itself after seeding keeps it only if it edits it back in."""

import re

from django.db import migrations

_SPLIT = re.compile(r"[,;\n]")


def drop_nurture_group(apps, schema_editor):
    AccessibilityFeature = apps.get_model("schools.AccessibilityFeature")
    for feature in AccessibilityFeature.objects.filter(slug="quiet-spaces"):
        synonyms = [word.strip() for word in _SPLIT.split(feature.synonyms) if word.strip()]
        kept = [word for word in synonyms if word.lower() not in {"nurture group", "nurture groups"}]
        if kept != synonyms:
            feature.synonyms = ", ".join(kept)
            feature.save(update_fields=["synonyms"])


class Migration(migrations.Migration):
    dependencies = [("schools", "0004_review_date_permission")]

    operations = [migrations.RunPython(drop_nurture_group, migrations.RunPython.noop)]
