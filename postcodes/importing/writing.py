"""Writing what was read: the loaded postcodes are replaced, in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction

from ..models import OutwardCode, Postcode
from .collecting import Collected

BATCH = 5000


def replace_postcodes(
    collected: Collected,
    outward: list[tuple[str, float, float, int, bool]],
    progress: Callable[[Iterable[Any], int], Iterable[Any]],
) -> None:
    """Replace every loaded postcode and outward code by those in ``collected``.

    Replacing, not merging: a postcode that a new edition no longer lists (terminated,
    or now outside the area) must not linger, and loading the same files twice gives the
    same tables.
    """
    units = collected.units
    with transaction.atomic():
        # Plain DELETEs: Django's delete() sends a signal per row when any receiver
        # listens to every model's deletions (the public API's cache does).
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for model in (Postcode, OutwardCode):
                cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")
        batch: list[Postcode] = []
        for postcode in progress(units, len(units)):
            unit = units[postcode]
            batch.append(
                Postcode(
                    postcode=postcode,
                    outward=unit.outward,
                    latitude=unit.latitude,
                    longitude=unit.longitude,
                    district=unit.district,
                )
            )
            if len(batch) == BATCH:
                Postcode.objects.bulk_create(batch)
                batch = []
        Postcode.objects.bulk_create(batch)
        OutwardCode.objects.bulk_create(
            OutwardCode(
                code=code,
                latitude=latitude,
                longitude=longitude,
                postcodes=count,
                in_area=in_area,
            )
            for code, latitude, longitude, count, in_area in outward
        )
