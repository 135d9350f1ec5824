"""Distances on the globe, for the directory's "schools near me".

Great-circle (haversine) distance in miles, in Python and as a database expression that
SQLite (Django registers the math functions) and PostgreSQL both evaluate, and the
latitude/longitude box around a point that a distance cannot leave (an indexable filter
before the exact distance).
"""

from __future__ import annotations

import math

from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.expressions import CombinedExpression, Expression
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from .backends.base import Point

# The mean radius of the Earth (IUGG), in miles; Elasticsearch uses the same mean radius.
EARTH_RADIUS_MILES = 3958.7613
MILES_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_MILES / 180


def miles_between(a: Point, b: Point) -> float:
    """The great-circle distance between two points, in miles."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))


def miles_from(
    point: Point, latitude: str = "latitude", longitude: str = "longitude"
) -> Expression:
    """The haversine distance in miles from ``point`` to the row's latitude/longitude."""
    lat0 = math.radians(point.latitude)
    half_dlat = (Radians(F(latitude)) - Value(lat0)) / Value(2.0)
    half_dlon = (Radians(F(longitude)) - Value(math.radians(point.longitude))) / Value(2.0)
    h = CombinedExpression(
        Power(Sin(half_dlat), 2),
        "+",
        Value(math.cos(lat0)) * Cos(Radians(F(latitude))) * Power(Sin(half_dlon), 2),
        output_field=FloatField(),
    )
    return Value(2 * EARTH_RADIUS_MILES) * ASin(Sqrt(h))


def bounding_box(
    point: Point, miles: float, latitude: str = "latitude", longitude: str = "longitude"
) -> Q:
    """Rows whose latitude/longitude lie in the box around ``point`` that a circle of
    ``miles`` fits in: everything within the distance, and a little more."""
    dlat = miles / MILES_PER_DEGREE_LATITUDE
    # The box's widest latitude (nearest a pole) has the shortest degree of longitude.
    widest = min(89.9, abs(point.latitude) + dlat)
    dlon = min(180.0, dlat / math.cos(math.radians(widest)))
    return Q(
        **{
            f"{latitude}__gte": point.latitude - dlat,
            f"{latitude}__lte": point.latitude + dlat,
            f"{longitude}__gte": point.longitude - dlon,
            f"{longitude}__lte": point.longitude + dlon,
        }
    )


def with_distance(rows: QuerySet, point: Point, within_miles: float | None = None) -> QuerySet:
    """``rows`` annotated with ``distance`` (miles from ``point``; None without a location),
    only those within ``within_miles`` when given: the box first (plain comparisons on
    the coordinates), the exact distance only for the rows inside it."""
    if within_miles is not None:
        rows = rows.filter(bounding_box(point, within_miles))
    rows = rows.annotate(distance=miles_from(point))
    if within_miles is not None:
        rows = rows.filter(distance__lte=within_miles)
    return rows
