"""What an import does to each school, whatever the source (the JSON file, GIAS)."""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    CREATE = "created"
    UPDATE = "updated"
    UNCHANGED = "unchanged"
    # The editor rule holds the school back: nothing is written (its decision says why).
    HELD = "held back"
    # Closed in GIAS: unpublished, its review cancelled, its editors' rights suspended.
    CLOSE = "closed"
    # Open again in GIAS after a closure: its editors' rights come back.
    REOPEN = "reopened"
