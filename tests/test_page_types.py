"""Page-type rules: where each page can be created, and that each is routable."""

from __future__ import annotations

import pytest
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from localoffer.models import HomePage
from schools.factories import SchoolPageFactory, school_index, site_home
from schools.models import SchoolIndexPage, SchoolPage


class PageTypeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root(self) -> None:
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(SchoolIndexPage, HomePage)

    def test_schools_index_sits_under_the_home_page_only(self) -> None:
        self.assertCanCreateAt(HomePage, SchoolIndexPage)
        self.assertCanNotCreateAt(Page, SchoolIndexPage)
        self.assertCanNotCreateAt(SchoolPage, SchoolIndexPage)

    def test_school_pages_sit_under_a_schools_index_only(self) -> None:
        self.assertCanCreateAt(SchoolIndexPage, SchoolPage)
        self.assertCanNotCreateAt(HomePage, SchoolPage)
        self.assertCanNotCreateAt(SchoolPage, SchoolPage)

    def test_only_one_home_page(self) -> None:
        # The migration creates it; the admin must not offer a second.
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_every_page_type_is_routable(self) -> None:
        index = school_index()
        school = SchoolPageFactory(parent=index)
        for page in (site_home(), index, school):
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)


@pytest.mark.django_db
def test_the_migration_gives_a_live_home_page_at_the_site_root(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "SEND" in response.content.decode()
