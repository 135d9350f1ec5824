from django.db import migrations

from schools.checklist import STATUTORY_ITEMS
from schools.vocabulary_seed import (
    ACCESSIBILITY_FEATURES,
    BROAD_AREAS,
    NEED_AREAS,
    OUTREACH_SERVICES,
)


def seed(apps, schema_editor):
    BroadArea = apps.get_model("schools.BroadArea")
    NeedArea = apps.get_model("schools.NeedArea")
    AccessibilityFeature = apps.get_model("schools.AccessibilityFeature")
    OutreachService = apps.get_model("schools.OutreachService")
    ReportQuestion = apps.get_model("schools.ReportQuestion")

    areas = {}
    for order, (slug, label, description) in enumerate(BROAD_AREAS):
        areas[slug], _ = BroadArea.objects.get_or_create(
            slug=slug, defaults={"label": label, "description": description, "sort_order": order}
        )
    for order, (code, area, label, synonyms) in enumerate(NEED_AREAS):
        NeedArea.objects.get_or_create(
            code=code,
            defaults={
                "label": label,
                "synonyms": synonyms,
                "broad_area": areas.get(area),
                "sort_order": order,
            },
        )
    for model, rows in ((AccessibilityFeature, ACCESSIBILITY_FEATURES), (OutreachService, OUTREACH_SERVICES)):
        for order, (slug, label, synonyms) in enumerate(rows):
            model.objects.get_or_create(
                slug=slug, defaults={"label": label, "synonyms": synonyms, "sort_order": order}
            )
    for order, item in enumerate(STATUTORY_ITEMS):
        ReportQuestion.objects.get_or_create(
            key=item.key,
            defaults={
                "heading": item.heading,
                "question": item.question,
                "guidance": item.guidance,
                "legal_reference": item.source,
                "is_statutory": True,
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
