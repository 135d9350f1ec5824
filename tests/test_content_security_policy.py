"""Issue 12 item 6: a Content-Security-Policy (django-csp) on every response, in every
setting. The public site allows nothing inline and nothing from elsewhere; Wagtail's admin
alone gets the allowances it needs, under /admin/ only. tests/conftest.py checks the
header on every response the test client receives; tests/browser/test_csp.py checks that
real pages run under it with no violation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from schools.models import SchoolPage

ROOT = Path(__file__).resolve().parent.parent
HEADER = "Content-Security-Policy"
SKIP_DIRS = {".venv", "node_modules", ".git", "static", "media"}
# An inline script is a <script> without src; JSON data blocks are not run, so allowed.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle=", re.I)


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def our_templates() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.html"))
        if not SKIP_DIRS & set(path.relative_to(ROOT).parts)
        and path.relative_to(ROOT).parts[0] not in {"docs", "bench"}
    ]


def test_no_template_of_ours_has_inline_script_or_style() -> None:
    templates = our_templates()
    assert len(templates) > 20  # the scan found the project's templates
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in templates
        for pattern in (INLINE_SCRIPT, INLINE_STYLE)
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, "move these to files under static/:\n" + "\n".join(found)


def test_public_pages_allow_only_this_sites_files(client: Client, school: SchoolPage) -> None:
    for url in ("/", school.url, "/feedback/", "/accounts/login/", "/no-such-page/"):
        policy = directives(client.get(url)[HEADER])
        assert policy["default-src"] == ["'self'"], url
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert policy["form-action"] == ["'self'"], url


def test_the_apis_answer_with_the_policy_too(client: Client, school: SchoolPage) -> None:
    for url in ("/api/v1/directory/", "/api/oruk/services", "/api/v1/openapi.json"):
        response = client.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, url
        assert "script-src 'self'" in response[HEADER], url


@pytest.mark.django_db
def test_only_the_admin_may_run_inline_scripts_and_styles(client: Client) -> None:
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(admin)

    admin_policy = directives(client.get("/admin/")[HEADER])
    assert admin_policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert admin_policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert admin_policy["default-src"] == ["'self'"]
    assert admin_policy["frame-ancestors"] == ["'self'"]  # the editor's preview
    assert "'unsafe-eval'" not in admin_policy["script-src"]
    # Signed in, the public pages keep the strict policy.
    public_policy = directives(client.get("/")[HEADER])
    assert public_policy["script-src"] == ["'self'"]
    assert public_policy["style-src"] == ["'self'"]


def test_the_editors_preview_may_be_framed_by_the_admin_only(
    client: Client, school: SchoolPage
) -> None:
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(admin)

    # Wagtail renders the public page for the preview through a request of its own.
    response = client.get(f"/admin/pages/{school.pk}/view_draft/")

    assert response.status_code == 200
    assert school.title in response.content.decode()
    policy = directives(response[HEADER])
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # the public page's own, strict policy
    assert policy["style-src"] == ["'self'"]
