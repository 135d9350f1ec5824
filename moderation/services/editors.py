"""School editors: each school's editors' group, and inviting people into it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from council.models import CouncilSettings
from schools.models import SchoolPage

from ..emails import absolute_admin_url, send_templated_email
from ..models import SchoolEditorGroup
from .errors import ModerationError
from .permissions import (
    EDITOR_COLLECTION_PERMISSIONS,
    EDITOR_PAGE_PERMISSIONS,
    access_admin,
    grant_collection_permissions,
    grant_page_permissions,
)

logger = logging.getLogger(__name__)

GROUP_NAME_MAX_LENGTH = 150


def editor_group_name(title: str, urn: str) -> str:
    """The name of a school's editors' group, shortened to fit Django's 150 characters."""
    prefix, suffix = "Editors: ", f" (URN {urn})"
    room = GROUP_NAME_MAX_LENGTH - len(prefix) - len(suffix)
    if len(title) > room:
        title = title[: room - 1].rstrip() + "…"
    return f"{prefix}{title}{suffix}"


def grant_editor_permissions(group: Group, school: SchoolPage) -> None:
    """Let ``group`` log in, edit ``school`` and submit it, and add documents."""
    group.permissions.add(access_admin())
    grant_page_permissions(group, school, EDITOR_PAGE_PERMISSIONS)
    grant_collection_permissions(group, EDITOR_COLLECTION_PERMISSIONS)


@transaction.atomic
def sync_editor_group(school: SchoolPage) -> Group:
    """Create ``school``'s editors' group if missing, and keep its name in step.

    The name follows the school's saved (published) name and URN, so a draft rename
    does not rename the group until it is approved.
    """
    saved = SchoolPage.objects.filter(pk=school.pk).values("title", "urn").first()
    if saved is None:
        raise ModerationError(f"School page {school.pk} has not been saved yet.")
    name = editor_group_name(saved["title"], saved["urn"])
    link = SchoolEditorGroup.objects.select_related("group").filter(school_id=school.pk).first()
    if link is None:
        # A group with this name and no school is reused (created by hand, or orphaned).
        group = Group.objects.filter(name=name, school_link__isnull=True).first()
        group = group or Group.objects.create(name=name)
        SchoolEditorGroup.objects.create(school_id=school.pk, group=group)
        grant_editor_permissions(group, school)
        return group
    group = link.group
    if group.name != name:
        if Group.objects.filter(name=name).exclude(pk=group.pk).exists():
            logger.warning("Not renaming group %r: another group is called %r", group.name, name)
        else:
            group.name = name
            group.save(update_fields=["name"])
    return group


def delete_editor_group(school: SchoolPage) -> None:
    """Remove the editors' group of a school page that is being deleted."""
    Group.objects.filter(school_link__school_id=school.pk).delete()


@dataclass(frozen=True)
class EditorInvitation:
    """The outcome of ``add_school_editor``."""

    user: AbstractBaseUser
    school: SchoolPage
    group: Group
    created_user: bool
    added_to_group: bool
    set_password_url: str | None


def _split_name(name: str) -> tuple[str, str]:
    first, _, last = name.strip().partition(" ")
    return first[:150], last.strip()[:150]


def _unique_username(email: str) -> str:
    user_model = get_user_model()
    base = email.lower()[:140]
    username, number = base, 1
    while user_model.objects.filter(username=username).exists():
        number += 1
        username = f"{base}-{number}"
    return username


def set_password_url(user: AbstractBaseUser) -> str:
    """An absolute link to the admin page where ``user`` chooses a password.

    It uses Django's password reset token, so it stops working once used, once the
    password changes, or after ``PASSWORD_RESET_TIMEOUT`` (3 days by default).
    """
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return absolute_admin_url(path)


def add_school_editor(urn: str, email: str, name: str = "") -> EditorInvitation:
    """Make the person with ``email`` an editor of the school with ``urn``, and invite them.

    Creates their account (with no password) if they have none; the invitation email
    then carries a link to choose a password. Someone who already has a password is
    told they can now edit the school.
    """
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ModerationError(
            f'"{email}" is not a valid email address. Use the form name@school.example.org.'
        ) from None
    school = SchoolPage.objects.filter(urn=urn.strip()).first()
    if school is None:
        raise ModerationError(
            f'No school page has the URN "{urn}". A URN is the school\'s 6-digit DfE number; '
            "check it in Get Information about Schools, or import the school first."
        )
    user_model = get_user_model()
    with transaction.atomic():
        matches = list(user_model.objects.filter(email__iexact=email)[:2])
        if len(matches) > 1:
            raise ModerationError(
                f"More than one user has the email address {email}. Ask a council administrator "
                "to merge or correct those accounts first."
            )
        user = matches[0] if matches else None
        created_user = user is None
        if user is None:
            first_name, last_name = _split_name(name)
            user = user_model.objects.create_user(
                username=_unique_username(email),
                email=email,
                first_name=first_name,
                last_name=last_name,
            )
            user.set_unusable_password()
            user.save()
        elif not user.is_active:
            raise ModerationError(
                f"The account for {email} is deactivated. A council administrator can "
                "reactivate it under Settings > Users."
            )
        elif name and not user.get_full_name():
            user.first_name, user.last_name = _split_name(name)
            user.save(update_fields=["first_name", "last_name"])
        group = sync_editor_group(school)
        added_to_group = not user.groups.filter(pk=group.pk).exists()
        user.groups.add(group)

    needs_password = not user.has_usable_password()
    link = set_password_url(user) if needs_password else None
    send_templated_email(
        "invitation",
        {
            "user": user,
            "school": school,
            "set_password_url": link,
            "login_url": absolute_admin_url(reverse("wagtailadmin_login")),
            "edit_url": absolute_admin_url(reverse("wagtailadmin_pages:edit", args=[school.pk])),
            "council_name": CouncilSettings.load().council_name,
        },
        [user.email],
    )
    return EditorInvitation(user, school, group, created_user, added_to_group, link)
