"""Fixtures for the sign-in tests: council staff and an editor, each with a known password,
and a fresh cache (allauth keeps its rate limits and used one-time codes there)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache

from moderation.selectors import editor_group
from moderation.services import ensure_council_setup
from schools.models import SchoolPage

PASSWORD = "the moderator's real passphrase"


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def moderator(db: None) -> AbstractBaseUser:
    user = get_user_model().objects.create_user("moderator", "m@example.org", PASSWORD)
    user.groups.add(ensure_council_setup().moderators)
    return user


@pytest.fixture
def administrator(db: None) -> AbstractBaseUser:
    return get_user_model().objects.create_superuser("admin", "a@example.org", PASSWORD)


@pytest.fixture
def editor(school: SchoolPage) -> AbstractBaseUser:
    ensure_council_setup()
    user = get_user_model().objects.create_user("editor", "e@example.org", PASSWORD)
    user.groups.add(editor_group(school))
    return user
