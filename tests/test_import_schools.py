"""``manage.py import_schools``: the JSON format in docs/import-format.md."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageLogEntry, Revision

from schools.checklist import TEXT_ITEM_KEYS
from schools.compliance import check_compliance
from schools.importing.jsonfile.richtext import plain_text_to_rich_text
from schools.models import (
    ExtraAnswer,
    NeedArea,
    ReportQuestion,
    SchoolIndexPage,
    SchoolPage,
    SpecialistProvision,
)
from schools.services import get_or_create_school_index

DEMO_FILE = Path(settings.BASE_DIR) / "schools" / "fixtures" / "demo_schools.json"


def full_record(urn: str = "121404", **overrides: Any) -> dict[str, Any]:
    """A record giving every part of the format."""
    record: dict[str, Any] = {
        "_note": "keys starting with an underscore are ignored",
        "urn": urn,
        "name": "West Heslerton CE Primary School",
        "phase": "primary",
        "establishment_type": "voluntary-controlled",
        "age_low": 4,
        "age_high": 11,
        "address": "School Lane\nWest Heslerton",
        "town": "Malton",
        "postcode": "YO17 8RD",
        "website": "https://www.example.sch.uk/",
        "phone": "01944 728277",
        "email": "office@example.sch.uk",
        "head_teacher": "Mrs Rachel Wells",
        "sen_governor": "Mr P Governor",
        "senco": {"name": "Mrs Rachel Wells", "email": "senco@example.sch.uk", "phone": ""},
        "last_reviewed": "2025-09-01",
        "needs": ["ASD", "slcn"],
        "accessibility": ["step-free-access"],
        "outreach": ["speech-and-language-therapy"],
        "specialist_provision": [
            {
                "kind": "resourced-provision",
                "needs": ["ASD"],
                "places": 8,
                "description": "A base for eight children with autism.",
            }
        ],
        "report": {key: f"Our answer about {key.replace('_', ' ')}." for key in TEXT_ITEM_KEYS},
        "council_questions": {"inclusion_quality_mark": "We hold the IQM."},
    }
    record.update(overrides)
    return record


@pytest.fixture
def iqm_question(db: None) -> ReportQuestion:
    """A council question of the council's own (not statutory)."""
    return ReportQuestion.objects.create(
        key="inclusion_quality_mark",
        heading="Inclusion Quality Mark",
        question="Does the school hold the Inclusion Quality Mark?",
    )


@pytest.fixture
def write_file(tmp_path: Path):
    def write(data: Any) -> Path:
        path = tmp_path / "schools.json"
        path.write_text(json.dumps(data) if not isinstance(data, str) else data, "utf-8")
        return path

    return write


