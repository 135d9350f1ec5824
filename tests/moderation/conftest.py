"""Fixtures for moderation tests: two schools, their editors and a council moderator."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.test import Client

from moderation.selectors import editor_group
from moderation.services import COUNCIL_MODERATORS
from schools.factories import SchoolPageFactory
from schools.models import SchoolIndexPage, SchoolPage


def make_user(username: str, *groups: Group, first_name: str = "") -> AbstractBaseUser:
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "password", first_name=first_name
    )
    user.groups.add(*groups)
    return user


def logged_in(user: AbstractBaseUser) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def school_a(schools_index: SchoolIndexPage) -> SchoolPage:
    return SchoolPageFactory(
        parent=schools_index,
        title="Ampleforth Primary School",
        slug="ampleforth",
        urn="100001",
        senco_name="Ms A Senco",
        senco_email="senco@ampleforth.example.org",
    )


@pytest.fixture
def school_b(schools_index: SchoolIndexPage) -> SchoolPage:
    return SchoolPageFactory(
        parent=schools_index, title="Brompton Academy", slug="brompton", urn="100002"
    )


@pytest.fixture
def editor_a(school_a: SchoolPage) -> AbstractBaseUser:
    return make_user("editor-a", editor_group(school_a), first_name="Alex")


@pytest.fixture
def second_editor_a(school_a: SchoolPage) -> AbstractBaseUser:
    return make_user("editor-a2", editor_group(school_a), first_name="Sam")


@pytest.fixture
def editor_b(school_b: SchoolPage) -> AbstractBaseUser:
    return make_user("editor-b", editor_group(school_b))


@pytest.fixture
def moderator(db: None) -> AbstractBaseUser:
    return make_user("moderator", Group.objects.get(name=COUNCIL_MODERATORS), first_name="Morgan")
