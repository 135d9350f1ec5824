"""What every template may rely on: no JavaScript from GOV.UK Frontend."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_template_asks_for_gov_uk_frontends_script() -> None:
    # The site works without JavaScript and loads none of GOV.UK Frontend's: a
    # data-module attribute would promise behaviour (focus on an error summary,
    # double-click protection) that never comes.
    templates = [
        path
        for path in ROOT.rglob("templates/**/*.html")
        if not {".venv", "node_modules"} & set(path.parts)
    ]
    found = [str(p.relative_to(ROOT)) for p in templates if "data-module=" in p.read_text()]

    assert templates
    assert not found
    assert not (ROOT / "localoffer" / "static" / "govuk" / "govuk-frontend.min.js").exists()


def _enclosing_rules(css: str, position: int) -> list[str]:
    """The preludes ("@media ...", "@supports ...") of the blocks around ``position``."""
    stack: list[str] = []
    start = 0
    for index, char in enumerate(css[:position]):
        if char == "{":
            stack.append(css[start:index].strip())
            start = index + 1
        elif char in "};":
            if char == "}":
                stack.pop()
            start = index + 1
    return stack


def test_a_details_summary_is_hidden_only_where_its_content_can_still_show() -> None:
    # The filters and the EHC plan note stand open from tablet width by hiding their
    # summary and showing ::details-content. A browser without ::details-content (older
    # Safari and Firefox) would keep them shut, with no summary to open them by.
    css = (ROOT / "localoffer" / "static" / "govuk" / "site.css").read_text()
    hidden = list(re.finditer(r"\.app-[\w-]+__summary\{display:none\}", css))

    assert len(hidden) >= 2
    for rule in hidden:
        around = _enclosing_rules(css, rule.start())
        assert "@supports selector(::details-content)" in around, rule.group()