def run_import(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_schools", str(path), *args, stdout=out)
    return out.getvalue()


def import_error(path: Path) -> str:
    with pytest.raises(CommandError) as raised:
        run_import(path)
    return str(raised.value)


def school(urn: str) -> SchoolPage:
    return SchoolPage.objects.get(urn=urn)


def test_creates_a_live_school_page_with_facts_facets_report_and_provision(
    schools_index: SchoolIndexPage, iqm_question: ReportQuestion, write_file
) -> None:
    output = run_import(write_file({"schools": [full_record()]}))

    assert "1 created, 0 updated, 0 unchanged" in output
    assert "Created West Heslerton CE Primary School (URN 121404)" in output
    page = school("121404")
    assert page.get_parent().specific == schools_index
    assert page.live
    assert page.title == "West Heslerton CE Primary School"
    assert (page.phase, page.establishment_type) == ("primary", "voluntary-controlled")
    assert (page.age_low, page.age_high) == (4, 11)
    assert page.address == "School Lane\nWest Heslerton"
    assert (page.town, page.postcode, page.phone) == ("Malton", "YO17 8RD", "01944 728277")
    assert (page.website, page.email) == ("https://www.example.sch.uk/", "office@example.sch.uk")
    assert (page.head_teacher, page.sen_governor) == ("Mrs Rachel Wells", "Mr P Governor")
    assert (page.senco_name, page.senco_email) == ("Mrs Rachel Wells", "senco@example.sch.uk")
    assert page.last_reviewed == dt.date(2025, 9, 1)
    assert sorted(page.needs.values_list("code", flat=True)) == ["ASD", "SLCN"]
    assert list(page.accessibility_features.values_list("slug", flat=True)) == ["step-free-access"]
    assert list(page.outreach_services.values_list("slug", flat=True)) == [
        "speech-and-language-therapy"
    ]
    (provision,) = page.specialist_provisions.all()
    assert (provision.kind, provision.places) == ("resourced-provision", 8)
    assert list(provision.needs.values_list("code", flat=True)) == ["ASD"]
    assert page.identification == "<p>Our answer about identification.</p>"
    (answer,) = page.extra_answers.all()
    assert answer.question == iqm_question
    assert answer.answer == "<p>We hold the IQM.</p>"


def test_imported_pages_have_a_published_revision_in_their_history(
    schools_index: SchoolIndexPage, iqm_question: ReportQuestion, write_file
) -> None:
    run_import(write_file({"schools": [full_record()]}))

    page = school("121404")
    revision = page.live_revision
    assert revision is not None
    assert page.latest_revision == revision
    assert not page.has_unpublished_changes
    # The revision holds the imported content, facets and child rows, like an editor's.
    restored = revision.as_object()
    assert restored.senco_name == "Mrs Rachel Wells"
    assert sorted(n.code for n in restored.needs.all()) == ["ASD", "SLCN"]
    assert [p.kind for p in restored.specialist_provisions.all()] == ["resourced-provision"]
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.create", "wagtail.edit", "wagtail.publish"} <= actions


def test_running_the_same_file_twice_changes_nothing(
    schools_index: SchoolIndexPage, iqm_question: ReportQuestion, write_file
) -> None:
    path = write_file(
        {"schools": [full_record(), full_record("121405", name="Second School", needs=[])]}
    )
    run_import(path)
    revisions = Revision.objects.count()
    pages = Page.objects.count()

    output = run_import(path)

    assert "0 created, 0 updated, 2 unchanged" in output
    assert "Updated" not in output
    assert Revision.objects.count() == revisions
    assert Page.objects.count() == pages


def test_unchanged_run_uses_a_fixed_number_of_queries(
    schools_index: SchoolIndexPage,
    iqm_question: ReportQuestion,
    write_file,
    django_assert_max_num_queries,
) -> None:
    records = [full_record(f"1214{n:02d}", name=f"School {n}") for n in range(6)]
    path = write_file({"schools": records})
    run_import(path)

    # Vocabularies and questions once, the pages and each relation once: not per school.
    with django_assert_max_num_queries(12):
        output = run_import(path)
    assert "0 created, 0 updated, 6 unchanged" in output


def test_updates_the_existing_page_with_the_same_urn_in_place(
    school: SchoolPage, write_file
) -> None:
    revisions = Revision.objects.count()
    output = run_import(
        write_file({"schools": [{"urn": school.urn, "phone": "01944 000111", "needs": ["SEMH"]}]})
    )

    assert "0 created, 1 updated, 0 unchanged" in output
    assert f"Updated Heslerton Primary School (URN {school.urn}): phone, needs" in output
    assert SchoolPage.objects.count() == 1
    updated = SchoolPage.objects.get(pk=school.pk)
    assert updated.phone == "01944 000111"
    assert list(updated.needs.values_list("code", flat=True)) == ["SEMH"]
    assert Revision.objects.count() == revisions + 1
    assert updated.live_revision == updated.latest_revision


def test_a_partial_record_leaves_every_other_field_as_it_was(
    schools_index: SchoolIndexPage, iqm_question: ReportQuestion, write_file
) -> None:
    run_import(write_file({"schools": [full_record()]}))

    output = run_import(
        write_file(
            {
                "schools": [
                    {
                        "urn": "121404",
                        "senco": {"phone": "01944 123456"},
                        "report": {"complaints": "Talk to the head teacher first."},
                        "council_questions": {"inclusion_quality_mark": "Renewed in 2025."},
                    }
                ]
            }
        )
    )

    assert "0 created, 1 updated, 0 unchanged" in output
    assert "senco.phone, report.complaints, council_questions.inclusion_quality_mark" in output
    page = school("121404")
    assert page.senco_phone == "01944 123456"
    assert page.senco_name == "Mrs Rachel Wells"
    assert page.senco_email == "senco@example.sch.uk"
    assert page.complaints == "<p>Talk to the head teacher first.</p>"
    assert page.identification == "<p>Our answer about identification.</p>"
    assert page.postcode == "YO17 8RD"
    assert sorted(page.needs.values_list("code", flat=True)) == ["ASD", "SLCN"]
    assert page.specialist_provisions.count() == 1
    assert [answer.answer for answer in page.extra_answers.all()] == ["<p>Renewed in 2025.</p>"]


def test_empty_values_clear_fields_lists_provision_and_council_answers(
    schools_index: SchoolIndexPage, iqm_question: ReportQuestion, write_file
) -> None:
    run_import(write_file({"schools": [full_record()]}))

    run_import(
        write_file(
            {
                "schools": [
                    {
                        "urn": "121404",
                        "email": "",
                        "age_low": None,
                        "age_high": None,
                        "last_reviewed": None,
                        "needs": [],
                        "specialist_provision": [],
                        "report": {"identification": ""},
                        "council_questions": {"inclusion_quality_mark": ""},
                    }
                ]
            }
        )
    )

    page = school("121404")
    assert page.email == ""
    assert (page.age_low, page.age_high, page.last_reviewed) == (None, None, None)
    assert page.needs.count() == 0
    assert page.specialist_provisions.count() == 0
    assert page.identification == ""
    assert not ExtraAnswer.objects.filter(page=page).exists()
    assert "identification" in check_compliance(page).missing_keys


def test_changed_provision_replaces_the_list_but_keeps_rows_from_the_register(
    schools_index: SchoolIndexPage, write_file
) -> None:
    run_import(write_file({"schools": [full_record(council_questions={})]}))
    page = school("121404")
    register_row = SpecialistProvision(page=page, kind="sen-unit", from_gias=True, sort_order=9)
    register_row.save()

    output = run_import(
        write_file(
            {
                "schools": [
                    {
                        "urn": "121404",
                        "specialist_provision": [
                            {"kind": "enhanced-mainstream", "needs": ["SEMH", "ASD"], "on_roll": 3}
                        ],
                    }
                ]
            }
        )
    )

    assert "specialist_provision" in output
    rows = list(school("121404").specialist_provisions.order_by("sort_order"))
    assert [(row.kind, row.from_gias) for row in rows] == [
        ("sen-unit", True),
        ("enhanced-mainstream", False),
    ]
    assert sorted(rows[1].needs.values_list("code", flat=True)) == ["ASD", "SEMH"]
    assert rows[1].on_roll == 3


def test_an_update_keeps_an_editors_draft_as_the_latest_version(
    school: SchoolPage, write_file
) -> None:
    # The whole editor rule, for both imports, is in test_import_editor_rule.py.
    draft = SchoolPage.objects.get(pk=school.pk)
    draft.phone = "01111 111111"
    draft.save_revision()

    output = run_import(write_file({"schools": [{"urn": school.urn, "town": "Malton"}]}))

    assert "an editor has unpublished changes (a draft)" in output
    page = SchoolPage.objects.get(pk=school.pk)
    assert (page.town, page.phone) == ("Malton", "")
    latest = page.get_latest_revision_as_object()
    assert (latest.town, latest.phone) == ("Malton", "01111 111111")
    assert page.has_unpublished_changes


def test_an_unpublished_school_is_left_unpublished_even_when_the_file_changes_it(
    school: SchoolPage, write_file
) -> None:
    school.unpublish()
    path = write_file({"schools": [{"urn": school.urn, "town": "Exampleton"}]})
    assert "0 created, 0 updated, 1 unchanged" in run_import(path)
    assert not SchoolPage.objects.get(pk=school.pk).live

    output = run_import(write_file({"schools": [{"urn": school.urn, "town": "Malton"}]}))

    assert "the page is unpublished; the new facts were saved without publishing it" in output
    page = SchoolPage.objects.get(pk=school.pk)
    assert not page.live
    assert page.get_latest_revision_as_object().town == "Malton"


def test_a_key_given_twice_is_reported_not_silently_dropped(schools_index, write_file) -> None:
    path = write_file(
        '{"schools": [{"urn": "121404", "name": "A", "phase": "primary",'
        ' "email": "a@example.org", "email": "b@example.org"}]}'
    )

    message = import_error(path)

    assert "schools[0] (URN 121404).email: Given more than once here; give it once." in message


def test_a_bad_file_names_every_problem_with_its_location_and_writes_nothing(
    school: SchoolPage, iqm_question: ReportQuestion, write_file
) -> None:
    pages, revisions = Page.objects.count(), Revision.objects.count()
    bad = {
        "schools": [
            full_record("121404"),  # valid, and still not imported
            {"urn": "12345", "name": "Short URN School", "phase": "primary"},
            full_record("121404", name="Same URN again"),
            {
                "urn": "121406",
                "name": "Problem Primary",
                "phase": "primary",
                "senco": {"name": "Ms A", "email": "not-an-email"},
                "needs": ["ASD", "XYZ"],
                "accessibility": ["hovercraft-landing"],
                "report": {"identification": "Fine.", "favourite_colour": "Blue"},
                "council_questions": {"no_such_question": "Hmm"},
                "age_low": 11,
                "age_high": 4,
            },
            {"urn": "121407", "phase": "castle", "postcode": "ZZ9"},
        ]
    }

    message = import_error(write_file(bad))

    expected = [
        "schools[1].urn: A URN is the school's 6-digit DfE number",
        "schools[2] (URN 121404).urn: URN 121404 is also given in schools[0]",
        "schools[3] (URN 121406).senco.email: Enter a valid email address.",
        'schools[3] (URN 121406).needs[1]: "XYZ" is not a code',
        'schools[3] (URN 121406).accessibility[0]: "hovercraft-landing" is not a slug',
        'schools[3] (URN 121406).report.favourite_colour: "favourite_colour" is not a report',
        "schools[3] (URN 121406).council_questions.no_such_question:",
        "schools[3] (URN 121406).age_high: The oldest age must be the same as or above",
        'schools[4] (URN 121407).phase: "castle" is not a phase we know.',
        "schools[4] (URN 121407).postcode: Enter a UK postcode",
        "schools[4] (URN 121407).name: Required for a new school",
    ]
    for text in expected:
        assert text in message
    assert message.startswith(f"{len(expected)} problems in ")
    assert "nothing was imported" in message
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions
    assert not SchoolPage.objects.filter(urn__in=["121404", "121406", "121407"]).exists()


def test_an_update_is_checked_against_the_values_already_on_the_page(
    school: SchoolPage, write_file
) -> None:
    run_import(write_file({"schools": [{"urn": school.urn, "age_low": 11, "age_high": 16}]}))

    message = import_error(write_file({"schools": [{"urn": school.urn, "age_high": 7}]}))

    assert f"schools[0] (URN {school.urn}).age_high: The oldest age must be" in message
    assert school_age_high(school) == 16


def school_age_high(page: SchoolPage) -> int | None:
    return SchoolPage.objects.get(pk=page.pk).age_high


def test_wrong_shapes_and_types_are_reported_in_plain_words(
    schools_index: SchoolIndexPage, write_file
) -> None:
    message = import_error(
        write_file(
            {
                "schools": [
                    {
                        "urn": 121404,
                        "postocde": "YO17 8RD",
                        "age_low": "four",
                        "needs": "ASD",
                        "last_reviewed": "01/09/2025",
                    },
                    "not a school",
                ],
                "extra": True,
            }
        )
    )

    assert 'extra: "extra" is not a field here.' in message
    assert (
        'schools[0].urn: Give the URN as text in quotes, for example "121404", not a number.'
        in (message)
    )
    assert (
        'schools[0].postocde: "postocde" is not a field here. Did you mean "postcode"?' in message
    )
    assert "schools[0].age_low: Give a whole number or null, not text." in message
    assert "schools[0].needs: Give a list of codes in [...], not text." in message
    assert "schools[0].last_reviewed: Give a real date as YYYY-MM-DD" in message
    assert "schools[1]: Each school must be a JSON object" in message


def test_a_word_parents_use_suggests_the_vocabulary_code(
    schools_index: SchoolIndexPage, write_file
) -> None:
    message = import_error(
        write_file(
            {"schools": [{"urn": "121404", "name": "A", "phase": "primary", "needs": ["ADHD"]}]}
        )
    )

    assert (
        'needs[0]: "ADHD" is not a code in the council\'s types of need list. Did you mean "SEMH"?'
        in message
    )


def test_a_top_level_list_is_refused_with_the_expected_shape(schools_index, write_file) -> None:
    message = import_error(write_file([full_record()]))

    assert 'must hold a JSON object with a "schools" list' in message


def test_invalid_json_gives_its_line_and_column(schools_index, write_file) -> None:
    path = write_file('{"schools": [\n  {"urn": "121404",}\n]}')

    message = import_error(path)

    assert f"1 problem in {path}; nothing was imported." in message
    assert "This is not valid JSON: Expecting property name enclosed in double quotes" in message
    assert "at line 2, column 20." in message


def test_a_missing_file_is_a_clear_error(schools_index, tmp_path: Path) -> None:
    message = import_error(tmp_path / "nowhere.json")

    assert "nowhere.json: There is no such file." in message


def test_html_in_text_is_shown_as_text_never_run(
    schools_index: SchoolIndexPage, write_file
) -> None:
    text = '<script>alert("x")</script> Ask <b>Mrs Wells</b>'
    run_import(
        write_file(
            {"schools": [full_record(council_questions={}, report={"identification": text})]}
        )
    )

    stored = school("121404").identification
    assert "<script>" not in stored
    assert "<b>" not in stored
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Ask &lt;b&gt;Mrs Wells&lt;/b&gt;"
        in stored
    )


