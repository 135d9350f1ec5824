"""Round 6 rules: how reports the development part did not show are laid out and worded.

Each rule was found by reading the errors on the held-out reports set aside for reading
(docs/extraction.md, "Round 6") and written for SEN information reports in general.
None of these texts comes from a real report: each is made up for the test.
"""

# ruff: noqa: RUF001 -- typographic dashes are what documents contain

from __future__ import annotations

import pytest

from extraction.extractor import extract_bytes
from extraction.glossary import abbreviation_entry, glossary_entries, spells
from extraction.headings import looks_like_heading
from extraction.textlayout import parse_text

pytestmark = pytest.mark.django_db


def extract(text: str):
    return extract_bytes(text.encode("utf-8"), "report.txt")


# -- glossaries ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("abbreviation", "words", "expected"),
    [
        ("CAMHS", ["Child", "and", "Adolescent", "Mental", "Health", "Service"], True),
        ("SALT", ["Speech", "and", "Language", "Therapy"], True),
        ("SEND", ["Special", "Educational", "Needs", "and", "Disabilities"], True),
        ("OT", ["Occupational", "Therapist"], True),
        ("OT", ["Our", "teachers", "meet", "weekly"], True),  # the form alone; see the run
        ("EP", ["visits", "every", "term"], False),
        ("PT", ["Physiotherapist"], False),
    ],
)
def test_an_abbreviation_is_spelled_by_the_initials_after_it(
    abbreviation: str, words: list[str], expected: bool
) -> None:
    assert spells(abbreviation, words) is expected


def test_a_contact_line_is_not_a_glossary_entry() -> None:
    assert abbreviation_entry("• EHCP Education, Health and Care Plan")
    assert not abbreviation_entry("SENCO Special Needs Coordinator: Mr B Jones")
    assert not abbreviation_entry("EHC plans are reviewed every year")


def test_a_glossary_without_a_heading_answers_nothing_and_ticks_nothing() -> None:
    # A PDF's text with the "Glossary" heading lost on the page before.
    text = (
        "How we identify needs\n\n"
        "Teachers watch each child's progress closely and talk to parents when a child "
        "seems to find learning harder than others of the same age.\n\n"
        "Annual Review – the yearly meeting that looks at how an EHC plan is working\n\n"
        "• EHCP Education, Health and Care Plan\n"
        "• SALT Speech and Language Therapy\n"
        "• Parent Partnership service for families\n"
        "• OT Occupational Therapy\n"
        "• CAMHS Child and Adolescent Mental Health Service\n"
        "• Specialist Teacher\n"
        "• ASC Autism Spectrum Condition\n"
    )

    result = extract(text)

    assert list(result.items) == ["identification"]
    assert "Occupational" not in result.items["identification"]
    assert result.services == [] and result.needs == []
    assert any(passage.startswith("Annual Review") for passage in result.unplaced)


def test_abbreviations_far_apart_are_not_a_glossary() -> None:
    texts = [
        "EHCP Education, Health and Care Plan",
        "We meet parents each term to talk about progress and next steps.",
        "Teachers plan lessons so that every child can take part.",
        "OT Occupational Therapy",
        "The SENCO checks how well each intervention works.",
        "Children are asked what helps them learn.",
        "ASC Autism Spectrum Condition",
    ]

    assert glossary_entries(texts, [0] * len(texts)) == set()
    assert glossary_entries(texts[3:], [0, 0, 1, 1]) == set()


# -- headings and wrapped lines -----------------------------------------------


def test_a_long_template_question_with_a_note_of_whom_it_is_for_is_a_heading() -> None:
    question = (
        "(Primary and secondary schools only) How will the school know that my child "
        "needs extra help, who will I talk to about it, and what can I do if I am worried "
        "that my child is finding learning harder than other children?"
    )
    text = (
        "1. Which needs do we provide for?\n\n"
        "We welcome children with a wide range of needs, including autism and dyslexia.\n\n"
        f"2. {question}\n\n"
        "• Teachers keep a close eye on each child's progress every half term.\n"
        "• A child whose progress slows is talked about with the family.\n"
    )

    assert looks_like_heading(question)
    assert not looks_like_heading(question.replace("?", "."))
    result = extract(text)
    assert "half term" in result.items["identification"]
    assert "half term" not in result.items["kinds_of_need"]


