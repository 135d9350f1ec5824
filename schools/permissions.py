"""What a user may do with a school page in the admin, beyond Wagtail's defaults.

Wagtail offers "Copy" to anyone who can edit a page, but the copy can only be saved
under a parent where the user may add pages; a school's own editors cannot, so they
were offered an action that then failed. The web address and menu settings are the
council's (``MANAGE_WEB_ADDRESS``): they change where parents and search engines find
the report.
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester

MANAGE_WEB_ADDRESS = "schools.manage_web_address"


class SchoolPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, without actions the user cannot complete."""

    def can_copy(self) -> bool:
        if not super().can_copy():
            return False
        parent = self.page.get_parent()
        return parent is not None and parent.permissions_for_user(self.user).can_add_subpage()
