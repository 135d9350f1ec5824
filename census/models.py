"""The DfE school census figures for the council's schools, one record per school and year.

Loaded by ``import_sen_census`` from the DfE's "Special educational needs in England"
school-level file. Only counts the DfE publishes are kept: nothing about any child.
A count the DfE did not publish (``x``, ``z``, ``c``, ``low``) is kept as that symbol
beside an empty number, never as zero.
"""

from __future__ import annotations

from django.db import models

from .figures import Figure, NotPublished


class NeedCode(models.TextChoices):
    """Primary types of need in the school census, by census code."""

    SLCN = "SLCN", "Speech, language and communication needs"
    ASD = "ASD", "Autism"
    SPLD = "SPLD", "Specific learning difficulty (such as dyslexia)"
    MLD = "MLD", "Moderate learning difficulty"
    SLD = "SLD", "Severe learning difficulty"
    PMLD = "PMLD", "Profound and multiple learning difficulty"
    SEMH = "SEMH", "Social, emotional and mental health"
    HI = "HI", "Hearing impairment"
    VI = "VI", "Vision impairment"
    MSI = "MSI", "Multi-sensory impairment"
    PD = "PD", "Physical disability"
    OTH = "OTH", "Other difficulty or disability"
    NSA = "NSA", "Need not yet assessed (SEN support)"


def _count(verbose_name: str) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(verbose_name, null=True, blank=True)


def _reason() -> models.CharField:
    return models.CharField(max_length=3, choices=NotPublished.choices, blank=True)


class CountsAsFigures:
    """The three counts a census row and a need row both keep, each read as a ``Figure``
    (a number, or the reason it is not published)."""

    pupils: int | None
    pupils_not_published: str
    sen_support: int | None
    sen_support_not_published: str
    ehc_plans: int | None
    ehc_plans_not_published: str

    @property
    def pupils_figure(self) -> Figure:
        return Figure(self.pupils, self.pupils_not_published)

    @property
    def sen_support_figure(self) -> Figure:
        return Figure(self.sen_support, self.sen_support_not_published)

    @property
    def ehc_plans_figure(self) -> Figure:
        return Figure(self.ehc_plans, self.ehc_plans_not_published)


class SchoolCensus(CountsAsFigures, models.Model):
    """One school's figures in one year's census (January of the academic year)."""

    school = models.ForeignKey(
        "schools.SchoolPage", on_delete=models.CASCADE, related_name="sen_census"
    )
    year = models.PositiveSmallIntegerField(
        help_text="The academic year's first calendar year: 2024 is 2024/25 (January 2025 census)."
    )
    district_code = models.CharField(max_length=12, blank=True)
    district_name = models.CharField(max_length=120, blank=True)
    pupils = _count("pupils on roll")
    pupils_not_published = _reason()
    sen_support = _count("pupils on SEN support")
    sen_support_not_published = _reason()
    ehc_plans = _count("pupils with an EHC plan")
    ehc_plans_not_published = _reason()
    source = models.CharField(max_length=255, help_text="The file the figures came from.")
    example = models.BooleanField(
        default=False, help_text="Made-up figures for the demo site, not the DfE's."
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "year"], name="census_one_per_school_year")
        ]
        ordering = ["-year"]
        verbose_name = "school SEN census"
        verbose_name_plural = "school SEN census"

    def __str__(self) -> str:
        return f"{self.school_id} {self.academic_year}"

    @property
    def academic_year(self) -> str:
        """E.g. ``"2024/25"``."""
        return academic_year(self.year)

    @property
    def census_month(self) -> str:
        """E.g. ``"January 2025"``: the census is taken in January of the academic year."""
        return f"January {self.year + 1}"


class NeedCount(CountsAsFigures, models.Model):
    """Pupils at one school in one census whose primary need is ``need``."""

    census = models.ForeignKey(SchoolCensus, on_delete=models.CASCADE, related_name="needs")
    need = models.CharField(max_length=8, choices=NeedCode.choices)
    pupils = _count("pupils with this primary need")
    pupils_not_published = _reason()
    sen_support = _count("on SEN support")
    sen_support_not_published = _reason()
    ehc_plans = _count("with an EHC plan")
    ehc_plans_not_published = _reason()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["census", "need"], name="census_one_count_per_need")
        ]

    def __str__(self) -> str:
        return f"{self.need}: {self.pupils_figure}"


def academic_year(year: int) -> str:
    """``2024`` -> ``"2024/25"``."""
    return f"{year}/{(year + 1) % 100:02d}"
