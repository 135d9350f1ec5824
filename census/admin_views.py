"""The council's "Needs and provision" page in the admin, with its CSV and Excel downloads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from council.models import CouncilSettings
from moderation.views import user_can_see_dashboard
from schools.admin_access import AllowedUsersOnlyMixin
from schools.models import Phase

from .charts import bar_chart, line_chart
from .models import academic_year
from .report import NeedsReport, Scope, districts, needs_report, years_loaded
from .selectors import SOURCE, phase_schools
from .tables import csv_bytes, report_tables, xlsx_bytes


class ScopeForm(forms.Form):
    """Which year, and which schools: the whole council, a district, a phase."""

    year = forms.TypedChoiceField(label="Academic year", coerce=int, required=False)
    district = forms.ChoiceField(label="District", required=False)
    phase = forms.ChoiceField(
        label="Phase", required=False, choices=[("", "All phases"), *Phase.choices]
    )
    export = forms.ChoiceField(
        required=False, choices=[("", ""), ("csv", "CSV"), ("xlsx", "Excel")]
    )
    table = forms.CharField(required=False, max_length=20)

    def __init__(self, data: Any, years: list[int]) -> None:
        super().__init__(data)
        self.fields["year"].choices = [(year, academic_year(year)) for year in years]
        chosen = self.data.get("year")
        year = int(chosen) if str(chosen).isdigit() and int(chosen) in years else years[0]
        self.fields["district"].choices = [("", "All districts"), *districts(year)]


class NeedsAndProvisionView(AllowedUsersOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """The census joined to what schools say they provide, for moderators and admins."""

    template_name = "census/admin/needs_and_provision.html"
    page_title = "Needs and provision"
    header_icon = "table"
    allowed = staticmethod(user_can_see_dashboard)

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        years = years_loaded()
        if not years:
            return self.render_to_response(self.get_context_data(report=None))
        form = ScopeForm(request.GET, years)
        if not form.is_valid():
            # A hand-edited address: say which choice was wrong, show the latest year.
            report = self._report(Scope(), years[0])
            return self.render_to_response(self.get_context_data(report=report, form=form))
        scope = Scope(district=form.cleaned_data["district"], phase=form.cleaned_data["phase"])
        report = self._report(scope, form.cleaned_data["year"] or years[0])
        tables = report_tables(report, edit_url=_edit_url)
        export = form.cleaned_data["export"]
        if export:
            return self._download(export, form.cleaned_data["table"], tables, report)
        return self.render_to_response(
            self.get_context_data(report=report, form=form, tables=tables)
        )

    def _report(self, scope: Scope, year: int) -> NeedsReport:
        threshold = CouncilSettings.load(request_or_site=self.request).census_need_threshold
        return needs_report(year, scope, threshold)

    def _download(
        self, export: str, key: str, tables: list[Any], report: NeedsReport
    ) -> HttpResponse:
        name = f"needs-and-provision-{report.academic_year.replace('/', '-')}"
        if report.scope.district:
            name += f"-{report.scope.district}"
        if report.scope.phase:
            name += f"-{report.scope.phase}"
        if export == "xlsx":
            content = xlsx_bytes(tables, self._heading(report))
            response = HttpResponse(
                content,
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return response
        table = next((table for table in tables if table.key == key), tables[0])
        response = HttpResponse(csv_bytes(table), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}-{table.key}.csv"'
        return response

    def _heading(self, report: NeedsReport) -> str:
        heading = (
            f"Needs and provision, {report.academic_year} (January {report.year + 1} school "
            f"census): {scope_label(report)}. Source: {SOURCE}."
        )
        if report.example:
            heading = "EXAMPLE FIGURES, made up for a demonstration site, not real. " + heading
        return heading

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report: NeedsReport | None = kwargs.get("report")
        context["settings_url"] = reverse(
            "wagtailsettings:edit", args=["council", "councilsettings"]
        )
        if report is None:
            return context
        context["scope_label"] = scope_label(report)
        context["source"] = SOURCE
        context["example"] = report.example
        by_need = sorted(
            ((row.label, row.pupils.value) for row in report.needs if row.pupils.value),
            key=lambda item: -item[1],
        )
        context["need_chart"] = bar_chart(
            by_need, what=f"pupils by primary type of need, {report.academic_year}"
        )
        context["trend_chart"] = line_chart(
            [group.label for group in report.trend],
            [
                (
                    "On SEN support",
                    "app-line--support",
                    [g.sen_support.value for g in report.trend],
                ),
                ("With an EHC plan", "app-line--plans", [g.ehc_plans.value for g in report.trend]),
            ],
            what="pupils on SEN support and with an EHC plan, year by year",
        )
        query = self.request.GET.copy()
        query.pop("export", None)
        query.pop("table", None)
        context["query"] = query.urlencode()
        return context


def scope_label(report: NeedsReport) -> str:
    """E.g. "all the council's schools" or "primary schools in Westdale"."""
    scope = report.scope
    phase = phase_schools(scope.phase)
    if scope.district:
        names = dict(districts(report.year))
        return f"{phase} in {names.get(scope.district, scope.district)}"
    return f"all the council's {phase}"


def _edit_url(page_id: int) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])
