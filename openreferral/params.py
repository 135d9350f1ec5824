"""Query parameters of the ORUK API, checked one by one.

Every problem raises ``BadParameter`` naming the parameter, which the views turn into a
400 JSON response. Parameters the API does not know are ignored, as ORUK clients may
send parameters of other versions of the standard.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import timezone

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
MAX_SEARCH_LENGTH = 200


class BadParameter(Exception):
    """A query parameter (or path part) the API cannot use."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class Page:
    """Which page of a list was asked for."""

    number: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def page(query: Mapping[str, str]) -> Page:
    number = _whole_number(query, "page", default=1, lowest=1, highest=1_000_000)
    size = _whole_number(
        query, "per_page", default=DEFAULT_PER_PAGE, lowest=1, highest=MAX_PER_PAGE
    )
    return Page(number=number, size=size)


def _whole_number(
    query: Mapping[str, str], name: str, *, default: int, lowest: int, highest: int
) -> int:
    value = query.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise BadParameter(name, f"{name} must be a whole number, not {value!r}.") from None
    if not lowest <= number <= highest:
        raise BadParameter(name, f"{name} must be from {lowest} to {highest}.")
    return number


def text(query: Mapping[str, str], name: str) -> str:
    value = (query.get(name) or "").strip()
    if len(value) > MAX_SEARCH_LENGTH:
        raise BadParameter(name, f"{name} must be at most {MAX_SEARCH_LENGTH} characters.")
    if "\x00" in value:
        raise BadParameter(name, f"{name} must not contain a null character.")
    return value


def identifier(value: str | None, name: str) -> str | None:
    """A UUID in canonical form, or None when the parameter is absent."""
    if value is None or value == "":
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise BadParameter(name, f"{name} must be a UUID, not {value!r}.") from None


def flag(query: Mapping[str, str], name: str) -> bool:
    value = (query.get(name) or "").lower()
    if value in ("", "false", "0", "no"):
        return False
    if value in ("true", "1", "yes"):
        return True
    raise BadParameter(name, f"{name} must be true or false, not {value!r}.")


def response_format(query: Mapping[str, str]) -> str:
    value = (query.get("format") or "json").lower()
    if value not in ("json", "ndjson"):
        raise BadParameter("format", f"format must be json or ndjson, not {value!r}.")
    return value


def moment(query: Mapping[str, str], name: str) -> dt.datetime | None:
    """An ISO 8601 date or date-time; a time without a zone is taken as UTC."""
    value = (query.get(name) or "").strip()
    if not value:
        return None
    # An unencoded "+01:00" in a URL arrives as " 01:00".
    value = value.replace(" ", "+")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise BadParameter(
            name,
            f"{name} must be an ISO 8601 date or date-time such as 2026-01-15 or "
            f"2026-01-15T09:30:00Z, not {value!r}.",
        ) from None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=dt.UTC)
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise BadParameter(name, f"{name} is out of range: {value!r}.") from None


def unsupported(query: Mapping[str, str], *names: str) -> None:
    """Refuse parameters of the standard that this API cannot honour, rather than ignore them."""
    for name in names:
        if query.get(name):
            raise BadParameter(name, f"{name} is not supported by this API.")


def positive_number(query: Mapping[str, str], name: str, *, highest: float) -> float | None:
    """A number above 0 and at most ``highest``, or None when the parameter is absent."""
    value = (query.get(name) or "").strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise BadParameter(name, f"{name} must be a number, not {value[:40]!r}.") from None
    if not 0 < number <= highest:
        raise BadParameter(name, f"{name} must be more than 0 and at most {highest:g}.")
    return number
