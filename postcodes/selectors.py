"""Where a parent is: a typed postcode as a point, from the loaded postcodes.

One query per lookup; nothing leaves the site.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db.models import Value

from .codes import parse_postcode
from .models import OutwardCode, Postcode


class NotFound(enum.Enum):
    """Why a postcode gave no point, each with the sentence a parent reads."""

    MALFORMED = "malformed"
    UNKNOWN = "unknown"
    OUTSIDE = "outside"


@dataclass(frozen=True)
class Location:
    """A point to measure from, and the postcode it came from ("YO17 8RD" or "YO17")."""

    postcode: str
    latitude: float
    longitude: float

    @property
    def is_partial(self) -> bool:
        return " " not in self.postcode


@dataclass(frozen=True)
class LocationProblem:
    """A postcode that gives no point, and what to tell the person who typed it."""

    reason: NotFound
    postcode: str

    @property
    def message(self) -> str:
        if self.reason is NotFound.MALFORMED:
            return (
                f"\u201c{self.postcode}\u201d is not a postcode. Enter a full postcode, such "
                "as YO17 8RD, or its first part, such as YO17."
            )
        if self.reason is NotFound.OUTSIDE:
            return (
                f"{self.postcode} is outside the area this directory covers, so we cannot "
                "measure distances from it. Try a postcode in the council's area."
            )
        return f"We could not find the postcode {self.postcode}. Check it and try again."


_UNIT, _OUTSIDE = 1, 2


def postcodes_loaded() -> bool:
    """Whether any postcode data is loaded (location search is set up)."""
    return OutwardCode.objects.filter(in_area=True).exists()


def locate(text: str) -> Location | LocationProblem:
    """The point for a full or partial postcode, typed in any case and spacing.

    A full postcode is its own point; an outward code ("YO17") is the centre of its
    postcodes. One query.
    """
    parsed = parse_postcode(text)
    if parsed is None:
        return LocationProblem(NotFound.MALFORMED, " ".join(text.split())[:20])
    shown = str(parsed)
    if parsed.full:
        # The unit, and its outward code if that lies outside the area, in one
        # statement: an unknown unit is then either outside the area or not a postcode.
        unit = Postcode.objects.order_by().filter(postcode=parsed.full).annotate(kind=Value(_UNIT))
        outside = (
            OutwardCode.objects.order_by()
            .filter(code=parsed.outward, in_area=False)
            .annotate(kind=Value(_OUTSIDE))
        )
        found = {
            kind: (latitude, longitude)
            for kind, latitude, longitude in unit.values_list(
                "kind", "latitude", "longitude"
            ).union(outside.values_list("kind", "latitude", "longitude"), all=True)
        }
        if _UNIT in found:
            return Location(shown, *found[_UNIT])
        reason = NotFound.OUTSIDE if _OUTSIDE in found else NotFound.UNKNOWN
        return LocationProblem(reason, shown)
    outward = OutwardCode.objects.filter(code=parsed.outward).first()
    if outward is None:
        return LocationProblem(NotFound.UNKNOWN, shown)
    if not outward.in_area:
        return LocationProblem(NotFound.OUTSIDE, shown)
    return Location(shown, outward.latitude, outward.longitude)
