"""Registers the council's vocabularies, report questions and jargon list as snippets, and
the editor's live checklist."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import views
from .importing import editor_rule, gias
from .models import (
    AccessibilityFeature,
    BroadArea,
    JargonTerm,
    NeedArea,
    OutreachService,
    ReportQuestion,
)


class NeedAreaViewSet(SnippetViewSet):
    model = NeedArea
    icon = "tag"
    menu_label = "Types of need"
    list_display = ["label", "code", "broad_area", "synonyms"]
    list_filter = ["broad_area"]
    search_fields = ["label", "code", "synonyms"]


class BroadAreaViewSet(SnippetViewSet):
    model = BroadArea
    icon = "folder-open-inverse"
    menu_label = "Broad areas of need"
    list_display = ["label", "slug"]


class AccessibilityFeatureViewSet(SnippetViewSet):
    model = AccessibilityFeature
    icon = "tag"
    menu_label = "Accessibility features"
    list_display = ["label", "slug", "synonyms"]
    search_fields = ["label", "synonyms"]


class OutreachServiceViewSet(SnippetViewSet):
    model = OutreachService
    icon = "tag"
    menu_label = "Outreach services"
    list_display = ["label", "slug", "synonyms"]
    search_fields = ["label", "synonyms"]


class ReportQuestionViewSet(SnippetViewSet):
    model = ReportQuestion
    icon = "help"
    menu_label = "Report questions"
    list_display = ["heading", "key", "is_statutory"]
    list_filter = ["is_statutory"]
    search_fields = ["heading", "question", "guidance"]


class JargonTermViewSet(SnippetViewSet):
    model = JargonTerm
    icon = "openquote"
    menu_label = "Jargon to explain"
    list_display = ["term", "meaning"]
    search_fields = ["term", "meaning"]


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = "Vocabularies"
    menu_icon = "list-ul"
    menu_order = 300
    items = (
        NeedAreaViewSet,
        BroadAreaViewSet,
        AccessibilityFeatureViewSet,
        OutreachServiceViewSet,
        ReportQuestionViewSet,
        JargonTermViewSet,
    )


register_snippet(VocabularyGroup)


@hooks.register("before_delete_snippet")
def keep_statutory_questions(request: HttpRequest, instances: list[object]) -> HttpResponse | None:
    """Refuse to delete a statutory question: every report must answer it by law."""
    statutory = [i for i in instances if isinstance(i, ReportQuestion) and i.is_statutory]
    if not statutory:
        return None
    messages.error(
        request,
        "Statutory questions cannot be deleted: the SEND Regulations 2014 require every "
        "report to answer them. You can reword the question and its guidance instead.",
    )
    return redirect(ReportQuestion.snippet_viewset.get_url_name("list"))


@hooks.register("register_admin_urls")
def register_report_advice_url() -> list[Any]:
    return [
        path(
            "schools/<int:page_id>/report-advice/",
            views.report_advice,
            name="schools_report_advice",
        )
    ]


@hooks.register("insert_editor_js")
def live_checklist_js() -> str:
    # A static file: the site's Content-Security-Policy allows no inline scripts.
    return format_html('<script src="{}" defer></script>', static("schools/js/live-checklist.js"))


@hooks.register("register_log_actions")
def register_import_log_actions(actions: Any) -> None:
    # The imports note what they did, and any override of people's work, in each
    # page's history.
    editor_rule.register_log_actions(actions)
    gias.register_log_actions(actions)
