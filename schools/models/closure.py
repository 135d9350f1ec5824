"""A school the DfE register (GIAS) lists as closed."""

from __future__ import annotations

from django.db import models

from .pages import SchoolPage


class SchoolClosure(models.Model):
    """GIAS lists this school as closed.

    While it exists the page is kept unpublished and its own editors' rights are
    suspended (``schools.permissions``); the GIAS import deletes it, restoring them, if
    the school is listed as open again. Not part of the page's revisions, so publishing
    an old revision cannot undo it.
    """

    page = models.OneToOneField(SchoolPage, on_delete=models.CASCADE, related_name="closure")
    closed_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=255, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "closed school"

    def __str__(self) -> str:
        return f"{self.page.title} (closed)"
