"""Submit Wagtail admin forms the way a browser would: every field as the page renders it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bs4 import BeautifulSoup, Tag
from django.test import Client
from django.urls import reverse

SKIPPED_INPUT_TYPES = {"submit", "button", "image", "file", "reset"}


def _inside_template(element: Tag) -> bool:
    return any(parent.name == "template" for parent in element.parents)


def form_fields(html: bytes | str, form_id: str) -> dict[str, list[str]]:
    """The name/value pairs a browser would send for the form ``form_id`` unchanged."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id=form_id)
    assert form is not None, f"no form #{form_id} on the page"
    data: dict[str, list[str]] = defaultdict(list)
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or element.has_attr("disabled") or _inside_template(element):
            continue
        if element.name == "textarea":
            data[name].append(element.text.removeprefix("\n"))
        elif element.name == "select":
            options = element.find_all("option")
            chosen = [option for option in options if option.has_attr("selected")]
            if not chosen and options and not element.has_attr("multiple"):
                chosen = options[:1]
            data[name].extend(option.get("value", option.text) for option in chosen)
        else:
            kind = element.get("type", "text").lower()
            if kind in SKIPPED_INPUT_TYPES:
                continue
            if kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    data[name].append(element.get("value", "on"))
            else:
                data[name].append(element.get("value", ""))
    return dict(data)


def edit_url(page: Any) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def post_edit(client: Client, page: Any, action: str | None = None, **changes: str) -> Any:
    """Load ``page``'s edit form, change plain fields, and press one of its buttons.

    ``action`` is the button's name without ``action-`` ("submit", "publish"...); none
    means "Save draft".
    """
    response = client.get(edit_url(page))
    assert response.status_code == 200, response.status_code
    data: dict[str, Any] = form_fields(response.content, "page-edit-form")
    for name, value in changes.items():
        assert name in data, f"{name} is not a field of the edit form"
        data[name] = [value]
    if action:
        data[f"action-{action}"] = ["1"]
    return client.post(edit_url(page), data)


def workflow_action(client: Client, page: Any, action: str, **data: str) -> Any:
    """Press "Approve" or "Request changes" as Wagtail's moderation modal does."""
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert task_state is not None, "the page is not in moderation"
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data)
