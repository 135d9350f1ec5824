from django.db import migrations, models


def make_the_row(apps, schema_editor):
    apps.get_model("localoffer", "DataVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("localoffer", "0006_privacy_notice"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "data version"},
        ),
        migrations.RunPython(make_the_row, migrations.RunPython.noop),
    ]
