"""Registers the council's vocabularies and report questions as snippets in the admin."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AccessibilityFeature, BroadArea, NeedArea, OutreachService, ReportQuestion


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
