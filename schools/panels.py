"""Editor panels for school pages."""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import Panel

from .compliance import check_compliance


class ComplianceChecklistPanel(Panel):
    """Lists the statutory items the report being edited does not answer yet.

    It checks the version open in the editor (the latest draft), so an editor sees the
    gaps in what they are about to submit, not in what is published.
    """

    @property
    def clean_name(self) -> str:
        return super().clean_name or "compliance"

    class BoundPanel(Panel.BoundPanel):
        template_name = "schools/panels/compliance_checklist.html"

        def get_context_data(self, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["result"] = check_compliance(self.instance)
            return context
