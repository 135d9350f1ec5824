"""Made-up census figures for the demo site (``make run``), marked as examples everywhere.

``demo/example_sen_census.csv`` is laid out exactly as the DfE publishes its
school-level file, for the demo schools' placeholder URNs and an invented local
authority (999); every number in it is invented. Idempotent: a second run replaces the
same two years with the same figures.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import call_command

DEMO_FILE = Path(__file__).resolve().parent / "demo" / "example_sen_census.csv"
DEMO_LA_CODE = "999"


def load_demo_census() -> None:
    """Load the example figures for the demo schools (2023/24 and 2024/25)."""
    call_command(
        "import_sen_census",
        str(DEMO_FILE),
        "--la",
        DEMO_LA_CODE,
        "--example",
        stdout=io.StringIO(),
        verbosity=0,
    )
