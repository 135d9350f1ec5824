"""Editors' changes reach the index after the database commit, and only then.

``django_capture_on_commit_callbacks(execute=True)`` runs what Django runs when the
transaction commits (tests run inside one that is never committed).
"""

from __future__ import annotations

from contextlib import suppress

import pytest
from django.db import transaction
from django.test import Client
from wagtail.models import PageViewRestriction

from schools.factories import SchoolIndexPageFactory, site_home
from schools.models import AccessibilityFeature, SchoolPage, SpecialistProvision

from ..conftest import ask_api, create_school, spec
from ..es_support import indexed_ids, refresh

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Wrap changes in this to run the on-commit index updates, then refresh."""

    class Committed:
        def __enter__(self):
            self._capture = django_capture_on_commit_callbacks(execute=True)
            return self._capture.__enter__()

        def __exit__(self, *exc):
            self._capture.__exit__(*exc)
            refresh()

    return Committed


def _draft_school(index, title: str) -> SchoolPage:
    page = SchoolPage(title=title, urn="700001", phase="primary", town="Malton", live=False)
    index.add_child(instance=page)
    page.save_revision()
    return page


def test_publishing_indexes_the_school_after_the_commit(schools_index, es_directory, committed):
    with committed() as callbacks:
        page = _draft_school(schools_index, "Rowan Primary School")
        page.get_latest_revision().publish()
        assert page.pk not in indexed_ids()  # not before the commit

    assert callbacks
    assert page.pk in indexed_ids()
    assert ask_api_names({"q": "rowan"}) == ["Rowan Primary School"]


def test_a_draft_never_reaches_the_index(schools_index, es_directory, committed):
    with committed():
        page = _draft_school(schools_index, "Rowan Primary School")
    assert page.pk not in indexed_ids()

    with committed():
        page.get_latest_revision().publish()
        page.refresh_from_db()
        page.title = "Secret New Name"
        page.identification = "<p>zebracrossing</p>"
        page.save_revision()

    assert ask_api_names({"q": "zebracrossing"}) == []
    assert ask_api_names({"q": "secret"}) == []
    assert ask_api_names({"q": "rowan"}) == ["Rowan Primary School"]


def test_unpublishing_and_deleting_remove_the_school(schools_index, es_directory, committed):
    with committed():
        staying = create_school(schools_index, spec("Staying School"))
        leaving = create_school(schools_index, spec("Leaving School"))
        doomed = create_school(schools_index, spec("Doomed School"))
    assert {staying.pk, leaving.pk, doomed.pk} <= indexed_ids()

    with committed():
        leaving.unpublish()
        SchoolPage.objects.get(pk=doomed.pk).delete()

    assert indexed_ids() == {staying.pk}


def test_moving_a_school_updates_its_address_and_visibility(schools_index, es_directory, committed):
    with committed():
        page = create_school(schools_index, spec("Moving School"))
        other = SchoolIndexPageFactory(parent=site_home(), title="Other", slug="other")
        private = SchoolIndexPageFactory(parent=site_home(), title="Private", slug="private")
        PageViewRestriction.objects.create(page=private, restriction_type="login")

    with committed():
        page.move(other, pos="last-child")
    assert ask({"q": "moving"}).body["results"][0]["url"].endswith("/other/moving-school/")

    with committed():
        SchoolPage.objects.get(pk=page.pk).move(private, pos="last-child")
    assert page.pk not in indexed_ids()


def test_a_view_restriction_above_schools_hides_them_until_removed(
    schools_index, es_directory, committed
):
    with committed():
        page = create_school(schools_index, spec("Hidden School"))
    with committed():
        restriction = PageViewRestriction.objects.create(
            page=schools_index, restriction_type="login"
        )
    assert page.pk not in indexed_ids()

    with committed():
        restriction.delete()
    assert page.pk in indexed_ids()


def test_provision_and_renamed_terms_reach_the_index(schools_index, es_directory, committed):
    with committed():
        page = create_school(schools_index, spec("Holly School", accessibility={"lift"}))
    with committed():
        SpecialistProvision.objects.create(page=page, kind="sen-unit")
        lift = AccessibilityFeature.objects.get(slug="lift")
        lift.slug = "passenger-lift"
        lift.save()

    facets = ask({}).facets
    assert facets["provision"]["sen-unit"] == 1
    assert facets["accessibility"]["passenger-lift"] == 1
    assert facets["accessibility"].get("lift", 0) == 0


def test_a_rolled_back_change_does_not_reach_the_index(schools_index, es_directory, committed):
    class Abandon(Exception):
        pass

    with committed():
        page = _draft_school(schools_index, "Rowan Primary School")
        with suppress(Abandon), transaction.atomic():
            page.get_latest_revision().publish()
            raise Abandon

    assert page.pk not in indexed_ids()


def ask(params):
    """The directory API, answered by Elasticsearch (not the database fallback)."""
    answer = ask_api(Client(), params)
    assert answer.body["degraded"] is False
    return answer


def ask_api_names(params) -> list[str]:
    return ask(params).names