def test_a_sentence_split_by_blank_lines_is_one_paragraph_again() -> None:
    text = (
        "We work with families in many ways and our approach is built on trust,\n\n"
        "listening carefully to what parents tell us about\n\n"
        "their child at home and at school.\n\n"
        "Next paragraph. It starts with a capital and ends with a full stop.\n"
    )

    blocks = parse_text(text)

    assert [block.text.replace("\n", " ") for block in blocks] == [
        "We work with families in many ways and our approach is built on trust, listening "
        "carefully to what parents tell us about their child at home and at school.",
        "Next paragraph. It starts with a capital and ends with a full stop.",
    ]


def test_a_finished_sentence_is_not_joined_to_a_lower_case_line_after_it() -> None:
    finished = parse_text("Our SENCO is in school every day.\n\nmonday to friday opening\n")
    open_ended = parse_text("Parents can ask us for a copy\n\nfrom the school office.\n")

    assert len(finished) == 2
    assert len(open_ended) == 2  # "copy" may end a line of its own: not clearly cut


# -- aims, roles and the areas of need ------------------------------------------


def test_a_policys_list_of_aims_answers_nothing() -> None:
    text = (
        "What kinds of special educational needs do we provide for?\n\n"
        "We welcome children with a wide range of needs, including autism and dyslexia.\n\n"
        "The main aims of our SEN work are:\n\n"
        "• To make sure every child with SEN is noticed early;\n"
        "• To work closely with parents and outside agencies;\n"
        "• To give each child the chance to do as well as they can.\n"
    )

    result = extract(text)

    assert "autism and dyslexia" in result.items["kinds_of_need"]
    assert "noticed early" not in " ".join(result.items.values())
    assert any("aims" in passage for passage in result.unplaced)


def test_an_inclusion_manager_in_a_staff_list_is_a_senco_contact() -> None:
    text = (
        "Our SEN team\n\n"
        "People to talk to:\n\n"
        "• Deputy Head and SENCo – Mr P Okafor\n"
        "• Inclusion Manager – Mrs D Lindqvist\n"
    )

    result = extract(text)

    assert "Lindqvist" in result.items["senco_contact"]
    assert "inclusion_activities" not in result.items


def test_the_four_categories_a_school_caters_for_are_kinds_of_need() -> None:
    text = (
        "The four categories of need are met here through different levels of help, from "
        "a little extra support in class to a full plan.\n"
    )

    assert list(extract(text).items) == ["kinds_of_need"]


def test_a_numbered_title_in_the_regulations_words_heads_its_section() -> None:
    text = (
        "1. About our school\n\n"
        "We are a small village school with five classes.\n\n"
        "2. The arrangements for assessing and reviewing the progress of pupils with special "
        "educational needs towards their outcomes\n\n"
        "Every half term teachers meet the SENCO to look at how far each child has come.\n"
    )

    blocks = parse_text(text)

    assert blocks[2].text.startswith("2. The arrangements") and blocks[2].kind == "heading"
    sentence = "2. We meet each family at least three times in the school year to talk it over"
    assert parse_text(sentence + "\n")[0].kind != "heading"


def test_the_school_supporting_my_child_in_its_own_name_is_the_teaching_approach() -> None:
    text = (
        "How will Northfield Park support my child?\n\n"
        "Most of all, through good teaching in class every day, planned for each child.\n"
    )

    assert list(extract(text).items) == ["teaching_approach"]


def test_a_special_school_saying_whom_it_is_for_answers_the_kinds_of_need() -> None:
    text = (
        "Welcome\n\n"
        "We are a day special school for pupils aged 4 to 16 with severe learning "
        "difficulties, on the edge of the town and close to the park.\n"
    )

    assert "severe learning" in extract(text).items["kinds_of_need"]


def test_a_policys_name_on_a_line_of_its_own_is_a_link_not_an_answer() -> None:
    text = (
        "How do we identify needs?\n\n"
        "Teachers notice when a child is finding learning hard and talk to the family.\n\n"
        "• Behaviour and SEND Policy\n"
    )

    result = extract(text)

    assert "• Behaviour and SEND Policy" in result.unplaced
    assert "Policy" not in result.items["identification"]
