"""Which services a report ticks, on texts written here (none comes from a real report).

A service is ticked only on a clear statement that the school works with, refers to,
uses or has it (docs/extraction.md, "How it works"), not wherever its name appears.
"""

from __future__ import annotations

import pytest

from extraction.extractor import extract_bytes

pytestmark = pytest.mark.django_db


def services(text: str) -> set[str]:
    return set(extract_bytes(text.encode("utf-8"), "report.txt").services)


@pytest.mark.parametrize(
    "text",
    [
        # Named under the item, but as the council's offer, not the school's.
        "Other agencies\n\nThe Local Offer describes services such as CAMHS, the school "
        "nurse and the educational psychology service.\n",
        # A list of local services a parent may contact.
        "Useful contacts for families\n\n"
        "• CAMHS: 01632 960001\n"
        "• Educational psychology service: 01632 960002\n"
        "• Occupational therapy: 01632 960003\n",
        # What the law asks of schools in general.
        "Working with other agencies\n\nSchools should work with health services such as "
        "physiotherapy and occupational therapy when a child needs them.\n",
        # The children a virtual school helps are not the service.
        "Children in care\n\nOur designated teacher for looked after children meets their "
        "carers every term to review their plans.\n",
        # An admission criterion names therapists the school does not say it uses.
        "Who is the school for?\n\nPupils whose health needs may call for daily input from "
        "a physiotherapist or an occupational therapist.\n",
    ],
)
def test_a_service_merely_named_is_not_ticked(text: str) -> None:
    assert services(text) == set()


@pytest.mark.parametrize(
    ("text", "ticked"),
    [
        (
            "Other agencies\n\nWe work closely with the educational psychologist and the "
            "speech and language therapist, who visit each term.\n",
            {"educational-psychology", "speech-and-language-therapy"},
        ),
        (
            "Working with others\n\nThe school works with the following services:\n\n"
            "• Occupational therapy\n"
            "• Physiotherapy\n",
            {"occupational-therapy", "physiotherapy"},
        ),
        (
            "Wellbeing\n\nOur school nurse runs a drop-in for pupils every Tuesday.\n",
            {"school-nursing"},
        ),
        (
            "Support for parents\n\nFor free, impartial advice about SEND, please contact "
            "SENDIASS.\n",
            {"sendiass"},
        ),
        (
            "Children in care\n\nThe designated teacher works with the virtual school on "
            "each child's personal education plan.\n",
            {"virtual-school"},
        ),
        (
            "Other agencies\n\nWith your consent we can make a referral to CAMHS.\n",
            {"camhs"},
        ),
    ],
)
def test_a_clear_statement_ticks_the_service(text: str, ticked: set[str]) -> None:
    assert services(text) == ticked


def test_entries_of_a_list_broken_by_a_long_entry_keep_their_lead_in() -> None:
    # As a PDF runs them: one entry too long to be a bullet breaks the list in two.
    text = (
        "Other agencies\n\n"
        "We have close links with professionals from these services:\n\n"
        "• Educational psychologist\n"
        "• Speech and language therapist\n"
        "Enhanced mainstream schools which give advice on communication, learning and "
        "behaviour to the staff of nearby schools\n"
        "• Physiotherapist\n"
    )

    assert {"educational-psychology", "speech-and-language-therapy", "physiotherapy"} <= (
        services(text)
    )
