"""`manage.py import_postcodes FILE...` as a council officer runs it, on files written
in the exact layouts Ordnance Survey and the ONS publish."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from pyproj import Transformer

from postcodes.models import OutwardCode, Postcode
from schools.factories import SchoolPageFactory
from schools.models import SchoolIndexPage
from search.services import ensure_directory_page

from .postcode_files import (
    RYEDALE,
    SCARBOROUGH,
    YORK,
    Unit,
    write_codepoint,
    write_codepoint_zip,
    write_onspd,
    write_onspd_zip,
)

pytestmark = pytest.mark.django_db

MALTON_A = Unit("YO17 7AA", 478800, 471700)
MALTON_B = Unit("YO17 7AB", 479000, 471900)
NO_COORDINATES = Unit("YO17 7AZ", 0, 0, quality=90)
SCARBOROUGH_TOWN = Unit("YO11 1AA", 504500, 488500, district=SCARBOROUGH)
YORK_CENTRE = Unit("YO1 7HH", 460300, 451900, district=YORK)
# Ordnance Survey's worked example (A guide to coordinate systems in Great Britain):
# E 651409.903, N 313177.270 is 52°39'28.72"N, 1°42'57.79"E in ETRS89 (= WGS84 to a metre);
# its OSGB36 latitude/longitude (52°39'27.25"N, 1°43'4.52"E) is 130 m away.
OS_EXAMPLE = Unit("NR1 1AA", 651410, 313177, district="E07000148")
OS_EXAMPLE_LAT_LONG = (52.657978, 1.716053)

EVERYONE = [MALTON_A, MALTON_B, NO_COORDINATES, SCARBOROUGH_TOWN, YORK_CENTRE]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_postcodes", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def run_failing(*args: str) -> tuple[str, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_postcodes", *map(str, args), stdout=io.StringIO(), stderr=err)
    return str(raised.value), err.getvalue()


def loaded() -> set[str]:
    return set(Postcode.objects.values_list("postcode", flat=True))


def grid_to_lat_long(easting: float, northing: float) -> tuple[float, float]:
    longitude, latitude = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True).transform(
        easting, northing
    )
    return latitude, longitude


@pytest.mark.parametrize("quoted", [True, False], ids=["quoted", "unquoted"])
@pytest.mark.parametrize("squashed", [False, True], ids=["spaced", "seven-characters"])
def test_codepoint_area_files_keep_the_councils_districts(
    tmp_path: Path, quoted: bool, squashed: bool
) -> None:
    yo = write_codepoint(tmp_path / "yo.csv", EVERYONE, quoted=quoted, squashed=squashed)

    output = run(yo, "--district", RYEDALE, "--district", YORK.lower())

    assert loaded() == {"YO17 7AA", "YO17 7AB", "YO1 7HH"}
    assert "Read 5 rows" in output
    assert "1 without coordinates" in output
    assert "1 outside the area" in output
    york = Postcode.objects.get(postcode="YO1 7HH")
    assert (york.outward, york.district) == ("YO1", YORK)
    assert (york.latitude, york.longitude) == pytest.approx(
        grid_to_lat_long(460300, 451900), abs=1e-6
    )


def test_grid_references_are_converted_as_ordnance_survey_does(tmp_path: Path) -> None:
    run(write_codepoint(tmp_path / "nr.csv", [OS_EXAMPLE]), "--all")

    point = Postcode.objects.get(postcode="NR1 1AA")
    # Within about 15 m (Code-Point's grid is whole metres; pyproj's transformation is
    # the Helmert one, not OSTN15's grid): the OSGB36 figure would be 130 m out.
    assert (point.latitude, point.longitude) == pytest.approx(OS_EXAMPLE_LAT_LONG, abs=2e-4)


def test_the_codepoint_zip_as_published_is_read_without_its_documentation(tmp_path: Path) -> None:
    archive = write_codepoint_zip(
        tmp_path / "codepo_gb.zip",
        {"yo": [MALTON_A, MALTON_B, SCARBOROUGH_TOWN, YORK_CENTRE], "nr": [OS_EXAMPLE]},
        squashed=True,
    )

    output = run(archive, "--all")

    assert loaded() == {"YO17 7AA", "YO17 7AB", "YO11 1AA", "YO1 7HH", "NR1 1AA"}
    assert "from 2 file(s)" in output


def test_outward_codes_get_the_centre_of_their_postcodes(tmp_path: Path) -> None:
    run(write_codepoint(tmp_path / "yo.csv", EVERYONE), "--district", RYEDALE)

    centre = OutwardCode.objects.get(code="YO17")
    assert (centre.latitude, centre.longitude) == pytest.approx(
        grid_to_lat_long(478900, 471800), abs=1e-6
    )
    assert (centre.postcodes, centre.in_area) == (2, True)
    # Outward codes outside the area are known, so a parent can be told so.
    assert OutwardCode.objects.get(code="YO11").in_area is False


def test_the_area_can_be_a_distance_around_the_councils_schools(
    tmp_path: Path, schools_index: SchoolIndexPage
) -> None:
    latitude, longitude = grid_to_lat_long(478000, 471000)  # about 0.7 miles from MALTON_A
    SchoolPageFactory(parent=schools_index, latitude=latitude, longitude=longitude)
    yo = write_codepoint(tmp_path / "yo.csv", EVERYONE)

    output = run(yo, "--within", "5")

    assert loaded() == {"YO17 7AA", "YO17 7AB"}
    assert "within 5 miles of the council's 1 schools" in output
    run(yo)  # ten miles by default: Scarborough and York are further
    assert loaded() == {"YO17 7AA", "YO17 7AB"}
    run(yo, "--within", "20")
    assert loaded() == {"YO17 7AA", "YO17 7AB", "YO1 7HH", "YO11 1AA"}


def test_without_schools_or_districts_the_command_asks_where_the_council_is(
    tmp_path: Path,
) -> None:
    message, _ = run_failing(write_codepoint(tmp_path / "yo.csv", EVERYONE))

    assert "No school has a location yet" in message
    assert "--district" in message and "--all" in message
    assert not Postcode.objects.exists()


@pytest.mark.parametrize("quoted", [True, False], ids=["quoted", "unquoted"])
def test_onspd_skips_terminated_postcodes_and_those_it_cannot_place(
    tmp_path: Path, quoted: bool
) -> None:
    terminated = Unit("YO17 7AT", 478850, 471750, terminated="202301")
    with_lat_long = Unit("YO17 7AL", 478800, 471700, latitude="54.135000", longitude="-0.797000")
    onspd = write_onspd(
        tmp_path / "ONSPD_FEB_2025_UK.csv",
        [*EVERYONE, terminated, with_lat_long],
        quoted=quoted,
    )

    output = run(onspd, "--district", RYEDALE)

    assert loaded() == {"YO17 7AA", "YO17 7AB", "YO17 7AL"}
    assert "1 terminated" in output and "1 without coordinates" in output
    # The file's own latitude/longitude is kept; the others are converted from the grid.
    given = Postcode.objects.get(postcode="YO17 7AL")
    assert (given.latitude, given.longitude) == (54.135, -0.797)
    converted = Postcode.objects.get(postcode="YO17 7AA")
    assert (converted.latitude, converted.longitude) == pytest.approx(
        grid_to_lat_long(478800, 471700), abs=1e-6
    )


def test_onspd_header_names_are_matched_in_any_case(tmp_path: Path) -> None:
    path = tmp_path / "onspd.csv"
    write_onspd(path, [MALTON_A])
    text = path.read_bytes().decode()
    header, rest = text.split("\r\n", 1)
    path.write_text(header.upper() + "\r\n" + rest, newline="")

    run(path, "--all")

    assert loaded() == {"YO17 7AA"}


def test_the_onspd_zip_is_read_once_not_again_by_area(tmp_path: Path) -> None:
    archive = write_onspd_zip(tmp_path / "ONSPD_FEB_2025.zip", EVERYONE)

    output = run(archive, "--all")

    assert loaded() == {"YO17 7AA", "YO17 7AB", "YO11 1AA", "YO1 7HH"}
    assert "Read 5 rows from 1 file(s)" in output


def test_importing_again_replaces_and_is_idempotent(tmp_path: Path) -> None:
    yo = write_codepoint(tmp_path / "yo.csv", EVERYONE)
    run(yo, "--all")
    first = list(Postcode.objects.values_list())
    run(yo, "--all")
    assert list(Postcode.objects.values_list()) == first

    # A new edition without YO11 1AA: it is gone, and so is its outward code.
    run(write_codepoint(tmp_path / "yo2.csv", [MALTON_A, MALTON_B, YORK_CENTRE]), "--all")
    assert loaded() == {"YO17 7AA", "YO17 7AB", "YO1 7HH"}
    assert not OutwardCode.objects.filter(code="YO11").exists()


def test_a_malformed_row_names_file_row_and_column_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    run(write_codepoint(tmp_path / "old.csv", [YORK_CENTRE]), "--all")
    good = write_codepoint(tmp_path / "yo.csv", EVERYONE)
    bad = tmp_path / "ls.csv"
    bad.write_text(
        '"LS1 1AA",10,429900,433900,"E92000001","","","","E08000035",""\r\n'
        '"LS1 1AB",10,4299OO,433900,"E92000001","","","","E08000035",""\r\n'
        '"LS1 1AD",10,429900\r\n',
        newline="",
    )

    message, errors = run_failing(good, bad, "--all")

    assert "nothing was written" in message
    assert f"{bad}, row 2, column 'Eastings': '4299OO' is not a grid reference" in errors
    assert f"{bad}, row 3: has 3 columns; Code-Point Open rows have 10" in errors
    assert loaded() == {"YO1 7HH"}  # what was loaded before is untouched


def test_a_malformed_onspd_row_is_named_by_its_header(tmp_path: Path) -> None:
    onspd = write_onspd(
        tmp_path / "onspd.csv",
        [MALTON_A, Unit("YO17 7AB", 1, 2, latitude="north", longitude="-0.7")],
    )

    _, errors = run_failing(onspd, "--all")

    assert f"{onspd}, row 3, column 'lat': 'north' is not a latitude or longitude" in errors
    assert not Postcode.objects.exists()


def test_a_file_of_another_kind_is_refused_by_name(tmp_path: Path) -> None:
    other = tmp_path / "schools.csv"
    other.write_text("URN,EstablishmentName\r\n121000,Heslerton Primary\r\n")

    message, _ = run_failing(other, "--all")

    assert "neither a Code-Point Open area file nor the ONS Postcode Directory" in message
    assert str(other) in message


def test_dry_run_reads_and_writes_nothing(tmp_path: Path) -> None:
    output = run(write_codepoint(tmp_path / "yo.csv", EVERYONE), "--all", "--dry-run")

    assert "Dry run, nothing written" in output and "kept 4 postcodes" in output
    assert not Postcode.objects.exists()


def test_an_import_shows_at_once_on_a_directory_page_kept_in_the_page_cache(
    tmp_path: Path, schools_index: SchoolIndexPage, settings
) -> None:
    settings.LOCALOFFER_PAGE_CACHE_SECONDS = 600
    directory = ensure_directory_page(schools_index)
    Client().get("/")  # the first visit creates the council's settings (a change)
    assert 'name="postcode"' not in Client().get(directory.url).content.decode()

    run(write_codepoint(tmp_path / "yo.csv", EVERYONE), "--all")

    assert 'name="postcode"' in Client().get(directory.url).content.decode()
