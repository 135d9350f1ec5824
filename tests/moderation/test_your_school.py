"""A school editor's admin home page, "Your school", and what they are (not) offered."""

from __future__ import annotations

from bs4 import BeautifulSoup
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from council.models import CouncilSettings
from schools.models import SchoolPage

from .admin_forms import edit_url, form_fields, post_edit, workflow_action
from .conftest import logged_in

HOME = reverse("wagtailadmin_home")


def your_school(client: Client) -> BeautifulSoup:
    response = client.get(HOME)
    assert response.status_code == 200
    panel = BeautifulSoup(response.content, "html.parser").find(id="your-school-section")
    assert panel is not None, "no 'Your school' panel"
    return panel


def text_of(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


def buttons(panel: BeautifulSoup) -> dict[str, str]:
    return {a.get_text(strip=True): a["href"] for a in panel.select(".lo-actions a")}


def test_the_dashboard_is_titled_with_the_councils_local_offer(
    school_a: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    settings = CouncilSettings.load()
    settings.council_name = "North Yorkshire Council"
    settings.save()
    soup = BeautifulSoup(logged_in(editor_a).get(HOME).content, "html.parser")
    assert soup.h1.get_text(strip=True) == "North Yorkshire Council Local Offer"


def test_an_editor_sees_their_school_with_working_buttons(
    school_a: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    client = logged_in(editor_a)
    panel = your_school(client)
    text = text_of(panel)

    assert "Ampleforth Primary School" in text
    assert "Published: parents see your latest version" in text
    assert "19 still missing" in text  # the SENCO's details are the only item answered
    assert "How the school finds out if your child needs extra help" in text
    links = buttons(panel)
    assert links["Edit the report"] == edit_url(school_a)
    assert links["View the public page"] == school_a.url
    assert links["Import from a document"] == reverse(
        "extraction_import_document", args=[school_a.pk]
    )
    assert links["Feedback from families"] == reverse("feedback_school", args=[school_a.pk])
    for url in links.values():
        assert client.get(url).status_code == 200, url
    # No "1 Page" link to an empty listing, no "0 Documents created in localhost".
    summary = BeautifulSoup(client.get(HOME).content, "html.parser").select(".w-summary")
    assert summary == []


def test_the_status_follows_the_report_through_moderation(
    school_a: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> None:
    editor = logged_in(editor_a)

    saved = post_edit(editor, school_a, complaints=rich_text("<p>Talk to the SENCO.</p>"))
    assert saved.headers["Location"] == HOME  # back to "Your school" after saving
    text = text_of(your_school(editor))
    assert "Draft: you have changes that are not submitted yet" in text
    assert "18 still missing" in text  # counted on the draft

    submitted = post_edit(editor, school_a, "submit")
    assert submitted.headers["Location"] == HOME  # ...and after submitting
    assert "With the council for review" in text_of(your_school(editor))

    workflow_action(logged_in(moderator), school_a, "reject", comment="Add the complaints policy.")
    panel = your_school(editor)
    text = text_of(panel)
    assert "Changes requested by the council" in text
    assert "Morgan asked for changes" in text
    assert "Add the complaints policy." in panel.select_one(".lo-moderator-comment").get_text()


def test_a_council_moderator_has_no_your_school_panel_and_stays_on_the_edit_screen(
    school_a: SchoolPage, moderator: AbstractBaseUser
) -> None:
    client = logged_in(moderator)
    soup = BeautifulSoup(client.get(HOME).content, "html.parser")
    assert soup.find(id="your-school-section") is None
    response = post_edit(client, school_a, town="Malton")
    assert response.headers["Location"] == edit_url(school_a)


def test_an_editor_is_not_offered_copy_or_the_promote_settings(
    school_a: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    client = logged_in(editor_a)
    page = client.get(edit_url(school_a))
    html = page.content.decode()
    copy_url = reverse("wagtailadmin_pages:copy", args=[school_a.pk])

    assert copy_url not in html
    assert client.get(copy_url).status_code in (302, 403)
    fields = form_fields(page.content, "page-edit-form")
    assert "slug" not in fields and "show_in_menus" not in fields
    assert 'href="#tab-promote"' not in html

    # A hand-made request to change the address is ignored.
    data = {**fields, "slug": ["somewhere-else"]}
    client.post(edit_url(school_a), data)
    school_a.refresh_from_db()
    assert school_a.get_latest_revision_as_object().slug == "ampleforth"


def test_a_moderator_keeps_the_promote_settings(
    school_a: SchoolPage, moderator: AbstractBaseUser
) -> None:
    page = logged_in(moderator).get(edit_url(school_a))
    assert "slug" in form_fields(page.content, "page-edit-form")


def test_the_full_question_is_the_heading_and_is_not_cut_off(
    school_a: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    page = logged_in(editor_a).get(edit_url(school_a))
    soup = BeautifulSoup(page.content, "html.parser")
    headings = [" ".join(h.get_text(" ").split()) for h in soup.select(".w-panel__heading")]
    question = (
        "How are pupils with SEN enabled to take part in the activities of the school, "
        "including physical activities and trips, alongside other pupils?"
    )
    assert question in headings
    # Wagtail's stylesheet truncates panel headings; ours, linked on every admin page, wraps them.
    stylesheet = soup.find("link", href=lambda href: href and "moderation/admin.css" in href)
    assert stylesheet is not None
    assert finders.find("moderation/admin.css") is not None
