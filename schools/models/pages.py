"""The schools index and the school page: facts, contacts, facets and the SEN report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..checklist import STATUTORY_ITEMS, TEXT_ITEM_KEYS
from ..compliance import ComplianceResult, check_compliance, is_blank
from ..kinds import EstablishmentType, Phase, school_description
from ..pagination import paginate
from ..panels import ComplianceChecklistPanel, ReportAnswerPanel
from ..permissions import MANAGE_WEB_ADDRESS, SchoolPagePermissionTester
from ..review import ReviewStatus, next_review_due, review_status
from ..routing import ChildRoutingInOneQuery
from .questions import ReportQuestion
from .vocabularies import AccessibilityFeature, NeedArea, OutreachService

URN_VALIDATOR = RegexValidator(
    r"^\d{6}$", "A URN is the school's 6-digit DfE number, for example 123456."
)
POSTCODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$",
    "Enter a UK postcode, for example SW1A 1AA.",
)
PHONE_VALIDATOR = RegexValidator(
    r"^[\d\s()+-]{7,20}$", "Enter a phone number using digits and spaces, for example 01234 567890."
)


# A link back to the results is a URL of this site; anything longer is not one we made.
MAX_BACK_URL_LENGTH = 2000


class SchoolIndexPage(RoutablePageMixin, ChildRoutingInOneQuery, Page):
    """Lists the council's schools; their pages live beneath it. ``compare/`` puts up to
    three of them side by side."""

    intro = RichTextField(blank=True)

    SCHOOLS_PER_PAGE = 50

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["localoffer.HomePage"]
    subpage_types = ["schools.SchoolPage", "search.DirectoryPage"]
    page_description = "The list of schools. School pages are created beneath it."

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        schools = SchoolPage.objects.child_of(self).live().public().order_by("title")
        paginator = Paginator(schools, self.SCHOOLS_PER_PAGE)
        # get_page() turns a missing, malformed or out-of-range page number into a real page.
        page_of_schools = paginator.get_page(request.GET.get("page"))
        context["schools"] = page_of_schools
        context["pagination"] = paginate(
            page_of_schools.number, paginator.num_pages, lambda number: f"?page={number}"
        )
        # Other pages under the index, such as the directory search, are linked above the list.
        context["other_pages"] = self.get_children().live().public().not_type(SchoolPage)
        return context

    @path("compare/", name="compare")
    def compare(self, request: HttpRequest) -> TemplateResponse:
        """Schools side by side, chosen by ``?urn=...&urn=...``."""
        # Imported here: schools.compare reads these models.
        from ..compare import compare_schools, schools_to_add

        comparison = compare_schools(self, request.GET.getlist("urn"))
        # Page's context, not the index's: the compare page does not list every school.
        context = super().get_context(request)
        context["comparison"] = comparison
        context["adding"] = (
            schools_to_add(self, comparison, request.GET.get("find", ""))
            if comparison.can_add
            else None
        )
        context["compare_url"] = self.get_url(request) + self.reverse_subpage("compare")
        return TemplateResponse(request, "schools/compare_page.html", context)


@dataclass(frozen=True)
class ReportSection:
    """One part of the report as parents see it."""

    key: str
    heading: str
    body: str
    answered: bool


class SchoolPageForm(WagtailAdminPageForm):
    """Shows each report question with the council's current wording and guidance.

    The wording lives in ``ReportQuestion`` rows the council edits, so it is read on
    every form load rather than fixed in the panels when the code starts.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        questions = ReportQuestion.objects.statutory().filter(key__in=TEXT_ITEM_KEYS)
        for question in questions:
            if question.key in self.fields:
                self.fields[question.key].label = question.question
                self.fields[question.key].help_text = (
                    f"Council guidance: {question.guidance}" if question.guidance else ""
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high = cleaned.get("age_low"), cleaned.get("age_high")
        if low is not None and high is not None and low > high:
            self.add_error("age_high", "The oldest age must be the same as or above the youngest.")
        return cleaned


def _report_field(key: str) -> RichTextField:
    return RichTextField(blank=True, verbose_name=key.replace("_", " "))


class SchoolPage(Page):
    """A school's page: its facts, SEN contacts, what it provides, and its SEN report."""

    # School facts
    urn = models.CharField(
        "URN",
        max_length=6,
        unique=True,
        validators=[URN_VALIDATOR],
        help_text="The school's unique reference number from Get Information about Schools.",
        error_messages={"unique": "Another school page already uses this URN."},
    )
    phase = models.CharField(max_length=32, choices=Phase.choices)
    establishment_type = models.CharField(
        "type of school", max_length=32, choices=EstablishmentType.choices, blank=True
    )
    age_low = models.PositiveSmallIntegerField("youngest age", null=True, blank=True)
    age_high = models.PositiveSmallIntegerField("oldest age", null=True, blank=True)
    address = models.TextField(blank=True, help_text="Street address, one line per line.")
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True, validators=[POSTCODE_VALIDATOR])
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=20, blank=True, validators=[PHONE_VALIDATOR])
    email = models.EmailField(blank=True)
    # WGS84, for maps and the Open Referral API; the GIAS import fills these in.
    latitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )

    # Contacts
    head_teacher = models.CharField(max_length=120, blank=True)
    # The school census totals as GIAS repeats them (written by import_gias only).
    gias_ehc_plans = models.PositiveIntegerField(
        "pupils with an EHC plan (GIAS)", null=True, blank=True, editable=False
    )
    gias_sen_support = models.PositiveIntegerField(
        "pupils on SEN support (GIAS)", null=True, blank=True, editable=False
    )
    gias_census_date = models.DateField(
        "date of the census GIAS counted them in", null=True, blank=True, editable=False
    )
    sen_governor = models.CharField("SEN governor", max_length=120, blank=True)
    senco_name = models.CharField(
        "SENCO name", max_length=120, blank=True, help_text="As parents should address them."
    )
    senco_email = models.EmailField("SENCO email", blank=True)
    senco_phone = models.CharField(
        "SENCO phone", max_length=20, blank=True, validators=[PHONE_VALIDATOR]
    )

    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When the report was last reviewed. It must be reviewed every 12 months.",
    )

    # Facets for the directory
    needs = ParentalManyToManyField(NeedArea, blank=True, related_name="schools")
    accessibility_features = ParentalManyToManyField(
        AccessibilityFeature, blank=True, related_name="schools"
    )
    outreach_services = ParentalManyToManyField(OutreachService, blank=True, related_name="schools")

    # The report: one part per statutory item (keys from schools.checklist)
    kinds_of_need = _report_field("kinds_of_need")
    identification = _report_field("identification")
    consulting_parents = _report_field("consulting_parents")
    consulting_pupils = _report_field("consulting_pupils")
    assessing_progress = _report_field("assessing_progress")
    transitions = _report_field("transitions")
    teaching_approach = _report_field("teaching_approach")
    adaptations = _report_field("adaptations")
    staff_expertise = _report_field("staff_expertise")
    equipment_facilities = _report_field("equipment_facilities")
    evaluating_effectiveness = _report_field("evaluating_effectiveness")
    inclusion_activities = _report_field("inclusion_activities")
    emotional_social = _report_field("emotional_social")
    other_bodies = _report_field("other_bodies")
    parent_support_services = _report_field("parent_support_services")
    complaints = _report_field("complaints")
    looked_after_children = _report_field("looked_after_children")
    local_offer = _report_field("local_offer")
    accessibility = _report_field("accessibility")

    search_fields = [
        *Page.search_fields,
        index.SearchField("urn"),
        index.SearchField("town"),
        index.FilterField("phase"),
        # The report text, so the directory's free-text search finds what schools write.
        *[index.SearchField(key) for key in TEXT_ITEM_KEYS],
    ]

    school_panels = [
        FieldPanel("title", heading="School name"),
        FieldRowPanel([FieldPanel("urn"), FieldPanel("phase"), FieldPanel("establishment_type")]),
        FieldRowPanel([FieldPanel("age_low"), FieldPanel("age_high")], heading="Age range"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("town"), FieldPanel("postcode")]),
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Address and contact",
        ),
        MultiFieldPanel(
            [
                FieldPanel("senco_name"),
                FieldRowPanel([FieldPanel("senco_email"), FieldPanel("senco_phone")]),
                FieldPanel("head_teacher"),
                FieldPanel("sen_governor"),
            ],
            heading="People parents can contact",
        ),
        # Approval through moderation sets the review date; only the council may set it by hand.
        FieldPanel("last_reviewed", permission="schools.set_review_date"),
    ]
    report_panels = [
        ComplianceChecklistPanel(heading="Statutory checklist"),
        HelpPanel(
            content=(
                "<p>Answer each question in clear, everyday language for parents and young "
                "people. The council's guidance is under each question, and plain-English "
                "help under each answer: how easy it is to read, and words parents may not "
                "know. It is advice only. The SENCO's contact details are on the 'School' "
                "tab.</p>"
            )
        ),
        *[ReportAnswerPanel(key) for key in TEXT_ITEM_KEYS],
        InlinePanel(
            "extra_answers",
            heading="Council questions",
            label="answer",
            help_text="Questions your council asks in addition to the statutory ones.",
        ),
    ]
    # The council's: school editors neither see nor send these fields.
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug", permission=MANAGE_WEB_ADDRESS),
                FieldPanel("seo_title", permission=MANAGE_WEB_ADDRESS),
                FieldPanel("search_description", permission=MANAGE_WEB_ADDRESS),
            ],
            heading="For search engines",
        ),
        FieldPanel("show_in_menus", permission=MANAGE_WEB_ADDRESS),
    ]
    facet_panels = [
        # Say what a tick does: parents' searches in the directory find schools by them.
        FieldPanel(
            "needs",
            widget=forms.CheckboxSelectMultiple,
            help_text=(
                "Tick every type of need the school provides for now. Parents who search "
                "'Find a school' for a need see the schools that tick it."
            ),
        ),
        FieldPanel(
            "accessibility_features",
            widget=forms.CheckboxSelectMultiple,
            help_text=(
                "Tick what the school has now. Parents can search 'Find a school' for "
                "these; untick anything the school no longer has."
            ),
        ),
        FieldPanel(
            "outreach_services",
            widget=forms.CheckboxSelectMultiple,
            help_text=(
                "Tick the services that work with pupils at the school. Parents can search "
                "'Find a school' for them."
            ),
        ),
        InlinePanel("specialist_provisions", heading="Specialist provision", label="provision"),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(school_panels, heading="School"),
            ObjectList(report_panels, heading="Report"),
            ObjectList(facet_panels, heading="Needs and facilities"),
            ObjectList(promote_panels, heading="Promote", permission=MANAGE_WEB_ADDRESS),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    base_form_class = SchoolPageForm

    parent_page_types = ["schools.SchoolIndexPage"]
    subpage_types: list[str] = []
    page_description = "A school's SEN information report."

    class Meta:
        verbose_name = "school"
        permissions = [
            ("set_review_date", "Can set a school report's review date by hand"),
            ("manage_web_address", "Can change a school page's web address and menu settings"),
        ]
        indexes = [
            # What the directory's search reads of every school (search/backends/
            # database.py): in page order, without touching the rows, which hold the
            # report's 4 KB of text. Half the cost of setting the candidates apart.
            models.Index(
                fields=["page_ptr", "phase", "establishment_type", "latitude", "longitude"],
                name="school_directory_idx",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.age_low is not None and self.age_high is not None and self.age_low > self.age_high:
            raise ValidationError(
                {"age_high": "The oldest age must be the same as or above the youngest."}
            )

    def permissions_for_user(self, user: Any) -> SchoolPagePermissionTester:
        """Wagtail's permissions, less the actions a school's editor could not complete."""
        return SchoolPagePermissionTester(user, self)

    @cached_property
    def compliance(self) -> ComplianceResult:
        """Which statutory items this version of the report answers."""
        return check_compliance(self)

    @property
    def review_status(self) -> ReviewStatus:
        return review_status(self.last_reviewed)

    @property
    def next_review_due(self) -> dt.date | None:
        return next_review_due(self.last_reviewed) if self.last_reviewed else None

    @property
    def kind_of_school(self) -> str:
        """The phase and the type of school, each said once (schools/kinds.py): "Primary
        school, academy", "Maintained special school"."""
        return school_description(self.phase, self.establishment_type)

    @property
    def age_range(self) -> str:
        if self.age_low is not None and self.age_high is not None:
            return f"{self.age_low} to {self.age_high}"
        return ""

    def report_sections(self) -> list[ReportSection]:
        """The statutory parts in checklist order, with the council's current headings."""
        headings = dict(ReportQuestion.objects.statutory().values_list("key", "heading"))
        sections = []
        for item in STATUTORY_ITEMS:
            heading = item.heading_in(headings)
            body = getattr(self, item.key, "")
            answered = item not in self.compliance.missing
            sections.append(ReportSection(item.key, heading, body, answered))
        return sections

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.report_sections()
        context["results_url"] = self._results_url(request)
        context["extra_answers"] = [
            answer
            for answer in self.extra_answers.select_related("question")
            if not is_blank(answer.answer)
        ]
        context["needs"] = list(self.needs.select_related("broad_area"))
        context["accessibility_features"] = list(self.accessibility_features.all())
        context["outreach_services"] = list(self.outreach_services.all())
        context["specialist_provisions"] = list(
            self.specialist_provisions.prefetch_related("needs")
        )
        return context

    def _results_url(self, request: HttpRequest) -> str:
        """The search results the parent came from (``?back=``), if they are this site's
        own pages under the schools index: never a link to anywhere else."""
        back = request.GET.get("back", "")
        # Browsers read a backslash as a slash: none in a link we made, so none accepted.
        if not back or len(back) > MAX_BACK_URL_LENGTH or "\\" in back:
            return ""
        index_url = self.get_parent().get_url(request) or ""
        if not index_url.startswith("/") or not back.startswith(index_url):
            return ""
        if not url_has_allowed_host_and_scheme(back, allowed_hosts=None):
            return ""
        return back


class ExtraAnswer(Orderable):
    """A school's answer to one of the council's own (non-statutory) questions."""

    page = ParentalKey(SchoolPage, on_delete=models.CASCADE, related_name="extra_answers")
    question = models.ForeignKey(
        ReportQuestion,
        on_delete=models.CASCADE,
        limit_choices_to={"is_statutory": False},
        related_name="answers",
    )
    answer = RichTextField(blank=True)

    panels = [FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "question"], name="one_answer_per_question")
        ]


class ProvisionKind(models.TextChoices):
    RESOURCED_PROVISION = "resourced-provision", "Resourced provision"
    SEN_UNIT = "sen-unit", "SEN unit"
    ENHANCED_MAINSTREAM = "enhanced-mainstream", "Enhanced mainstream school"


class SpecialistProvision(Orderable, ClusterableModel):
    """A resourced provision, SEN unit or enhanced mainstream role at a school."""

    page = ParentalKey(SchoolPage, on_delete=models.CASCADE, related_name="specialist_provisions")
    kind = models.CharField(max_length=32, choices=ProvisionKind.choices)
    needs = ParentalManyToManyField(NeedArea, blank=True, related_name="specialist_provisions")
    places = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Number of funded places, if there is a set number."
    )
    on_roll = models.PositiveSmallIntegerField(
        "pupils on roll", null=True, blank=True, help_text="Pupils currently in this provision."
    )
    description = models.TextField(blank=True)
    # Set by the GIAS import: it keeps such rows in step with the register and leaves
    # provision the school added itself alone.
    from_gias = models.BooleanField(default=False, editable=False)

    panels = [
        FieldPanel("kind"),
        FieldPanel("needs", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("places"), FieldPanel("on_roll")]),
        FieldPanel("description"),
    ]

    def __str__(self) -> str:
        return self.get_kind_display()
