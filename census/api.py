"""The census figures in the public JSON API: each school's latest, in the directory
results (``search.api``), and every year loaded at ``/api/v1/schools/{urn}/sen-census/``."""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schools.models import SchoolPage

from .figures import Figure, NotPublished
from .models import NeedCode, SchoolCensus
from .selectors import SOURCE, school_figures

_URN = re.compile(r"^\d{6}$")


class FigureSerializer(serializers.Serializer):
    """A count, or why the DfE did not publish it (never a zero in its place)."""

    count = serializers.IntegerField(source="value", allow_null=True, min_value=0)
    not_published = serializers.SerializerMethodField(
        help_text="Null when the count is published; else the DfE's symbol: x (not "
        "applicable), z (not available), c (too few pupils to publish), low (a very small "
        "number)."
    )
    note = serializers.SerializerMethodField(help_text="The count, or why it is missing, in words.")

    @extend_schema_field(
        serializers.ChoiceField(choices=[c.value for c in NotPublished], allow_null=True)
    )
    def get_not_published(self, figure: Figure) -> str | None:
        return figure.not_published or None

    def get_note(self, figure: Figure) -> str:
        return str(figure)


class SchoolCensusSerializer(serializers.Serializer):
    """One school's totals in one year's census."""

    academic_year = serializers.CharField(help_text="For example 2024/25.")
    census = serializers.CharField(
        source="census_month", help_text="When the pupils were counted, e.g. January 2025."
    )
    pupils = FigureSerializer(source="pupils_figure", help_text="Pupils on the school's roll.")
    sen_support = FigureSerializer(source="sen_support_figure")
    ehc_plans = FigureSerializer(
        source="ehc_plans_figure", help_text="Pupils with an education, health and care plan."
    )
    example = serializers.BooleanField(
        help_text="True for made-up figures (a demonstration site), not the DfE's."
    )
    source = serializers.SerializerMethodField()

    def get_source(self, census: SchoolCensus) -> str:
        return SOURCE


class NeedCountSerializer(serializers.Serializer):
    need = serializers.CharField(help_text="School census code of the primary type of need.")
    label = serializers.CharField(source="get_need_display")
    pupils = FigureSerializer(source="pupils_figure")
    sen_support = FigureSerializer(source="sen_support_figure")
    ehc_plans = FigureSerializer(source="ehc_plans_figure")


class CensusYearSerializer(SchoolCensusSerializer):
    needs = NeedCountSerializer(
        many=True, source="ordered_needs", help_text="Pupils by primary type of need."
    )


class CouncilAverageSerializer(serializers.Serializer):
    compared_with = serializers.CharField(help_text="E.g. the council's primary schools.")
    sen_support_percent = serializers.FloatField(source="council.sen_support", allow_null=True)
    ehc_plans_percent = serializers.FloatField(source="council.ehc_plans", allow_null=True)


class SchoolCensusResponseSerializer(serializers.Serializer):
    urn = serializers.CharField()
    name = serializers.CharField()
    years = CensusYearSerializer(many=True, help_text="Newest first.")
    council_average = CouncilAverageSerializer(
        allow_null=True,
        help_text="Percentages of pupils across the council's schools of the same phase, "
        "in the newest year.",
    )


class SchoolCensusAPIView(APIView):
    """Every year of census figures loaded for one school."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    def get_view_name(self) -> str:
        return "School SEN census figures"

    @extend_schema(
        operation_id="school_sen_census",
        summary="A school's pupils with SEN, from the DfE school census",
        description=(
            "Pupils on SEN support and with an EHC plan, of all pupils, and by primary type "
            "of need, for every academic year loaded, with the council average. Counts the "
            "DfE did not publish are null with the DfE's symbol in not_published. A school "
            "with no figures loaded has an empty list of years."
        ),
        responses={200: SchoolCensusResponseSerializer},
    )
    def get(self, request: Request, urn: str) -> Response:
        if not _URN.match(urn):
            return Response(
                {
                    "detail": "The URN is the school's 6-digit DfE number.",
                    "errors": [{"parameter": "urn", "message": f"{urn[:20]!r} is not 6 digits."}],
                },
                status=400,
            )
        school = SchoolPage.objects.live().public().filter(urn=urn).first()
        if school is None:
            return Response({"detail": f"No school on this site has the URN {urn}."}, status=404)
        years = list(SchoolCensus.objects.filter(school=school).prefetch_related("needs"))
        order = list(NeedCode)
        for census in years:
            census.ordered_needs = sorted(  # type: ignore[attr-defined]
                census.needs.all(), key=lambda count: order.index(NeedCode(count.need))
            )
        figures = school_figures(school) if years else None
        data = {"urn": school.urn, "name": school.title, "years": years, "council_average": figures}
        return Response(SchoolCensusResponseSerializer(data).data)
