"""Signals of the postcode data, for the apps that keep answers derived from it."""

from django.dispatch import Signal

# Sent after ``import_postcodes`` replaced the postcode tables (no arguments): cached
# pages and API answers that depended on them (the postcode box, distances) are stale.
postcodes_replaced = Signal()
