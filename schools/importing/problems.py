"""Problems found in an import file, each tied to where it is in the file.

One type for every import source: a JSON record's path, a CSV file's row and column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, e.g. ``schools[2] (URN 121404).senco.email``."""

    location: str
    message: str
    # Position of the school record in the file, so problems found at different
    # stages are listed in file order; None for problems with the file as a whole.
    record: int | None = None

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    @classmethod
    def in_cell(cls, row: int, column: str, message: str) -> Problem:
        """A problem in one cell of a CSV file, e.g. ``row 3, column 'URN': ...``."""
        return cls(f"row {row}, column {column!r}", message, row)


class InvalidImportFile(Exception):
    """The file cannot be imported; nothing was written.

    ``problems`` lists every problem found, in file order.
    """

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        ordered = sorted(problems, key=lambda p: -1 if p.record is None else p.record)
        self.source = source
        self.problems: list[Problem] = list(dict.fromkeys(ordered))
        super().__init__(self.report())

    def report(self) -> str:
        """A plain-English report listing every problem, one per line."""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} in {self.source}; nothing was imported."]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)
