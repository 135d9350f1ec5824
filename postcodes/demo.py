"""Example postcodes for the demo site (``make run``): made up, and labelled so.

``demo/example_postcodes.csv`` is laid out exactly as an Ordnance Survey Code-Point Open
area file, for the invented town of Exampleton where the example schools are. Every
postcode in it starts with ZZ, which is no UK postcode area, so none can be mistaken
for a real address; the grid references are invented too. The example schools get their
example coordinates from these postcodes. The four real demo schools keep no location
(their real one is not in the repository).
"""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import call_command

from schools.models import SchoolPage

from .models import OutwardCode, Postcode
from .selectors import EXAMPLE_AREA, EXAMPLE_POSTCODE

DEMO_FILE = Path(__file__).resolve().parent / "demo" / "example_postcodes.csv"
# The postcode the README and the directory page suggest trying.
TRY_POSTCODE = EXAMPLE_POSTCODE
# Each example school (by its placeholder URN) at one of the example postcodes.
EXAMPLE_SCHOOL_POSTCODES = {
    "999001": "ZZ1 1AB",  # Riverside Primary School, in the town centre
    "999003": "ZZ1 2AE",  # Oakfield Infant School, the north of the town
    "999002": "ZZ2 1AB",  # Hillside Academy, a village about 3 miles north
    "999004": "ZZ3 1AD",  # Meadow View Special School, about 5 miles east
    "999005": "ZZ4 1AA",  # St Anne's CE Primary School, about 9 miles south-west
}


def load_demo_postcodes() -> bool:
    """Load the example postcodes and place the example schools at theirs.

    Real postcode data, if a developer loaded some, is left alone (False). Idempotent:
    a second run replaces the example postcodes with the same and moves no school.
    """
    if OutwardCode.objects.exclude(code__startswith=EXAMPLE_AREA).exists():
        return False
    call_command("import_postcodes", str(DEMO_FILE), "--all", stdout=io.StringIO(), verbosity=0)
    points = {
        postcode: (latitude, longitude)
        for postcode, latitude, longitude in Postcode.objects.filter(
            postcode__in=EXAMPLE_SCHOOL_POSTCODES.values()
        ).values_list("postcode", "latitude", "longitude")
    }
    for page in SchoolPage.objects.filter(urn__in=EXAMPLE_SCHOOL_POSTCODES):
        latitude, longitude = points[EXAMPLE_SCHOOL_POSTCODES[page.urn]]
        if (page.latitude, page.longitude) == (latitude, longitude):
            continue
        page.latitude, page.longitude = latitude, longitude
        # Published as an editor would, so search indexes and the page history agree.
        page.save_revision().publish()
    return True
