"""What a user may do with a school page in the admin, beyond Wagtail's defaults.

A school's own editors hold their rights on the school page itself; the council's
staff hold theirs on the schools index or above. That tells the two apart here:

* No school editor may delete a school page. Wagtail lets anyone with "change" delete
  an unpublished page; a school's page, its revisions and its editors' group are the
  council's record, so only the council (or a superuser) deletes it.
* While GIAS lists the school as closed (``SchoolClosure``), its editors' rights on the
  page are suspended; they come back when the import sees the school open again.
* Wagtail offers "Copy" to anyone who can edit a page, but the copy can only be saved
  under a parent where the user may add pages; a school's own editors cannot, so they
  were offered an action that then failed.

The web address and menu settings are the council's (``MANAGE_WEB_ADDRESS``): they
change where parents and search engines find the report.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import Page, PagePermissionTester

MANAGE_WEB_ADDRESS = "schools.manage_web_address"


class SchoolPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, without actions a school's editor may not take."""

    def __init__(self, user: Any, page: Page) -> None:
        super().__init__(user, page)
        # Set by Wagtail only for active users who are not superusers.
        self.council_permissions: set[str] = set()
        if not hasattr(self, "permissions"):
            return
        for perm in self.permission_policy.get_cached_permissions_for_user(user):
            if page.path.startswith(perm.page.path) and perm.page.path != page.path:
                self.council_permissions.add(perm.permission.codename.rsplit("_", maxsplit=1)[0])
        if self.permissions - self.council_permissions and _is_closed(page):
            self.permissions = set(self.council_permissions)

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        if not self.user.is_superuser and not self.council_permissions:
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)

    def can_copy(self) -> bool:
        if not super().can_copy():
            return False
        parent = self.page.get_parent()
        return parent is not None and parent.permissions_for_user(self.user).can_add_subpage()


def _is_closed(page: Page) -> bool:
    # The reverse one-to-one raises (an AttributeError) when the school is not closed.
    return hasattr(page, "closure")
