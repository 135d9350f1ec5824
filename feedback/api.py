"""``GET /api/v1/feedback-responses/``: the published "You said, we did" responses as JSON.

For transparency, the same responses parents read on the page: only those of live,
public "You said, we did" pages as last published. Drafts, unpublished pages and raw
feedback never appear. Built like the directory API (Django REST framework, described
by drf-spectacular in ``/api/v1/openapi.json``).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from .models import FeedbackResponse, Progress, Quote
from .selectors import published_responses


class QuoteSerializer(serializers.Serializer):
    text = serializers.CharField(
        help_text="Words from families, redacted and approved by a council moderator."
    )
    said_in = serializers.SerializerMethodField(help_text="The month it was said: YYYY-MM.")

    def get_said_in(self, quote: Quote) -> str:
        return f"{quote.said_on:%Y-%m}"


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField(help_text="The period in words, e.g. 'January to March 2026'.")


class FeedbackResponseSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    period = PeriodSerializer()
    theme = serializers.CharField(
        source="theme.name", allow_null=True, help_text="The council's theme."
    )
    you_said = serializers.CharField(help_text="What families told the council, summarised.")
    quotes = QuoteSerializer(many=True, source="quotes.all")
    we_did = serializers.SerializerMethodField(
        help_text="HTML: what the council did. Simple paragraphs, lists and links."
    )
    progress = serializers.ChoiceField(choices=[progress.value for progress in Progress])
    action_date = serializers.DateField(
        allow_null=True, help_text="When it was done, or when it is expected to be."
    )
    url = serializers.SerializerMethodField(help_text="Where the response is on the site.")

    def get_we_did(self, response: FeedbackResponse) -> str:
        return expand_db_html(response.we_did)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, response: FeedbackResponse) -> str:
        page_url = response.page.get_url(request=self.context["request"]) or "/"
        return self.context["request"].build_absolute_uri(f"{page_url}#{response.period.anchor}")


class FeedbackResponseListSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=0)
    results = FeedbackResponseSerializer(many=True)


class AlwaysJSON(BaseContentNegotiation):
    """The response is always JSON, whatever ``Accept`` says; a ``format`` parameter is
    ignored like any other (DRF would answer an unknown one with a 404)."""

    def select_parser(self, request: Request, parsers: list[Any]) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(
        self, request: Request, renderers: list[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        return renderers[0], renderers[0].media_type


class FeedbackResponseListView(APIView):
    """The council's published responses to feedback from families."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = AlwaysJSON

    def get_view_name(self) -> str:
        return "You said, we did"

    @extend_schema(
        operation_id="feedback_responses_list",
        summary="The council's published responses to feedback ('You said, we did')",
        description=(
            "What families told the council about its Local Offer and what the council did "
            "about it, as published on the site's 'You said, we did' page (SEND Regulations "
            "2014, regulation 56). Newest period first. Only published responses are "
            "listed; quotes are redacted and approved by a council moderator. It takes no "
            "parameters; any sent are ignored."
        ),
        parameters=[],
        responses={200: FeedbackResponseListSerializer},
    )
    def get(self, request: Request) -> Response:
        responses = list(published_responses(Site.find_for_request(request)))
        return Response(
            FeedbackResponseListSerializer(
                {"count": len(responses), "results": responses}, context={"request": request}
            ).data
        )
