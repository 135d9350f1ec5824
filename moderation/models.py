"""Who edits which school, and which review reminder each school was last sent."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models

from schools.models import SchoolPage


class SchoolEditorGroup(models.Model):
    """Links a school page to the group of people who may edit it.

    The link, not the group's name, says which school a group edits, so renaming a
    school (and its group) never loses anyone's access.
    """

    school = models.OneToOneField(
        SchoolPage, on_delete=models.CASCADE, related_name="editor_group_link"
    )
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="school_link")

    class Meta:
        verbose_name = "school editors' group"
        default_permissions = ()
        permissions = [
            ("view_school_report_status", "Can see the school report status dashboard"),
        ]

    def __str__(self) -> str:
        return self.group.name


class ReminderState(models.TextChoices):
    DUE_SOON = "due-soon", "Review due soon"
    OVERDUE = "overdue", "Overdue for review"


class ReviewReminder(models.Model):
    """The last review state a school's editors were emailed about.

    ``send_review_reminders`` emails editors only when a school's state differs from
    the one stored here, so running it every hour never repeats a reminder.
    """

    school = models.OneToOneField(
        SchoolPage, on_delete=models.CASCADE, related_name="review_reminder"
    )
    state = models.CharField(max_length=16, choices=ReminderState.choices)
    review_due = models.DateField(help_text="The review date the reminder was about.")
    notified_at = models.DateTimeField()
    recipients = models.TextField(blank=True, help_text="Who was emailed, one address a line.")

    class Meta:
        verbose_name = "review reminder"
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.school_id}: {self.get_state_display()}"
