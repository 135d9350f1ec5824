"""The shape of the code: imports run one way, and no module grows without a reason.

Read from the source (``ast``), so a rule broken anywhere fails here with the file
and line, before it turns into an import cycle or a tangle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def modules(package: str) -> Iterator[Path]:
    """The Python files of ``package``, migrations excluded (they are history)."""
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def imported_modules(tree: ast.AST, path: Path) -> Iterator[tuple[int, str]]:
    """``(line, absolute module name)`` of every import in ``tree``."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield node.lineno, module


# The domain, and the apps built on it (feedback reads the shell's pages only by template).
@pytest.mark.parametrize("package", ["schools", "moderation", "feedback", "census"])
def test_the_domain_imports_nothing_from_the_shell(package: str) -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in modules(package)
        for line, module in imported_modules(ast.parse(path.read_text()), path)
        if module == "localoffer" or module.startswith("localoffer.")
    ]
    assert not found, "\n".join(found)


PROJECT_PACKAGES = (
    "localoffer",
    "schools",
    "moderation",
    "search",
    "openreferral",
    "extraction",
    "feedback",
    "census",
)


def test_the_councils_settings_stand_below_everything() -> None:
    # Every app reads the council's settings, so they may import none of them.
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in modules("council")
        for line, module in imported_modules(ast.parse(path.read_text()), path)
        if module.split(".")[0] in PROJECT_PACKAGES
    ]
    assert not found, "\n".join(found)
