"""Plain-English help: a readability score in words, and jargon parents may not know."""

from __future__ import annotations

import pytest

from schools.models import JargonTerm
from schools.readability import Level, assess, plain_text

GLOSSARY = [
    ("SENCO", "special educational needs co-ordinator"),
    ("EHCP", "education, health and care plan"),
    ("SALT", "speech and language therapy"),
    ("graduated approach", "the step-by-step way the school plans and reviews extra help"),
]
PLAIN = (
    "<p>We check every child's progress three times a year. If your child needs more help, "
    "we will meet you to plan it together. You can ask to see us at any time.</p>"
)
DENSE = (
    "<p>The school utilises a comprehensive, individualised and systematically evaluated "
    "programme of intervention, incorporating assessment in accordance with statutory "
    "requirements and the expectations articulated in the Code of Practice, ensuring "
    "appropriate differentiation and collaborative partnership with external professionals "
    "and families throughout the educational continuum.</p>"
)


def test_plain_writing_is_called_easy() -> None:
    advice = assess(PLAIN, GLOSSARY)
    assert advice.level == Level.EASY
    assert advice.summary == "Most parents will find this easy to read."


def test_dense_writing_is_called_hard_with_the_reasons() -> None:
    advice = assess(DENSE, GLOSSARY)
    assert advice.level in (Level.HARD, Level.VERY_HARD)
    assert "hard to read" in advice.summary
    assert "long sentences" in advice.summary
    assert "many long words, such as" in advice.summary


def test_list_items_count_as_sentences() -> None:
    items = "".join(f"<li>Extra reading help in small groups number {n}</li>" for n in range(8))
    text = plain_text(f"<ul>{items}</ul>")
    assert text.count(".") == 8
    assert "long sentences" not in assess(f"<ul>{items}</ul>").summary


def test_jargon_is_pointed_out_until_it_is_explained() -> None:
    advice = assess("<p>Talk to the SENCO about an EHCP.</p>", GLOSSARY)
    assert [use.term for use in advice.jargon] == ["SENCO", "EHCP"]
    assert advice.level is None  # too short to score, but the jargon is still worth saying

    explained = assess(
        "<p>Talk to our special educational needs co-ordinator (SENCO) about an "
        "education, health and care plan, which we call an EHCP.</p>",
        GLOSSARY,
    )
    assert explained.jargon == ()


def test_abbreviations_match_in_capitals_only_and_phrases_in_any_case() -> None:
    advice = assess("<p>We add salt to nothing. Our Graduated Approach works.</p>", GLOSSARY)
    assert [use.term for use in advice.jargon] == ["graduated approach"]
    plural = assess("<p>Children with EHCPs get a review.</p>", GLOSSARY)
    assert [use.term for use in plural.jargon] == ["EHCP"]


def test_an_empty_answer_gets_no_advice() -> None:
    assert assess("<p> </p>", GLOSSARY) is None
    assert assess("", GLOSSARY) is None


@pytest.mark.django_db
def test_the_council_starts_with_a_jargon_list() -> None:
    terms = dict(JargonTerm.objects.values_list("term", "meaning"))
    for term in ("SENCO", "EHCP", "SALT", "SEMH", "IEP"):
        assert term in terms
    assert terms["SEMH"] == "social, emotional and mental health"
