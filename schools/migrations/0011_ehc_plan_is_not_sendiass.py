""""EHCP" no longer means the SENDIASS filter (0009 added it there).

A parent who types "EHCP" or "EHC plan" wants schools that talk about plans and help
with getting one, not only the schools that say they work with SENDIASS: the directory
now searches reports for the words and points to SENDIASS beside the results
(``schools.ehc_plans``). Only these three words are removed, in any spelling; the
council's other synonyms for SENDIASS stay. Written out here: a migration must mean the
same thing whenever it runs.
"""

import re

from django.db import migrations

_SPLIT = re.compile(r"[,;\n]")
REMOVED = {"ehcp", "ehc plan", "education health and care plan"}


def remove_plan_words(apps, schema_editor):
    OutreachService = apps.get_model("schools", "OutreachService")
    for term in OutreachService.objects.filter(slug="sendiass"):
        have = [word.strip() for word in _SPLIT.split(term.synonyms) if word.strip()]
        kept = [word for word in have if " ".join(word.casefold().split()) not in REMOVED]
        if kept != have:
            term.synonyms = ", ".join(kept)
            term.save(update_fields=["synonyms"])


class Migration(migrations.Migration):
    dependencies = [("schools", "0010_school_closure")]

    operations = [migrations.RunPython(remove_plan_words, migrations.RunPython.noop)]
