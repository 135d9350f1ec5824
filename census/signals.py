"""Signals of the census figures, for the apps that keep answers derived from them."""

from django.dispatch import Signal

# Sent after an import replaced a year's figures (no arguments). The figures are
# written in bulk, without per-row signals: cached pages and API answers that show
# them are stale.
census_replaced = Signal()
