"""Wagtail hooks of the open-data app."""

from typing import Any

from wagtail import hooks


@hooks.register("register_log_actions")
def register_gias_log_actions(actions: Any) -> None:
    # The GIAS import (schools.gias) notes what it did in each page's history.
    from schools.gias import register_log_actions

    register_log_actions(actions)
