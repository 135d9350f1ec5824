"""Postcodes with coordinates, loaded from the council's own open data (Code-Point Open, ONSPD).

Where a parent is, for "schools near me": no postcode web service is called.
"""