def test_plain_text_becomes_paragraphs_lists_and_links() -> None:
    text = (
        "First paragraph\nwith a second line.\n\n"
        "We offer:\n- speech therapy\n* nurture groups\n\n"
        "See https://www.example.org/local-offer. Email senco@example.org."
    )

    assert plain_text_to_rich_text(text) == (
        "<p>First paragraph<br/>with a second line.</p>"
        "<p>We offer:</p><ul><li>speech therapy</li><li>nurture groups</li></ul>"
        '<p>See <a href="https://www.example.org/local-offer">https://www.example.org/local-offer'
        '</a>. Email <a href="mailto:senco@example.org">senco@example.org</a>.</p>'
    )
    assert plain_text_to_rich_text("  \n\n ") == ""


def test_compliance_of_an_imported_page_lists_exactly_the_missing_items(
    schools_index: SchoolIndexPage, write_file
) -> None:
    report = {
        key: "An answer." for key in TEXT_ITEM_KEYS if key not in {"complaints", "transitions"}
    }
    report["transitions"] = ""
    record = full_record(report=report, council_questions={}, senco={"name": "Mrs Wells"})

    run_import(write_file({"schools": [record]}))

    missing = check_compliance(school("121404")).missing_keys
    assert missing == ["senco_contact", "transitions", "complaints"]


