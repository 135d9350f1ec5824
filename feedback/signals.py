"""Keeps the council moderators' rights over feedback in step after ``migrate``; a new
"You said, we did" page (in the admin or by the demo set-up) is theirs to edit and
publish, and is linked from the footer if no other page is."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig, apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from . import roles
from .models import YouSaidWeDidPage
from .services import link_you_said_we_did_page

_REQUIRED_TABLES = {"feedback_feedback", "auth_group", "wagtailcore_grouppagepermission"}


@receiver(post_save, sender=YouSaidWeDidPage, dispatch_uid="feedback_page_created")
def page_created(
    sender: type, instance: YouSaidWeDidPage, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        roles.grant_page_permissions(instance)
        link_you_said_we_did_page(instance)


@receiver(post_migrate, dispatch_uid="feedback_council_permissions")
def set_up_permissions(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """After ``migrate``, once every app is migrated (as moderation's own set-up does)."""
    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender.label != last_app.label:
        return
    if not set(connections[using].introspection.table_names()) >= _REQUIRED_TABLES:
        return
    create_permissions(apps.get_app_config("feedback"), verbosity=0, using=using)
    roles.ensure_council_permissions()
