"""Importing a report document through the real admin page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import GroupPagePermission

from schools.models import NeedArea, SchoolPage
from schools.selectors import missing_headings

from .conftest import report_docx, report_pdf, report_text, scanned_pdf

OWN_COMPLAINTS = "<p>Talk to Mrs Wells first; our governors hear formal complaints.</p>"


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def published_school(school: SchoolPage) -> SchoolPage:
    """A live school page that already answers "complaints" and ticks one need."""
    school.complaints = OWN_COMPLAINTS
    school.senco_name = ""
    school.senco_email = ""
    school.save()
    school.needs.add(NeedArea.objects.get(code="HI"))
    school.save_revision().publish()
    return SchoolPage.objects.get(pk=school.pk)


def upload(client, page: SchoolPage, name: str, data: bytes):
    return client.post(
        reverse("extraction_import_document", args=[page.pk]),
        {"document": SimpleUploadedFile(name, data)},
    )


def test_upload_creates_a_draft_and_shows_the_summary(editor_client, published_school):
    revisions_before = published_school.revisions.count()
    live_revision = published_school.live_revision_id

    response = upload(editor_client, published_school, "report.docx", report_docx())

    assert response.status_code == 200
    page = SchoolPage.objects.get(pk=published_school.pk)
    assert page.revisions.count() == revisions_before + 1
    assert page.has_unpublished_changes
    assert page.live_revision_id == live_revision
    draft = page.get_latest_revision_as_object()
    assert "less than expected progress" in draft.identification
    assert "transition visits" in draft.transitions
    assert draft.senco_name == "Mr David Okafor"
    assert draft.senco_email == "senco@example.sch.uk"
    assert {f.slug for f in draft.accessibility_features.all()} >= {
        "hearing-loop",
        "ramps-handrails",
    }
    # Facets are only added to.
    assert "HI" in {need.code for need in draft.needs.all()}
    content = response.content.decode()
    assert "Imported into a draft" in content
    assert "not published" in content
    assert "How the school finds out if your child needs extra help" in content


def test_upload_never_overwrites_an_existing_answer(editor_client, published_school):
    response = upload(editor_client, published_school, "report.txt", report_text().encode())

    draft = SchoolPage.objects.get(pk=published_school.pk).get_latest_revision_as_object()
    assert draft.complaints == OWN_COMPLAINTS
    content = response.content.decode()
    assert "1 item already had your answer, which was kept." in content


def test_nothing_is_published(editor_client, published_school):
    upload(editor_client, published_school, "report.pdf", report_pdf())

    live = SchoolPage.objects.get(pk=published_school.pk)
    assert live.identification == ""
    assert live.transitions == ""
    assert live.senco_name == ""
    assert set(live.needs.values_list("code", flat=True)) == {"HI"}
    assert editor_client.get(live.url).content.decode().count("transition visits") == 0


def test_summary_lists_what_was_filled_what_could_not_be_placed_and_what_is_missing(
    editor_client, published_school
):
    response = upload(editor_client, published_school, "r.txt", report_text().encode())
    soup = BeautifulSoup(response.content, "html.parser")
    headings = [h2.get_text(" ", strip=True) for h2 in soup.select(".nice-padding h2")]
    assert [heading.split(" (")[0] for heading in headings] == [
        "Filled from your document",
        "Could not place",
        "Still missing on the page",
    ]
    assert "village school" in soup.get_text()  # a passage it could not place

    draft = SchoolPage.objects.get(pk=published_school.pk).get_latest_revision_as_object()
    missing = soup.find("h2", string=lambda text: text and "Still missing" in text)
    listed = [li.get_text(strip=True) for li in missing.find_next("ul").select("li")]
    assert listed == missing_headings(draft)
    assert "Staff skills and training" in listed  # the report says nothing about training
    # Answered on the page already, so not listed, though the document does not answer it.
    assert "If you are unhappy or want to complain" not in listed


def test_an_import_that_fills_nothing_saves_nothing(editor_client, published_school):
    upload(editor_client, published_school, "report.txt", report_text().encode())
    revisions = published_school.revisions.count()

    # The same document again: every item it answers is answered now.
    response = upload(editor_client, published_school, "report.txt", report_text().encode())

    assert published_school.revisions.count() == revisions
    content = response.content.decode()
    assert "Nothing imported" in content
    assert "so no draft was saved" in content
    assert "Your page is exactly as it was." in content


def test_unreadable_upload_shows_the_message_and_saves_nothing(editor_client, published_school):
    revisions_before = published_school.revisions.count()

    response = upload(editor_client, published_school, "scan.pdf", scanned_pdf())

    assert response.status_code == 200
    assert "looks like a scan" in response.content.decode()
    assert published_school.revisions.count() == revisions_before


def test_file_over_the_cap_is_refused_with_a_clear_message(
    editor_client, published_school, settings
):
    settings.EXTRACTION_MAX_FILE_SIZE = 200
    revisions_before = published_school.revisions.count()

    response = upload(editor_client, published_school, "report.txt", report_text().encode())

    assert "too large" in response.content.decode()
    assert published_school.revisions.count() == revisions_before


def test_the_form_and_the_button_are_on_the_school_page(editor_client, published_school):
    form = editor_client.get(reverse("extraction_import_document", args=[published_school.pk]))
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[published_school.pk]))

    assert form.status_code == 200
    assert 'type="file"' in form.content.decode()
    assert (
        reverse("extraction_import_document", args=[published_school.pk]) in edit.content.decode()
    )


def test_editor_without_edit_permission_is_refused(client, published_school):
    user = get_user_model().objects.create_user("viewer", "viewer@example.org", "pw")
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(*_admin_access())
    user.groups.add(group)
    client.force_login(user)

    response = upload(client, published_school, "report.txt", report_text().encode())

    assert response.status_code in (302, 403)
    assert (
        published_school.revisions.count()
        == SchoolPage.objects.get(pk=published_school.pk).revisions.count()
    )
    assert not GroupPagePermission.objects.filter(group=group).exists()


def test_import_query_count_is_bounded(
    editor_client, published_school, django_assert_max_num_queries
):
    # Vocabularies and questions are read once each, not once per passage or term; most
    # of the rest is Wagtail's revision saving, logging and the admin page itself, and the
    # check that the page is not locked or under review (moderation.services.locks).
    with django_assert_max_num_queries(74):
        upload(editor_client, published_school, "report.txt", report_text().encode())


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )


def _unlabelled_header_links(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        str(link)
        for link in soup.select("header.w-header a")
        if not link.get_text(strip=True) and not link.get("aria-label")
    ]


def test_the_import_pages_have_no_unlabelled_button_in_their_header(
    editor_client, published_school
):
    # Wagtail's header drew a green "+" that said nothing to a screen reader and led
    # back to the empty form.
    form = editor_client.get(reverse("extraction_import_document", args=[published_school.pk]))
    summary = upload(editor_client, published_school, "r.txt", report_text().encode())

    assert "Your current SEN information report" in form.content.decode()
    assert "Could not place" in summary.content.decode()
    assert _unlabelled_header_links(form) == []
    assert _unlabelled_header_links(summary) == []


def test_the_passages_it_could_not_place_are_numbered_one_by_one(editor_client, published_school):
    # Two paragraphs about the school that answer no statutory question.
    text = report_text().replace(
        "vegetable garden.", "vegetable garden.\n\nOur choir sings at the summer fair every July."
    )
    response = upload(editor_client, published_school, "r.txt", text.encode())
    soup = BeautifulSoup(response.content, "html.parser")

    heading = soup.find("h2", string=lambda text: text and text.startswith("Could not place"))
    count = int(heading.get_text().split("(")[1].rstrip(")"))
    passages = heading.find_next("details")
    # The button says how many there are, and each passage is an item of its own.
    assert passages.summary.get_text(strip=True) == f"Show the {count} passages"
    # Its arrow and link look come from the page's own stylesheet (Wagtail hides them).
    assert passages.find_parent(class_="import-summary") is not None
    assert soup.select_one('link[href$="extraction/import.css"]') is not None
    items = passages.select("ol > li")
    assert len(items) == count > 1
    assert any("village school" in item.get_text() for item in items)
    assert any("choir" in item.get_text() for item in items)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "last-year.doc"),
        # A .doc renamed to .docx, as people do to get past an upload form.
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "last-year.docx"),
        (b"{\\rtf1\\ansi Our SENCO is Mrs Wells.}", "last-year.rtf"),
    ],
)
def test_a_word_processor_file_we_cannot_read_says_how_to_save_it_as_docx(
    editor_client, published_school, data, name
):
    revisions_before = published_school.revisions.count()

    response = upload(editor_client, published_school, name, data)

    soup = BeautifulSoup(response.content, "html.parser")
    message = soup.select_one(".error-message, .w-field__errors").get_text(" ", strip=True)
    assert "which we cannot read" in message or "it is not a Word (.docx)" in message
    assert "\u201cSave as\u201d" in message
    assert "\u201cWord Document (.docx)\u201d" in message
    assert published_school.revisions.count() == revisions_before