def test_dry_run_checks_and_reports_without_saving(
    schools_index: SchoolIndexPage, school: SchoolPage, write_file
) -> None:
    pages, revisions = Page.objects.count(), Revision.objects.count()
    path = write_file(
        {"schools": [full_record(council_questions={}), {"urn": school.urn, "town": "Malton"}]}
    )

    output = run_import(path, "--dry-run")

    assert "Would create West Heslerton CE Primary School (URN 121404)" in output
    assert f"Would update Heslerton Primary School (URN {school.urn}): town" in output
    assert "Dry run, nothing saved: 1 to create, 1 to update, 0 unchanged" in output
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)


def test_a_failure_while_saving_leaves_every_school_as_it_was(
    schools_index: SchoolIndexPage, school: SchoolPage, write_file, monkeypatch
) -> None:
    pages, revisions = Page.objects.count(), Revision.objects.count()
    real_save_revision = SchoolPage.save_revision
    saved = []

    def save_then_fail(page: SchoolPage, *args: Any, **kwargs: Any) -> Revision:
        # Two schools are saved and published before the third fails.
        saved.append(page.urn)
        if len(saved) == 3:
            raise RuntimeError("the database went away")
        return real_save_revision(page, *args, **kwargs)

    monkeypatch.setattr(SchoolPage, "save_revision", save_then_fail)
    path = write_file(
        {
            "schools": [
                {"urn": school.urn, "town": "Changed"},
                full_record("121404", council_questions={}),
                full_record("121405", name="Second", council_questions={}),
            ]
        }
    )

    with pytest.raises(RuntimeError):
        run_import(path)

    assert saved == [school.urn, "121404", "121405"]
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert SchoolPage.objects.get(pk=school.pk).town == "Exampleton"


