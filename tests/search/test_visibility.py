"""Only live, public school pages appear, and changes show at once."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from schools.factories import SchoolIndexPageFactory, site_home
from schools.models import SchoolPage

from .conftest import ask_api, ask_page, create_school, spec

pytestmark = pytest.mark.django_db


def _everywhere(client, directory, params=""):
    """The names the page and the API show; they must agree."""
    page = ask_page(client, directory, params)
    api = ask_api(client, params)
    assert sorted(page.names) == sorted(api.names)
    assert page.facets == api.facets
    return sorted(api.names)


def test_drafts_never_appear_and_are_not_counted(schools_index, directory, client):
    create_school(schools_index, spec("Live School", need={"ASD"}))
    draft = SchoolPage(title="Draft School", urn="123456", phase="primary", live=False)
    schools_index.add_child(instance=draft)
    draft.needs.set([])
    draft.save_revision()

    assert _everywhere(client, directory) == ["Live School"]
    assert ask_api(client, {"q": "draft"}).count == 0
    assert ask_api(client).facets["phase"]["primary"] == 1


def test_unpublished_changes_to_a_live_page_stay_out(schools_index, directory, client):
    page = create_school(schools_index, spec("Willow Primary School"))
    page.title = "Secret Renamed School"
    page.identification = "<p>zebracrossing</p>"
    page.save_revision()

    assert _everywhere(client, directory) == ["Willow Primary School"]
    assert ask_api(client, {"q": "zebracrossing"}).count == 0
    assert ask_api(client, {"q": "secret"}).count == 0


def test_publishing_and_unpublishing_show_at_once(schools_index, directory, client):
    page = create_school(schools_index, spec("Rowan Primary School", need={"ASD"}))
    page.unpublish()
    assert _everywhere(client, directory) == []
    assert ask_api(client, {"q": "rowan"}).count == 0

    page.refresh_from_db()
    page.identification = "<p>We have a sensory garden.</p>"
    page.save_revision().publish()

    assert _everywhere(client, directory) == ["Rowan Primary School"]
    assert ask_api(client, {"q": "sensory garden"}).names == ["Rowan Primary School"]


def test_private_schools_never_appear(schools_index, directory, client):
    create_school(schools_index, spec("Open School"))
    hidden = create_school(schools_index, spec("Hidden School", need={"ASD"}))
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    assert _everywhere(client, directory) == ["Open School"]
    assert ask_api(client, {"q": "hidden"}).count == 0
    assert ask_api(client).facets["need"]["ASD"] == 0


def test_a_private_schools_index_hides_its_schools_and_its_directory(
    schools_index, directory, client
):
    create_school(schools_index, spec("Open School"))
    PageViewRestriction.objects.create(
        page=schools_index, restriction_type=PageViewRestriction.LOGIN
    )

    assert ask_api(client).count == 0
    response = client.get(directory.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_moving_a_school_moves_it_between_directories(schools_index, directory, client):
    page = create_school(schools_index, spec("Moving School"))
    create_school(schools_index, spec("Staying School"))
    other_index = SchoolIndexPageFactory(parent=site_home(), title="Other", slug="other")

    page.move(other_index, pos="last-child")

    assert ask_page(client, directory).names == ["Staying School"]
    # The API covers the whole site, so it still lists both.
    assert sorted(ask_api(client).names) == ["Moving School", "Staying School"]


def test_moving_a_school_under_a_private_page_hides_it(schools_index, directory, client):
    page = create_school(schools_index, spec("Moving School"))
    private = SchoolIndexPageFactory(parent=site_home(), title="Private", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    page.move(private, pos="last-child")

    assert _everywhere(client, directory) == []


def test_deleting_a_school_removes_it(schools_index, directory, client):
    page = create_school(schools_index, spec("Doomed School", need={"ASD"}))
    create_school(schools_index, spec("Lasting School"))

    page.delete()

    assert _everywhere(client, directory) == ["Lasting School"]
    assert ask_api(client, {"q": "doomed"}).count == 0
