"""What every template may rely on: no JavaScript from GOV.UK Frontend."""

from __future__ import annotations

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
