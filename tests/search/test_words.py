"""Parents' words: synonyms, spelling, punctuation and the schools' own text."""

from __future__ import annotations

import pytest

from schools.models import NeedArea

from .conftest import KNOWN_SCHOOLS, ask_api, create_school, spec

pytestmark = pytest.mark.django_db


def _tagged(facet: str, value: str) -> list[str]:
    return sorted(s.name for s in KNOWN_SCHOOLS if value in s.values(facet))


@pytest.mark.parametrize(
    ("words", "facet", "value"),
    [
        ("autism", "need", "ASD"),
        ("autistic", "need", "ASD"),
        ("ASC", "need", "ASD"),
        ("Aspergers", "need", "ASD"),
        ("Asperger's", "need", "ASD"),
        ("ASPERGER\u2019S", "need", "ASD"),
        ("  autism!!  ", "need", "ASD"),
        ("dyslexia", "need", "SPLD"),
        ("Dyslexic", "need", "SPLD"),
        ("deaf", "need", "HI"),
        ("hard of hearing", "need", "HI"),
        ("wheelchair", "accessibility", "step-free-access"),
        ("Wheelchair-accessible", "accessibility", "step-free-access"),
        ("speech therapy", "outreach", "speech-and-language-therapy"),
        ("SALT", "outreach", "speech-and-language-therapy"),
    ],
)
def test_parents_words_find_the_schools_tagged_with_what_they_mean(
    known_schools, ask, words, facet, value
):
    answer = ask({"q": words})

    assert sorted(answer.names) == _tagged(facet, value)


@pytest.mark.parametrize(
    ("typed", "meant", "value"), [("autisim", "autism", "ASD"), ("dyslexsia", "dyslexia", "SPLD")]
)
def test_a_close_misspelling_still_finds_the_schools_and_says_so(
    known_schools, client, directory, typed, meant, value
):
    data = ask_api(client, {"q": typed}).body
    assert sorted(s["name"] for s in data["results"]) == _tagged("need", value)
    assert data["did_you_mean"] == meant

    page = client.get(directory.url, {"q": typed})
    html = page.content.decode()
    assert "Did you mean" in html
    assert f"?q={meant}" in html


def test_synonyms_the_council_adds_work_at_once(known_schools, client):
    assert ask_api(client, {"q": "neurodivergent"}).count == 0

    autism = NeedArea.objects.get(code="ASD")
    autism.synonyms += ", neurodivergent"
    autism.save()

    assert sorted(ask_api(client, {"q": "Neurodivergent"}).names) == _tagged("need", "ASD")


def test_new_terms_the_council_adds_are_filters_at_once(known_schools, client):
    assert ask_api(client, {"need": "DLD"}).status == 400

    NeedArea.objects.create(
        code="DLD", label="Developmental language disorder", synonyms="language disorder"
    )

    answer = ask_api(client, {"need": "DLD"})
    assert answer.status == 200
    assert answer.facets["need"]["DLD"] == 0


def test_words_in_a_schools_report_find_it_with_a_highlighted_extract(schools_index, client):
    create_school(
        schools_index,
        spec(
            "Oak Primary School",
            report={
                "adaptations": "<p>Pupils learn outdoors in our "
                "Forest School every week. It is calm.</p>"
            },
        ),
    )
    create_school(schools_index, spec("Yew Primary School"))

    data = ask_api(client, {"q": "forest"}).body

    assert [s["name"] for s in data["results"]] == ["Oak Primary School"]
    assert "<mark>Forest</mark> School" in data["results"][0]["extract"]


def test_report_text_matches_a_synonym_when_the_school_has_not_ticked_the_need(
    schools_index, client
):
    create_school(schools_index, spec("Tagged School", need={"ASD"}))
    create_school(
        schools_index,
        spec(
            "Untagged School",
            report={"teaching_approach": "<p>Autistic pupils have a quiet base.</p>"},
        ),
    )
    create_school(schools_index, spec("Other School", need={"HI"}))

    names = ask_api(client, {"q": "autism"}).names

    # Both found; the school that says it provides for autism comes first.
    assert names == ["Tagged School", "Untagged School"]


def test_extracts_are_escaped(schools_index, client):
    create_school(
        schools_index,
        spec(
            "Script School",
            report={
                "identification": "<p>We use &lt;script&gt;alert(1)"
                "&lt;/script&gt; to spot dyslexia early.</p>"
            },
        ),
    )

    extract = ask_api(client, {"q": "dyslexia"}).body["results"][0]["extract"]

    assert "<script>" not in extract
    assert "&lt;script&gt;" in extract
    assert "<mark>dyslexia</mark>" in extract


def test_a_schools_name_and_town_are_searchable(known_schools, client):
    assert ask_api(client, {"q": "gorse"}).names == ["Gorse Primary School"]
    assert sorted(ask_api(client, {"q": "Whitby"}).names) == sorted(
        s.name for s in KNOWN_SCHOOLS if s.town == "Whitby"
    )


def test_several_ideas_must_all_match(known_schools, client):
    names = ask_api(client, {"q": "autism dyslexia"}).names
    assert sorted(names) == sorted(s.name for s in KNOWN_SCHOOLS if {"ASD", "SPLD"} <= s.need)


def test_words_with_no_meaning_are_ignored(known_schools, client):
    assert ask_api(client, {"q": "the school for my child"}).count == len(KNOWN_SCHOOLS)


def test_relevance_is_the_default_with_words_and_name_otherwise(known_schools, client):
    with_words = ask_api(client, {"q": "autism", "sort": "name"})
    assert with_words.names == sorted(with_words.names)
    no_words = ask_api(client)
    assert no_words.names == sorted(s.name for s in KNOWN_SCHOOLS)
