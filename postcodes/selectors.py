"""Where a parent is: a typed postcode as a point, from the loaded postcodes.

At most one query per lookup, none when the answer is cached; nothing leaves the site.
Answers are kept in Django's default cache for a few minutes (the directory has a budget
of ten queries a request); ``import_postcodes`` forgets them when it writes, and in
other server processes they expire within ``CACHE_SECONDS``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Value

from .codes import PostcodeText, parse_postcode
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
CACHE_SECONDS = 300
_GENERATION = "postcodes:generation"


def _cache_key(name: str) -> str:
    # Every key carries the generation, so forgetting is one write.
    return f"postcodes:{cache.get_or_set(_GENERATION, 1, None)}:{name}"


def forget_cached() -> None:
    """Drop every cached answer of this module (after the postcode tables change)."""
    try:
        cache.incr(_GENERATION)
    except ValueError:
        cache.set(_GENERATION, 1, None)


NOT_SET_UP = "Searching by postcode is not set up on this site: no postcode data has been loaded."


class PostcodeData(enum.Enum):
    """What postcode data the site has."""

    NONE = "none"
    # Only the demo's made-up postcodes (postcodes.demo), which the page says are examples.
    EXAMPLE = "example"
    REAL = "real"


# No UK postcode area is ZZ: the demo's example postcodes use it (postcodes.demo).
EXAMPLE_AREA = "ZZ"
EXAMPLE_POSTCODE = "ZZ1 1AA"


def postcode_data() -> PostcodeData:
    """Whether postcodes are loaded, and whether they are only the demo's examples.

    One query, cached: outward codes sort alphabetically, and every real one sorts
    before ZZ.
    """
    key = _cache_key("data")
    cached = cache.get(key)
    if cached is not None:
        return PostcodeData(cached)
    first = (
        OutwardCode.objects.filter(in_area=True)
        .order_by("code")
        .values_list("code", flat=True)
        .first()
    )
    if first is None:
        found = PostcodeData.NONE
    else:
        found = PostcodeData.EXAMPLE if first.startswith(EXAMPLE_AREA) else PostcodeData.REAL
    cache.set(key, found.value, CACHE_SECONDS)
    return found


def postcodes_loaded() -> bool:
    """Whether any postcode data is loaded (location search is set up)."""
    return postcode_data() is not PostcodeData.NONE


def locate_or_explain(text: str) -> Location | str:
    """The point for ``text``, or the sentence saying why there is none.

    When no postcode data is loaded at all, the sentence says that location search is
    not set up, rather than blaming the postcode.
    """
    found = locate(text)
    if isinstance(found, Location):
        return found
    return found.message if postcodes_loaded() else NOT_SET_UP


def locate(text: str) -> Location | LocationProblem:
    """The point for a full or partial postcode, typed in any case and spacing.

    A full postcode is its own point; an outward code ("YO17") is the centre of its
    postcodes. One query, cached.
    """
    parsed = parse_postcode(text)
    if parsed is None:
        return LocationProblem(NotFound.MALFORMED, " ".join(text.split())[:20])
    key = _cache_key(f"at:{parsed}".replace(" ", "_"))
    found = cache.get(key)
    if found is None:
        found = _locate(parsed)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _locate(parsed: PostcodeText) -> Location | LocationProblem:
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
