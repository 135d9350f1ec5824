"""The GIAS import, as a council officer runs it: `manage.py import_gias FILE.csv`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import PageLogEntry

from council.models import CouncilSettings
from schools.factories import SchoolPageFactory
from schools.importing.gias import LOG_CLOSED, LOG_UPDATED, PUBLISHED_HEADER
from schools.models import (
    NeedArea,
    ProvisionKind,
    SchoolIndexPage,
    SchoolPage,
    SpecialistProvision,
)

from .gias_csv import gias_csv

FIXTURE = Path(__file__).parent / "fixtures" / "gias_example.csv"
OPEN_IN_815 = {"990001", "990002", "990003", "990004", "990006"}


def run(path: Path | str, *args: str) -> str:
    out = io.StringIO()
    call_command("import_gias", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def run_failing(path: Path | str, *args: str) -> tuple[str, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_gias", str(path), *args, stdout=io.StringIO(), stderr=err)
    return str(raised.value), err.getvalue()


def write(tmp_path: Path, rows: list[dict[str, str]], **options: object) -> Path:
    path = tmp_path / "edubasealldata20260115.csv"
    path.write_bytes(gias_csv(rows, **options))  # type: ignore[arg-type]
    return path


def publish_page(page: SchoolPage) -> SchoolPage:
    page.save_revision().publish()
    return SchoolPage.objects.get(pk=page.pk)


def school(urn: str) -> SchoolPage:
    return SchoolPage.objects.get(urn=urn)


def provisions(page: SchoolPage) -> set[tuple[str, int | None, int | None, frozenset[str]]]:
    return {
        (p.kind, p.places, p.on_roll, frozenset(n.code for n in p.needs.all()))
        for p in page.specialist_provisions.all()
    }


def test_the_fixture_is_the_published_layout_and_not_utf8() -> None:
    data = FIXTURE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    header = data.decode("cp1252").splitlines()[0]
    assert header == ",".join(f'"{name}"' for name in PUBLISHED_HEADER)


def test_creates_a_published_page_for_each_open_school_of_the_council(
    schools_index: SchoolIndexPage,
) -> None:
    output = run(FIXTURE, "--la", "815")

    assert "5 created, 0 updated, 0 unchanged" in output
    assert set(SchoolPage.objects.values_list("urn", flat=True)) == OPEN_IN_815
    assert all(page.live for page in SchoolPage.objects.all())
    assert all(page.get_parent().pk == schools_index.pk for page in SchoolPage.objects.all())


def test_reads_the_facts_as_gias_gives_them(schools_index: SchoolIndexPage) -> None:
    run(FIXTURE, "--la", "815")

    west = school("990001")
    assert west.title == "West Example Primary School"
    assert (west.phase, west.establishment_type) == ("primary", "community")
    assert (west.age_low, west.age_high) == (4, 11)
    assert west.address == "School Lane\nWest Example"
    assert (west.town, west.postcode) == ("Malton", "YO17 8ZZ")
    assert west.website == "http://www.westexample.n-yorks.sch.uk"
    assert west.phone == "01944728000"
    assert west.head_teacher == "Mrs Rachel Example"
    # Easting 490600, northing 477800 is just east of Malton, North Yorkshire.
    assert west.latitude == pytest.approx(54.188, abs=0.001)
    assert west.longitude == pytest.approx(-0.613, abs=0.001)


def test_names_written_in_windows_1252_are_read_correctly(schools_index: SchoolIndexPage) -> None:
    run(FIXTURE, "--la", "815")

    assert school("990002").title == "St Mary\u2019s Catholic Primary School"
    assert school("990002").head_teacher == "Mr Peter O\u2019Neill"
    assert school("990003").title == "Ryedale Bront\u00eb Academy"


def test_phase_comes_from_the_type_and_ages_where_gias_is_vague(
    schools_index: SchoolIndexPage,
) -> None:
    run(FIXTURE, "--la", "815")

    assert school("990004").phase == "special"  # GIAS: "Not applicable"
    assert school("990006").phase == "junior"  # GIAS: "Primary", ages 7 to 11
    assert school("990006").postcode == "YO8 9ZZ"
    assert school("990006").head_teacher == "Sam Green"  # title "Not applicable" left out


def test_specialist_provision_places_on_roll_and_needs(schools_index: SchoolIndexPage) -> None:
    run(FIXTURE, "--la", "815")

    assert provisions(school("990002")) == {
        ("resourced-provision", 12, 10, frozenset({"ASD", "SLCN"}))
    }
    assert provisions(school("990003")) == {
        ("resourced-provision", 8, 6, frozenset({"HI", "VI"})),
        ("sen-unit", 10, 9, frozenset({"HI", "VI"})),
    }
    # A special school has no resourced provision; its needs start its facets.
    assert provisions(school("990004")) == set()
    assert set(school("990004").needs.values_list("code", flat=True)) == {"SLD", "PMLD", "ASD"}


def test_a_new_school_has_an_empty_report(schools_index: SchoolIndexPage) -> None:
    run(FIXTURE, "--la", "815")

    page = school("990001")
    assert page.senco_name == ""
    assert not page.compliance.is_compliant
    assert "identification" in page.compliance.missing_keys


def test_running_twice_changes_nothing(schools_index: SchoolIndexPage) -> None:
    run(FIXTURE, "--la", "815")
    revisions = {page.urn: page.revisions.count() for page in SchoolPage.objects.all()}

    output = run(FIXTURE, "--la", "815")

    assert "0 created, 0 updated, 5 unchanged, 0 unpublished" in output
    assert {page.urn: page.revisions.count() for page in SchoolPage.objects.all()} == revisions


def test_updates_facts_and_keeps_what_the_school_wrote(schools_index: SchoolIndexPage) -> None:
    autism = NeedArea.objects.get(code="ASD")
    page = SchoolPageFactory(
        parent=schools_index,
        urn="990001",
        title="West Example CP School",
        phone="01944 111111",
        senco_name="Mrs K Senco",
        senco_email="senco@example.org",
        identification="<p>We watch closely and talk to parents.</p>",
        needs=[autism],
    )
    own = SpecialistProvision(
        kind=ProvisionKind.ENHANCED_MAINSTREAM, places=4, description="Our own words."
    )
    page.specialist_provisions = [own]
    page.save_revision().publish()

    output = run(FIXTURE, "--la", "815")

    assert "4 created, 1 updated, 0 unchanged" in output
    page = school("990001")
    assert page.title == "West Example Primary School"
    assert page.phone == "01944728000"
    assert page.identification == "<p>We watch closely and talk to parents.</p>"
    assert (page.senco_name, page.senco_email) == ("Mrs K Senco", "senco@example.org")
    assert list(page.needs.values_list("code", flat=True)) == ["ASD"]
    assert [(p.kind, p.description) for p in page.specialist_provisions.all()] == [
        ("enhanced-mainstream", "Our own words.")
    ]
    note = PageLogEntry.objects.get(page=page, action=LOG_UPDATED)
    assert "name" in note.comment
    assert "phone" in note.comment


def test_an_empty_gias_cell_does_not_clear_the_page(
    schools_index: SchoolIndexPage, tmp_path: Path
) -> None:
    SchoolPageFactory(
        parent=schools_index,
        urn="990011",
        title="Beck Primary School",
        website="https://beck.example.org/",
    )
    path = write(tmp_path, [{"URN": "990011", "EstablishmentName": "Beck Primary School"}])

    run(path, "--la", "815")

    assert school("990011").website == "https://beck.example.org/"


def test_provision_follows_gias_but_the_schools_own_rows_stay(
    schools_index: SchoolIndexPage, tmp_path: Path
) -> None:
    row = {
        "URN": "990012",
        "EstablishmentName": "Fell Primary School",
        "SEN1 (name)": "SpLD - Specific Learning Difficulty",
        "TypeOfResourcedProvision (name)": "Resourced provision",
        "ResourcedProvisionCapacity": "6",
        "ResourcedProvisionOnRoll": "5",
    }
    run(write(tmp_path, [row]), "--la", "815")
    page = school("990012")
    gias_row = page.specialist_provisions.get()
    gias_row.description = "Written by the school."
    page.specialist_provisions = [
        gias_row,
        SpecialistProvision(kind=ProvisionKind.ENHANCED_MAINSTREAM, description="Ours."),
    ]
    page.save_revision().publish()

    run(write(tmp_path, [{**row, "ResourcedProvisionCapacity": "8"}]), "--la", "815")
    page = school("990012")
    assert {(p.kind, p.places, p.description) for p in page.specialist_provisions.all()} == {
        ("resourced-provision", 8, "Written by the school."),
        ("enhanced-mainstream", None, "Ours."),
    }

    run(
        write(tmp_path, [{**row, "TypeOfResourcedProvision (name)": "Not applicable"}]),
        "--la",
        "815",
    )
    page = school("990012")
    assert [p.kind for p in page.specialist_provisions.all()] == ["enhanced-mainstream"]


def test_a_closed_school_is_unpublished_with_a_note_in_its_history(
    schools_index: SchoolIndexPage,
) -> None:
    SchoolPageFactory(parent=schools_index, urn="990005", title="Old Mill Infant School")

    output = run(FIXTURE, "--la", "815")

    assert "1 unpublished" in output
    page = school("990005")
    assert not page.live
    note = PageLogEntry.objects.get(page=page, action=LOG_CLOSED)
    assert "31 August 2025" in note.comment
    assert "Merged" in note.comment
    assert "0 unpublished" in run(FIXTURE, "--la", "815")


def test_the_note_shows_in_the_page_history_in_the_admin(
    schools_index: SchoolIndexPage, admin_client: Client
) -> None:
    page = SchoolPageFactory(parent=schools_index, urn="990005", title="Old Mill Infant School")
    run(FIXTURE, "--la", "815")

    response = admin_client.get(f"/admin/pages/{page.pk}/history/")

    assert response.status_code == 200
    assert "Unpublished: closed in Get Information about Schools" in response.text
    assert "Closed in Get Information about Schools on 31 August 2025" in response.text


def test_a_page_the_council_took_down_is_not_published_again(
    schools_index: SchoolIndexPage,
) -> None:
    page = SchoolPageFactory(parent=schools_index, urn="990001", title="Old name")
    page.unpublish()

    run(FIXTURE, "--la", "815")

    page = school("990001")
    assert not page.live
    assert page.get_latest_revision_as_object().title == "West Example Primary School"


def test_an_editors_unpublished_draft_is_kept(schools_index: SchoolIndexPage) -> None:
    page = SchoolPageFactory(parent=schools_index, urn="990001", title="Old name")
    page.save_revision().publish()
    draft = school("990001")
    draft.identification = "<p>Draft answer, not yet published.</p>"
    draft.save_revision()

    run(FIXTURE, "--la", "815")

    page = school("990001")
    assert page.title == "West Example Primary School"
    assert page.identification == ""
    latest = page.get_latest_revision_as_object()
    assert latest.identification == "<p>Draft answer, not yet published.</p>"
    assert latest.title == "West Example Primary School"
    assert page.has_unpublished_changes


def test_a_live_page_behind_on_gias_is_updated_even_if_the_draft_is_not(
    schools_index: SchoolIndexPage,
) -> None:
    page = publish_page(SchoolPageFactory(parent=schools_index, urn="990001", title="Old name"))
    draft = school("990001")
    draft.title = "West Example Primary School"
    draft.identification = "<p>Draft answer.</p>"
    draft.save_revision()

    run(FIXTURE, "--la", "815")

    page = school("990001")
    assert page.title == "West Example Primary School"
    assert page.get_latest_revision_as_object().identification == "<p>Draft answer.</p>"
    assert "0 created, 0 updated, 5 unchanged" in run(FIXTURE, "--la", "815")


def test_a_bad_file_writes_nothing_and_names_every_problem(
    schools_index: SchoolIndexPage, tmp_path: Path
) -> None:
    rows = [
        {"URN": "990001", "EstablishmentName": "Good Primary School"},
        {"URN": "12345", "EstablishmentName": "Short URN School"},
        {"URN": "990003", "EstablishmentName": "Ages School", "StatutoryHighAge": "eleven"},
        {"URN": "990004", "EstablishmentName": "Need School", "SEN1 (name)": "XYZ - Unheard of"},
        {"URN": "990005", "EstablishmentName": "Grid School", "Easting": "east"},
        {"URN": "990001", "EstablishmentName": "Twice School"},
    ]

    message, errors = run_failing(write(tmp_path, rows), "--la", "815")

    assert "5 problems" in message
    assert "nothing was written" in message
    assert "row 3, column 'URN'" in errors
    assert "row 4, column 'StatutoryHighAge'" in errors
    assert "row 5, column 'SEN1 (name)'" in errors
    assert "row 6, column 'Easting'" in errors
    assert "row 7, column 'URN': URN 990001 is also on row 2" in errors
    assert not SchoolPage.objects.exists()


def test_a_file_without_the_gias_columns_is_refused(
    schools_index: SchoolIndexPage, tmp_path: Path
) -> None:
    header = [name for name in PUBLISHED_HEADER if name not in ("Postcode", "SenUnitCapacity")]
    path = write(tmp_path, [{"URN": "990001"}], header=header)

    message, _ = run_failing(path, "--la", "815")

    assert "'Postcode'" in message
    assert "'SenUnitCapacity'" in message
    assert not SchoolPage.objects.exists()


def test_a_utf8_copy_saved_by_a_spreadsheet_reads_the_same(
    schools_index: SchoolIndexPage, tmp_path: Path
) -> None:
    row = {"URN": "990002", "EstablishmentName": "St Mary\u2019s Catholic Primary School"}
    run(write(tmp_path, [row], encoding="utf-8-sig"), "--la", "815")

    assert school("990002").title == "St Mary\u2019s Catholic Primary School"


def test_a_value_the_page_cannot_hold_is_a_warning_not_a_failure(
    schools_index: SchoolIndexPage, tmp_path: Path
) -> None:
    row = {"URN": "990001", "EstablishmentName": "Beck School", "TelephoneNum": "ring the office"}

    output = run(write(tmp_path, [row]), "--la", "815")

    assert "Warning: row 2, column 'TelephoneNum'" in output
    assert school("990001").phone == ""


def test_dry_run_writes_nothing(schools_index: SchoolIndexPage) -> None:
    output = run(FIXTURE, "--la", "815", "--dry-run")

    assert "5 created" in output
    assert "dry run" in output
    assert not SchoolPage.objects.exists()


def test_uses_the_councils_code_from_the_site_settings(schools_index: SchoolIndexPage) -> None:
    settings = CouncilSettings.load()
    settings.la_code = "926"
    settings.save()

    run(FIXTURE)

    assert list(SchoolPage.objects.values_list("urn", flat=True)) == ["990007"]


def test_asks_for_the_council_when_none_is_set(schools_index: SchoolIndexPage) -> None:
    message, _ = run_failing(FIXTURE)

    assert "--la" in message
    assert not SchoolPage.objects.exists()
