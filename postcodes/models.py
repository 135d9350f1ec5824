"""Postcode units and outward codes with their WGS84 coordinates.

Both tables are replaced as a whole by ``import_postcodes``; nothing else writes them.
"""

from __future__ import annotations

from django.db import models


class Postcode(models.Model):
    """A live postcode unit ("YO17 8RD") inside the council's area and margin."""

    postcode = models.CharField(max_length=8, primary_key=True, help_text="With one space.")
    outward = models.CharField(max_length=4, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    district = models.CharField(
        "local authority district", max_length=9, blank=True, help_text="GSS code."
    )

    class Meta:
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode


class OutwardCode(models.Model):
    """An outward code ("YO17") seen in the loaded files, with the centre of its postcodes.

    Every outward code in the files is kept, also those with no postcode inside the
    council's area (``in_area`` False): a parent typing one is told the postcode is
    outside the area the directory covers, rather than that it does not exist.
    """

    code = models.CharField(max_length=4, primary_key=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    postcodes = models.PositiveIntegerField(help_text="Live postcodes with coordinates.")
    in_area = models.BooleanField(default=False)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code
