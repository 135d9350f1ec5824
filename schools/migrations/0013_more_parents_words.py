"""More words parents type that the vocabularies did not understand, each of which found
no school: "hearing", "hearing impaired", "visually impaired", "sight", "school refusal",
"EBSA", "non-verbal", "global delay". Added to the seeded terms as 0009 adds its words,
unless already there (any spelling); a council's own edits are kept, nothing is removed.
New sites get them from ``schools.vocabulary_seed`` through 0002.

The words are written out here, not imported: a migration must mean the same thing
whenever it runs.
"""

import re

from django.db import migrations

_SPLIT = re.compile(r"[,;\n]")

NEED_WORDS = {
    "HI": ["hearing", "hearing impaired", "deafness", "partially deaf"],
    "VI": ["visually impaired", "sight", "sight impairment"],
    "SEMH": [
        "school refusal",
        "school avoidance",
        "emotionally based school avoidance",
        "EBSA",
        "OCD",
    ],
    "SLCN": ["non-verbal", "nonverbal"],
    "MLD": ["global delay"],
}


def _add(term, words):
    have = [word.strip() for word in _SPLIT.split(term.synonyms) if word.strip()]
    known = {word.casefold() for word in have}
    new = [word for word in words if word.casefold() not in known]
    if new:
        term.synonyms = ", ".join([*have, *new])
        term.save(update_fields=["synonyms"])


def add_more_parents_words(apps, schema_editor):
    model = apps.get_model("schools.NeedArea")
    for term in model.objects.filter(code__in=list(NEED_WORDS)):
        _add(term, NEED_WORDS[term.code])


class Migration(migrations.Migration):
    dependencies = [("schools", "0012_directory_index")]

    operations = [migrations.RunPython(add_more_parents_words, migrations.RunPython.noop)]
