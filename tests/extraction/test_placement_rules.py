"""Placement rules that do not rest on any one report's wording, on texts written here.

None of these texts comes from a real report (docs/extraction.md, "How it works").
"""

from __future__ import annotations

import pytest

from extraction.extractor import extract_bytes
from extraction.facets import seed_vocabulary
from extraction.lexicon import Lexicon, every_alternative
from extraction.placement import Placer, question_texts
from extraction.similarity import LearnedVocabulary

pytestmark = pytest.mark.django_db


def extract(text: str):
    return extract_bytes(text.encode("utf-8"), "report.txt")


def test_a_sentence_introducing_a_list_goes_where_its_list_goes() -> None:
    # The lead-in names no need; its items do, and the heading names nothing.
    text = (
        "Our school\n\n"
        "This year children in our classes have been helped with:\n\n"
        "• autism\n"
        "• moderate learning difficulties\n"
        "• hearing impairment\n"
        "• speech and language difficulties\n"
    )

    result = extract(text)

    assert "helped with:" in result.items["kinds_of_need"]
    assert not any("helped with" in passage for passage in result.unplaced)


def test_a_list_introduced_as_legal_text_stays_unplaced() -> None:
    text = (
        "About this report\n\n"
        "This report complies with the following:\n\n"
        "• the Equality Act 2010\n"
        "• the Children and Families Act 2014\n"
        "• the SEND Code of Practice\n"
    )

    result = extract(text)

    assert result.items == {}


def bare_placer() -> Placer:
    """A placer with no hand-written phrases and nothing learned: the vocabulary only."""
    return Placer(
        seed_vocabulary(),
        question_texts(),
        LearnedVocabulary({}),
        Lexicon.without(frozenset(every_alternative())),
    )


@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        # The council's question for the item names the service.
        ("Families can ring SENDIASS for free advice.", "parent_support_services"),
        ("The virtual school checks the plan every term.", "looked_after_children"),
        # Any other service is one of the other bodies the school works with.
        ("An educational psychologist visits twice a term.", "other_bodies"),
        ("The speech and language therapist sees some pupils.", "other_bodies"),
    ],
)
def test_a_service_is_evidence_for_the_item_whose_question_names_it(
    sentence: str, key: str
) -> None:
    scores = bare_placer().content_scores(sentence)

    assert max(scores, key=scores.get) == key


def test_a_service_the_council_adds_finds_its_item_by_the_questions_words() -> None:
    from extraction.facets import Term, Vocabulary, term_from_row

    added: Term = term_from_row(
        "care-education-team", "Care education team", ["looked after children education team"]
    )
    placer = Placer(
        Vocabulary(services=[added]),
        question_texts(),
        LearnedVocabulary({}),
        Lexicon.without(frozenset(every_alternative())),
    )

    scores = placer.content_scores("The care education team visits us.")

    assert max(scores, key=scores.get) == "looked_after_children"


def test_the_equality_acts_definition_of_disability_is_not_an_answer() -> None:
    # Under no heading, so the passages' own words decide.
    text = (
        "Under the Equality Act 2010 a person has a disability if they live with a physical "
        "or mental impairment whose effect on everyday life is long-term and large.\n\n"
        "We support children with autism, dyslexia and speech and language needs.\n"
    )

    result = extract(text)

    assert result.items["kinds_of_need"] == (
        "We support children with autism, dyslexia and speech and language needs."
    )
    assert any("Equality Act" in passage for passage in result.unplaced)


@pytest.mark.parametrize(
    "passage",
    [
        "Please click on the links below to find out more about each area.",
        "This report is available in other languages and formats on request from the office.",
        # The governor who oversees SEN is not the SENCO.
        "Our SEND Governor is Mrs Ann Lee, who meets the SENCo each term.",
    ],
)
def test_links_formats_and_the_sen_governor_answer_nothing(passage: str) -> None:
    result = extract(f"{passage}\n")

    assert result.items == {}
    assert result.senco is None


# How SEN information reports in general open and what they quote, written for these
# tests: each sits under an item's heading, where it still answers nothing.
@pytest.mark.parametrize(
    "passage",
    [
        # The report's purpose, a welcome, the duty to publish it.
        "The purpose of this report is to explain how we put our SEND policy into practice.",
        "Welcome to the SEND pages of our website, which we hope you find useful.",
        "Every maintained school has a legal duty to publish information about its SEN "
        "provision under section 69 of the Act.",
        "This information report was approved by the full governing body; next review "
        "date: autumn term.",
        # The Code of Practice's definitions.
        "In law, a learning difficulty is one giving a child a significantly greater "
        "difficulty in learning than most of their classmates.",
        "For the law, an effect counts as substantial when it is more than minor or trivial.",
        # The school describing itself.
        "Oakfield is a two-form entry community primary school with 420 pupils on roll.",
        "We are part of the Riverside Learning Trust and were rated Good by Ofsted in our "
        "last inspection.",
        # Its contact block and people other than the SENCO.
        "Headteacher: Mr Peter Green",
        "Oakfield Primary School, 1 School Lane, Anytown AB1 2CD",
        "Our Chair of Governors is Mrs Ruth Hale.",
        # The Equality Act quoted as law.
        "Schools must not discriminate against, harass or victimise disabled pupils.",
    ],
)
def test_introductions_definitions_and_the_schools_details_answer_nothing(passage: str) -> None:
    text = f"What kinds of special educational needs does the school provide for?\n\n{passage}\n"

    result = extract(text)

    assert result.items == {}, result.items
    assert result.unplaced == [passage]


def test_an_answer_beside_an_introduction_is_still_placed() -> None:
    text = (
        "What kinds of special educational needs does the school provide for?\n\n"
        "The purpose of this report is to explain how we put our SEND policy into practice.\n\n"
        "We provide for pupils with autism, dyslexia and speech and language needs.\n"
    )

    result = extract(text)

    assert result.items["kinds_of_need"] == (
        "We provide for pupils with autism, dyslexia and speech and language needs."
    )
    assert result.unplaced == [
        "The purpose of this report is to explain how we put our SEND policy into practice."
    ]


@pytest.mark.parametrize(
    ("heading", "passage", "key"),
    [
        # Answers with words those patterns must not take for an introduction.
        (
            "How will the school let me know about my child's progress?",
            "At the next review meeting we look at the targets together and set new ones.",
            "assessing_progress",
        ),
        (
            "What should I do if I am unhappy with the support my child gets?",
            "If you have a complaint, the headteacher is always willing to meet you.",
            "complaints",
        ),
        (
            "How will the school prepare my child for moving on?",
            "Welcome meetings for new families are held every June before children start.",
            "transitions",
        ),
        (
            "How do you work with parents?",
            "As part of building trust, we meet parents every half term.",
            "consulting_parents",
        ),
    ],
)
def test_answers_sounding_a_little_like_an_introduction_are_still_placed(
    heading: str, passage: str, key: str
) -> None:
    result = extract(f"{heading}\n\n{passage}\n")

    assert result.items.get(key) == passage, result.items
