"""Editor panels for school pages: the live statutory checklist and plain-English help."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from wagtail.admin.panels import FieldPanel, Panel

from .compliance import check_compliance
from .readability import assess


def glossary() -> list[tuple[str, str]]:
    """The council's jargon list as (term, meaning) pairs."""
    from .models import JargonTerm  # the page models import this module

    return list(JargonTerm.objects.values_list("term", "meaning"))


def _form_glossary(form: Any) -> list[tuple[str, str]]:
    # Read once per form, not once per answer.
    if not hasattr(form, "_lo_glossary"):
        form._lo_glossary = glossary()
    return form._lo_glossary


class ComplianceChecklistPanel(Panel):
    """Lists the statutory items the report being edited does not answer yet.

    It checks the version open in the editor (the latest draft), so an editor sees the
    gaps in what they are about to submit, not in what is published. With JavaScript,
    ``schools/js/live-checklist.js`` refreshes it (and the plain-English help) as the
    editor types, from ``schools.views.report_advice``, which runs the same check.
    """

    @property
    def clean_name(self) -> str:
        return super().clean_name or "compliance"

    class BoundPanel(Panel.BoundPanel):
        template_name = "schools/panels/compliance_checklist_panel.html"

        def get_context_data(self, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["result"] = check_compliance(self.instance)
            context["advice_url"] = (
                reverse("schools_report_advice", args=[self.instance.pk])
                if self.instance.pk
                else ""
            )
            return context


class ReportAnswerPanel(FieldPanel):
    """A report answer with its plain-English help underneath (advice only, never a rule)."""

    class BoundPanel(FieldPanel.BoundPanel):
        template_name = "schools/panels/report_answer.html"

        def get_context_data(self, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            value = self.bound_field.value() if self.bound_field is not None else ""
            context["key"] = self.field_name
            context["advice"] = assess(value or "", _form_glossary(self.form))
            return context
