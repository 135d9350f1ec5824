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
@pytest.mark.parametrize("package", ["schools", "moderation", "feedback", "census", "postcodes"])
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
    "postcodes",
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


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _project_module(name: str) -> str | None:
    """``name`` if it is one of our modules (a file or a package), else None."""
    base = ROOT.joinpath(*name.split("."))
    if base.with_suffix(".py").is_file() or (base / "__init__.py").is_file():
        return name
    return None


def module_imports(path: Path) -> Iterator[tuple[int, str]]:
    """``(line, module)`` of every module ``path`` imports, wherever the import stands;
    ``from package import module`` counts as importing the module itself."""
    tree = ast.parse(path.read_text())
    yield from imported_modules(tree, path)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = next(m for n, m in imported_modules(node, path) if n == node.lineno)
            for alias in node.names:
                submodule = _project_module(f"{base}.{alias.name}")
                if submodule:
                    yield node.lineno, submodule


def test_search_modules_import_at_the_top_only() -> None:
    # An import inside a function (or behind TYPE_CHECKING) hides a cycle: the
    # directory's modules must stand one below another. AppConfig.ready is Django's
    # place for registering signals and checks.
    found = []
    for path in modules("search"):
        tree = ast.parse(path.read_text())
        allowed = {
            id(node)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef) and function.name == "ready"
            for node in ast.walk(function)
        }
        top_level = {id(node) for node in tree.body}
        found += [
            f"{path.relative_to(ROOT)}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            and id(node) not in top_level
            and id(node) not in allowed
        ]
    assert not found, "imports below the top of the module:\n" + "\n".join(found)


def test_the_directory_path_runs_one_way() -> None:
    graph: dict[str, set[str]] = {}
    for path in modules("search"):
        graph[_module_name(path)] = {
            module
            for _line, module in module_imports(path)
            if module.startswith("search.") and module != _module_name(path)
        }

    def cycle_from(module: str, trail: tuple[str, ...]) -> tuple[str, ...] | None:
        if module in trail:
            return (*trail[trail.index(module) :], module)
        for imported in sorted(graph.get(module, ())):
            found = cycle_from(imported, (*trail, module))
            if found:
                return found
        return None

    cycles = {cycle for module in graph if (cycle := cycle_from(module, ()))}
    assert not cycles, "\n".join(" -> ".join(cycle) for cycle in sorted(cycles))


# The directory page, its JSON API and the Open Referral UK API.
DIRECTORY_CALLERS = ("search/models.py", "search/api.py", "openreferral")


@pytest.mark.parametrize("caller", DIRECTORY_CALLERS)
def test_the_directory_has_one_entry_point(caller: str) -> None:
    paths = [ROOT / caller] if caller.endswith(".py") else list(modules(caller))
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in paths
        for line, module in module_imports(path)
        if module.startswith("search.") and module != "search.directory"
    ]
    assert not found, "\n".join(found)


def test_the_councils_settings_are_read_one_way() -> None:
    # CouncilSettings.load() (council/models.py); other ways of reading a setting
    # disagree about which row and which site they mean.
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno} reads CouncilSettings.{node.attr}"
        for package in (*PROJECT_PACKAGES, "council")
        for path in modules(package)
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "CouncilSettings"
        and node.attr in {"objects", "for_request", "for_site", "base_queryset"}
    ]
    assert not found, "\n".join(found)


LONGEST_WITHOUT_A_REASON = 500


def test_no_module_grows_long_without_saying_why() -> None:
    # Past about 500 lines a module usually holds more than one job; when it does not,
    # its docstring says so ("Long because ...").
    found = []
    folders = [p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file() or p.name == "bench"]
    for package in sorted(set(folders) - {"tests"}):
        for path in modules(package):
            text = path.read_text()
            lines = text.count("\n")
            docstring = ast.get_docstring(ast.parse(text)) or ""
            if lines > LONGEST_WITHOUT_A_REASON and "long because" not in docstring.lower():
                found.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert not found, "\n".join(found)
