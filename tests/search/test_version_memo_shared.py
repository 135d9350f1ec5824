"""What a page request looked up and kept in memory (``localoffer.version_memo``) is
dropped when another process changes the data: gunicorn's workers each keep their own,
and editors publish through another worker or an import from the command line."""

from __future__ import annotations

import pytest
from django.test import Client

from search.models import DirectoryPage

from .test_page_cache_shared import _in_another_process

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _text(response) -> str:
    return response.content.decode()


def test_a_title_published_in_another_process_shows_at_once(directory: DirectoryPage):
    Client().get(directory.url)  # the first visit creates the council's settings
    assert "Find a school" in _text(Client().get(directory.url))

    _in_another_process(
        "from search.models import DirectoryPage\n"
        f"page = DirectoryPage.objects.get(pk={directory.pk})\n"
        "page.title = 'Search our schools'\n"
        "page.save_revision().publish()\n"
    )

    assert "Search our schools" in _text(Client().get(directory.url))


def test_a_restriction_added_in_another_process_shows_at_once(
    directory: DirectoryPage, schools_index
):
    Client().get(directory.url)
    assert Client().get(directory.url).status_code == 200

    _in_another_process(
        "from wagtail.models import Page, PageViewRestriction\n"
        f"page = Page.objects.get(pk={schools_index.pk})\n"
        "PageViewRestriction.objects.create(page=page, restriction_type='login')\n"
    )

    assert Client().get(directory.url).status_code == 302
