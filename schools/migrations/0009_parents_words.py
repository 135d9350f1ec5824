"""Words parents type that the seeded vocabularies did not understand (issue 14):
"PDA" is a profile of autism, a "wheelchair user" needs step-free access, "sensory" a
sensory room, "EHCP" advice from SENDIASS. Added to the terms seeded in 0002 unless
already there (any spelling); a council's own edits are kept, nothing is removed. New
sites get them from ``schools.vocabulary_seed`` through 0002, so this adds nothing there.

The words are written out here, not imported: a migration must mean the same thing
whenever it runs.
"""

import re

from django.db import migrations

_SPLIT = re.compile(r"[,;\n]")

NEED_WORDS = {
    "ASD": ["PDA", "pathological demand avoidance", "demand avoidance"],
    "SEMH": ["attention deficit hyperactivity disorder", "hyperactivity"],
}
ACCESSIBILITY_WORDS = {
    "step-free-access": ["wheelchair user", "wheelchair users"],
    "sensory-room": ["sensory"],
}
OUTREACH_WORDS = {
    "sendiass": ["EHCP", "EHC plan", "education health and care plan"],
}


def _add(term, words):
    have = [word.strip() for word in _SPLIT.split(term.synonyms) if word.strip()]
    known = {word.casefold() for word in have}
    new = [word for word in words if word.casefold() not in known]
    if new:
        term.synonyms = ", ".join([*have, *new])
        term.save(update_fields=["synonyms"])


def add_parents_words(apps, schema_editor):
    vocabularies = (
        ("schools.NeedArea", "code", NEED_WORDS),
        ("schools.AccessibilityFeature", "slug", ACCESSIBILITY_WORDS),
        ("schools.OutreachService", "slug", OUTREACH_WORDS),
    )
    for model_name, key, words in vocabularies:
        model = apps.get_model(model_name)
        for term in model.objects.filter(**{f"{key}__in": list(words)}):
            _add(term, words[getattr(term, key)])


class Migration(migrations.Migration):
    dependencies = [("schools", "0008_gias_sen_totals")]

    operations = [migrations.RunPython(add_parents_words, migrations.RunPython.noop)]
