"""The council's settings move to the ``council`` app (one generic setting, below the domain).

The values the council entered (per site, though only the default site's were ever
read) are copied into ``council.CouncilSettings`` before the old table is dropped.
"""

from django.db import migrations

FIELDS = (
    "council_name",
    "local_offer_url",
    "sendiass_name",
    "sendiass_phone",
    "sendiass_email",
    "sendiass_url",
    "la_code",
    "accessibility_statement_id",
)


def copy_to_council(apps, schema_editor):
    LocalOfferSettings = apps.get_model("localoffer", "LocalOfferSettings")
    CouncilSettings = apps.get_model("council", "CouncilSettings")
    old = (
        LocalOfferSettings.objects.filter(site__is_default_site=True).first()
        or LocalOfferSettings.objects.order_by("pk").first()
    )
    if old is None or CouncilSettings.objects.exists():
        return
    CouncilSettings.objects.create(**{name: getattr(old, name) for name in FIELDS})


def copy_back(apps, schema_editor):
    LocalOfferSettings = apps.get_model("localoffer", "LocalOfferSettings")
    CouncilSettings = apps.get_model("council", "CouncilSettings")
    Site = apps.get_model("wagtailcore", "Site")
    new = CouncilSettings.objects.order_by("pk").first()
    site = Site.objects.filter(is_default_site=True).first()
    if new is None or site is None:
        return
    LocalOfferSettings.objects.update_or_create(
        site=site, defaults={name: getattr(new, name) for name in FIELDS}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("localoffer", "0004_accessibility_statement"),
        ("council", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_to_council, copy_back),
        migrations.DeleteModel(name="LocalOfferSettings"),
    ]
