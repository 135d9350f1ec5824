"""Builds are reproducible: every install reads the lock files in requirements/.

The lock files are made by ``make lock`` (uv, see the README) from the ranges in
pyproject.toml. These tests fail when someone changes a dependency without regenerating
them, or when the tools in pre-commit drift from the versions CI runs.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
DEV_LOCK = ROOT / "requirements" / "dev.txt"
PRODUCTION_LOCK = ROOT / "requirements" / "production.txt"

_PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def pins(lock: Path) -> dict[str, str]:
    """``{canonical name: version}`` of every package a lock file pins."""
    return {canonicalize_name(name): version for name, version in _PIN.findall(lock.read_text())}


def requirements(*extras: str) -> list[Requirement]:
    project = PYPROJECT["project"]
    listed = list(project["dependencies"])
    for extra in extras:
        listed += project["optional-dependencies"][extra]
    return [Requirement(line) for line in listed]


@pytest.mark.parametrize(
    ("lock", "extras"),
    [(DEV_LOCK, ("test", "dev")), (PRODUCTION_LOCK, ())],
    ids=["dev", "production"],
)
def test_every_dependency_is_locked_inside_its_range(lock: Path, extras: tuple[str, ...]) -> None:
    locked = pins(lock)
    problems = []
    for requirement in requirements(*extras):
        version = locked.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name} is not in {lock.name}")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement.name}=={version} is outside {requirement.specifier}")
    assert not problems, "run `make lock` and commit requirements/:\n" + "\n".join(problems)


def test_every_locked_package_has_a_hash() -> None:
    for lock in (DEV_LOCK, PRODUCTION_LOCK):
        entries = re.split(r"\n(?=[A-Za-z0-9])", lock.read_text())
        unhashed = [e.split()[0] for e in entries if "==" in e and "--hash=sha256:" not in e]
        assert not unhashed, f"{lock.name}: {unhashed}"


def test_the_production_image_gets_the_versions_the_tests_ran_with() -> None:
    production, dev = pins(PRODUCTION_LOCK), pins(DEV_LOCK)

    differing = {name: (version, dev.get(name)) for name, version in production.items()}
    assert {name: pair for name, pair in differing.items() if pair[0] != pair[1]} == {}
    # ...and none of the test tools.
    assert {"pytest", "ruff", "playwright"} & production.keys() == set()


def test_installs_read_the_lock_files() -> None:
    makefile = (ROOT / "Makefile").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text()
    ci = (ROOT / ".ci" / "run").read_text()

    assert "--require-hashes -r requirements/dev.txt" in makefile
    assert "--no-deps -e ." in makefile
    assert "--require-hashes" in dockerfile and "-r requirements/production.txt" in dockerfile
    assert "pyproject.toml" not in dockerfile.split("COPY . .")[0]
    assert "make install" in ci


@pytest.mark.parametrize(
    ("hook_repo", "package"),
    [("astral-sh/ruff-pre-commit", "ruff"), ("djlint/djLint", "djlint")],
)
def test_pre_commit_runs_the_locked_versions(hook_repo: str, package: str) -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    revs = {repo["repo"]: repo["rev"] for repo in config["repos"]}

    assert revs[f"https://github.com/{hook_repo}"].removeprefix("v") == pins(DEV_LOCK)[package]


# Directories that are not the project's own files: installed packages, caches and the
# Git database anywhere; collected static files and uploads at the top.
_NOT_OURS = {
    ".git",
    ".venv",
    "node_modules",
    "__pycache__",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
}
_NOT_OURS_AT_THE_TOP = {"static", "media"}
_CONFLICT = re.compile(rb"^(<<<<<<<|>>>>>>>)( |$)", re.MULTILINE)


def test_no_file_holds_a_merge_conflict() -> None:
    # A stylesheet once shipped with both sides of a merge in it: browsers read on past
    # the markers, so nothing else failed.
    found = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*")
        if path.is_file()
        and not _NOT_OURS.intersection(path.relative_to(ROOT).parts[:-1])
        and path.relative_to(ROOT).parts[0] not in _NOT_OURS_AT_THE_TOP
        and path.stat().st_size < 5_000_000
        and _CONFLICT.search(path.read_bytes())
    ]
    assert not found, f"merge conflict markers in: {', '.join(found)}"
