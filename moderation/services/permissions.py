"""Granting Django and Wagtail permissions to groups: the building blocks of the roles.

Every grant is idempotent (``get_or_create``/``add``), so the council's set-up can run
after every ``migrate`` and only ever adds.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import (
    PAGE_PERMISSION_TYPES,
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

# School editors may edit and submit their own school's page; publishing is the council's.
EDITOR_PAGE_PERMISSIONS = ("change",)
MODERATOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
ALL_PAGE_PERMISSIONS = tuple(codename for codename, *_ in PAGE_PERMISSION_TYPES)
# Editors link to documents (a SEND policy PDF) from the report's rich text.
EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)
MODERATOR_COLLECTION_PERMISSIONS = tuple(
    (app, f"{action}_{model}")
    for app, model in (("wagtaildocs", "document"), ("wagtailimages", "image"))
    for action in ("add", "change", "choose", "delete")
)


def permission(app_label: str, codename: str) -> Permission:
    """The model permission ``app_label.codename``."""
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def access_admin() -> Permission:
    """Wagtail's permission to log in to the admin."""
    return permission("wagtailadmin", "access_admin")


def model_permissions(
    model_classes: tuple[type[models.Model], ...], actions: tuple[str, ...]
) -> list[Permission]:
    """The ``action_model`` permissions of each model in ``model_classes``."""
    content_types = ContentType.objects.get_for_models(*model_classes)
    codenames = [
        f"{action}_{model._meta.model_name}" for model in model_classes for action in actions
    ]
    return list(
        Permission.objects.filter(content_type__in=content_types.values(), codename__in=codenames)
    )


def _page_permissions(actions: tuple[str, ...]) -> list[Permission]:
    content_type = ContentType.objects.get_for_model(Page)
    by_codename = {
        permission.codename: permission
        for permission in Permission.objects.filter(content_type=content_type)
    }
    return [by_codename[f"{action}_page"] for action in actions]


def grant_page_permissions(group: Group, page: Page, actions: tuple[str, ...]) -> None:
    """Let ``group`` do ``actions`` (``"change"``, ``"publish"``...) on ``page`` and below."""
    for page_permission in _page_permissions(actions):
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=page_permission
        )


def grant_collection_permissions(group: Group, codenames: tuple[tuple[str, str], ...]) -> None:
    """Give ``group`` these ``(app_label, codename)`` permissions on the root collection."""
    root = Collection.get_first_root_node()
    for app_label, codename in codenames:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission(app_label, codename)
        )
