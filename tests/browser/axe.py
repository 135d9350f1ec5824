"""Run axe-core in the page the browser shows and report what it finds."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from .tools import AXE_SCRIPT

if TYPE_CHECKING:
    from playwright.sync_api import Page

# WCAG 2.0, 2.1 and 2.2, levels A and AA: what the accessibility regulations require.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def _axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """The axe-core violations of WCAG 2.2 A and AA in the page as it is now."""
    # Evaluated by the browser's debugging protocol rather than added as an inline
    # <script>, which the site's Content-Security-Policy rightly refuses.
    page.evaluate(f"() => {{ {_axe_source()}\n}}")
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        WCAG_TAGS,
    )
    return result["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    """Violations in a form a developer can act on: rule, impact, help and the elements."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"  at {' '.join(node['target'])}: {node['html'][:200]}")
            summary = " / ".join(
                line.strip() for line in node.get("failureSummary", "").splitlines()
            )
            lines.append(f"    {summary[:400]}")
    return "\n".join(lines)


def assert_no_violations(page: Page) -> None:
    """Fail, listing every problem, if axe finds any WCAG 2.2 A or AA violation."""
    violations = axe_violations(page)
    assert not violations, f"axe-core found problems on {page.url}:\n{describe(violations)}"
