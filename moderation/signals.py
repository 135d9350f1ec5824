"""Keeps groups, permissions and the workflow in step with the pages, and emails editors.

``post_save`` on the page models (not Wagtail's admin hooks) is used so that pages
created by ``import_schools`` get their editors' group exactly like pages created in
the admin.
"""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig, apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_migrate, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Collection, Page

from schools.models import SchoolIndexPage, SchoolPage

from . import services

_REQUIRED_TABLES = {"moderation_schooleditorgroup", "wagtailcore_workflowpage", "auth_group"}


@receiver(post_save, sender=SchoolPage, dispatch_uid="moderation_school_saved")
def school_saved(sender: type, instance: SchoolPage, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # loaddata: the fixture carries its own groups
        return
    services.sync_editor_group(instance)


@receiver(pre_delete, sender=SchoolPage, dispatch_uid="moderation_school_deleted")
def school_deleted(sender: type, instance: SchoolPage, **kwargs: Any) -> None:
    services.delete_editor_group(instance)


@receiver(post_save, sender=SchoolIndexPage, dispatch_uid="moderation_index_saved")
def index_saved(
    sender: type, instance: SchoolIndexPage, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        services.ensure_index_moderation(instance)


@receiver(post_migrate, dispatch_uid="moderation_council_setup")
def set_up_council_roles(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """After ``migrate``, create or repair the council's groups and the workflow.

    Runs once, after the last app's migrations, when every permission exists.
    """
    # Django sends post_migrate once per app that has models; act on the last one.
    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender.label != last_app.label:
        return
    if not set(connections[using].introspection.table_names()) >= _REQUIRED_TABLES:
        return  # migrated backwards: nothing to set up
    if Collection.get_first_root_node() is None or Page.get_first_root_node() is None:
        return  # flushed (as transactional tests do): no tree to give permissions on
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    services.ensure_council_setup()