def test_the_schools_index_is_created_when_the_site_has_none(db: None, write_file) -> None:
    assert not SchoolIndexPage.objects.exists()

    run_import(write_file({"schools": [full_record(council_questions={})]}))

    index = SchoolIndexPage.objects.get()
    assert (index.title, index.slug, index.live) == ("Schools", "schools", True)
    assert school("121404").get_parent().pk == index.pk
    assert get_or_create_school_index().pk == index.pk


def test_new_schools_go_under_the_existing_index(schools_index: SchoolIndexPage) -> None:
    assert get_or_create_school_index().pk == schools_index.pk
    assert SchoolIndexPage.objects.count() == 1


def test_an_existing_school_keeps_its_web_address_when_renamed(
    school: SchoolPage, write_file
) -> None:
    slug = school.slug
    run_import(write_file({"schools": [{"urn": school.urn, "name": "Heslerton Academy"}]}))

    renamed = SchoolPage.objects.get(pk=school.pk)
    assert renamed.title == "Heslerton Academy"
    assert renamed.slug == slug


def test_need_codes_are_matched_ignoring_case(schools_index, write_file) -> None:
    run_import(write_file({"schools": [full_record(council_questions={}, needs=["asd", "Semh"])]}))

    assert set(school("121404").needs.all()) == set(
        NeedArea.objects.filter(code__in=["ASD", "SEMH"])
    )


def test_the_demo_file_imports_and_a_second_run_changes_nothing(schools_index) -> None:
    first = run_import(DEMO_FILE)
    count = len(json.loads(DEMO_FILE.read_text("utf-8"))["schools"])
    assert f"{count} created, 0 updated, 0 unchanged" in first
    revisions = Revision.objects.count()

    second = run_import(DEMO_FILE)

    assert f"0 created, 0 updated, {count} unchanged" in second
    assert Revision.objects.count() == revisions
    assert SchoolPage.objects.live().count() == count
