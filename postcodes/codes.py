"""What a postcode looks like: normalising what people and files type.

UK postcodes are an outward code ("YO17": area letters, district digits) and an inward
code ("8RD": sector digit, unit letters). Files and people space them every way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The two halves of a postcode in upper case, for patterns here and elsewhere (the
# report importer recognises a school's address by its postcode).
OUTWARD_CODE = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
INWARD_CODE = r"[0-9][A-Z]{2}"

_FULL = re.compile(rf"^({OUTWARD_CODE})({INWARD_CODE})$")
_OUTWARD = re.compile(rf"^{OUTWARD_CODE}$")
_NOT_ALPHANUMERIC = re.compile(r"[^A-Z0-9]")


@dataclass(frozen=True)
class PostcodeText:
    """A postcode as typed, normalised: ``full`` ("YO17 8RD") or only its outward code."""

    outward: str
    full: str | None = None

    def __str__(self) -> str:
        return self.full or self.outward


def split_postcode(text: str) -> tuple[str, str] | None:
    """``("YO17", "8RD")`` for a full postcode in upper case, spaced any way; else None."""
    match = _FULL.match(text.replace(" ", ""))
    return (match[1], match[2]) if match else None


def parse_postcode(text: str) -> PostcodeText | None:
    """A full or partial (outward code) postcode from what a person typed, or None.

    Any case and spacing: "yo17 8rd", "YO178RD", " yo17 ". Other characters are not
    guessed away: "YO17-8RD" is not a postcode.
    """
    squashed = "".join(text.split()).upper()
    if not squashed or _NOT_ALPHANUMERIC.search(squashed):
        return None
    full = _FULL.match(squashed)
    if full:
        return PostcodeText(full[1], f"{full[1]} {full[2]}")
    if _OUTWARD.match(squashed):
        return PostcodeText(squashed)
    return None
