"""Fixtures for the feedback tests: a clean rate-limit count, schools and the people who
handle feedback (a council moderator, a school's editor)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.cache import cache

from moderation.selectors import editor_group
from moderation.services import COUNCIL_MODERATORS
from schools.factories import SchoolPageFactory
from schools.models import SchoolIndexPage, SchoolPage
from tests.moderation.conftest import make_user


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> Iterator[None]:
    """Rate limits count in the cache, which outlives a test; start each test at zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def other_school(schools_index: SchoolIndexPage) -> SchoolPage:
    return SchoolPageFactory(parent=schools_index, title="Brompton Academy", urn="100002")


@pytest.fixture
def moderator(db: None) -> AbstractBaseUser:
    return make_user("moderator", Group.objects.get(name=COUNCIL_MODERATORS))


@pytest.fixture
def editor(school: SchoolPage) -> AbstractBaseUser:
    """An editor of ``school`` (and of no other school)."""
    return make_user("editor", editor_group(school))
