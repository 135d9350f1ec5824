"""Parents' words: synonyms, spelling, punctuation and the schools' own text."""

from __future__ import annotations

import pytest

from schools.models import NeedArea
from search.directory import understand
from search.tagged import WordsAsFilters

from .conftest import (
    KNOWN_SCHOOLS,
    ask_api,
    ask_page,
    create_school,
    directory_form,
    spec,
    submit,
)

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
        ("hearing", "need", "HI"),
        ("hearing impaired", "need", "HI"),
        ("school refusal", "need", "SEMH"),
        ("EBSA", "need", "SEMH"),
        ("non-verbal", "need", "SLCN"),
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

    assert _tagged(facet, value), "no school to find"
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


@pytest.mark.parametrize(
    "words",
    [
        "EHCP",
        "ehcps",
        "EHC plan",
        "Education, Health and Care Plan",
        "education health & care plans",
    ],
)
def test_an_ehc_plan_is_found_however_it_is_written(schools_index, client, words):
    for name, text in (
        ("Ash School", "We attend every EHCP review."),
        ("Birch School", "Pupils with an Education, Health and Care plan join us."),
        ("Cedar School", "Children with EHC plans have a key adult."),
        ("Damson School", "Your education, health &amp; care plan names us."),
        ("Elm School", "Health and care staff visit every week."),
    ):
        create_school(schools_index, spec(name, report={"transitions": f"<p>{text}</p>"}))

    data = ask_api(client, {"q": words}).body

    assert sorted(s["name"] for s in data["results"]) == [
        "Ash School",
        "Birch School",
        "Cedar School",
        "Damson School",
    ]
    # Not a filter: a plan is agreed with the council, not chosen in a school.
    assert [concept["terms"] for concept in data["understood_as"]] == [[]]


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


def _tagged_and_mentioning_schools(index):
    """Schools for "autism wheelchair": tagged for both, for one, and only mentioning both."""
    mentions = "<p>Autism training for all staff. Autism awareness week. Wheelchair users "
    "welcome. Our autism champion leads autism assemblies.</p>"
    create_school(
        index,
        spec("Autism Wheelchair Words Academy", report={"adaptations": mentions * 3}),
    )
    create_school(
        index,
        spec(
            "Birch Step Free School",
            accessibility={"step-free-access"},
            report={"adaptations": "<p>Autism training for staff.</p>"},
        ),
    )
    create_school(
        index,
        spec("Yew Autism School", need={"ASD"}, accessibility={"step-free-access"}),
    )


def test_a_school_tagged_with_the_need_ranks_above_one_whose_text_only_mentions_it(
    schools_index, ask
):
    _tagged_and_mentioning_schools(schools_index)

    autism = ask({"q": "autism"}).names
    assert autism[0] == "Yew Autism School"
    assert sorted(autism[1:]) == ["Autism Wheelchair Words Academy", "Birch Step Free School"]
    # Tagged for both ideas, then for one, then the school that only has the words.
    assert ask({"q": "autism wheelchair"}).names == [
        "Yew Autism School",
        "Birch Step Free School",
        "Autism Wheelchair Words Academy",
    ]


def test_a_tag_outweighs_every_word_in_another_schools_name_and_text(schools_index, ask):
    create_school(
        schools_index,
        spec("Yew School", need={"ASD"}, report={"adaptations": "<p>A forest garden.</p>"}),
    )
    words = "<p>Autism training. Our forest garden. Forest garden autism walks.</p>"
    create_school(
        schools_index, spec("Forest Garden Autism Academy", report={"adaptations": words * 5})
    )
    # Enough other schools that the words are rare, as in a council's directory.
    for number in range(12):
        create_school(schools_index, spec(f"Larch School {number}"))

    names = ask({"q": "autism forest garden"}).names

    assert names == ["Yew School", "Forest Garden Autism Academy"]


def test_typed_words_are_ranked_by_best_match_with_or_without_a_sort(
    schools_index, directory, client
):
    _tagged_and_mentioning_schools(schools_index)
    best_match = ["Yew Autism School", "Birch Step Free School", "Autism Wheelchair Words Academy"]
    words = "autism wheelchair"

    # A new search typed into the empty page's form, as it stands.
    empty_page_form = directory_form(client.get(directory.url))
    assert submit(client, directory, empty_page_form, q=words).names == best_match
    # A sort chosen for other words (or none) stays with them.
    for other_words in ("", "dyslexia"):
        params = {"q": words, "sort": "name", "sorted_for": other_words}
        assert ask_page(client, directory, params).names == best_match
    assert ask_page(client, directory, {"q": words}).names == best_match


def test_an_order_the_parent_chose_for_their_words_is_kept(schools_index, directory, client):
    _tagged_and_mentioning_schools(schools_index)
    words = "autism wheelchair"
    results = client.get(directory.url, {"q": words})

    chosen = submit(client, directory, directory_form(results), sort="name")

    assert chosen.names == sorted(chosen.names)
    assert chosen.names != ask_page(client, directory, {"q": words}).names
    # Changing the words brings back the best match, as for any new search.
    again = submit(client, directory, directory_form(chosen.body), q="autism")
    assert again.names[0] == "Yew Autism School"


@pytest.mark.parametrize(
    ("words", "facet", "value"),
    [
        ("PDA", "need", "ASD"),
        ("pathological demand avoidance", "need", "ASD"),
        ("wheelchair user", "accessibility", "step-free-access"),
        ("ADHD", "need", "SEMH"),
        ("sensory", "accessibility", "sensory-room"),
    ],
)
def test_the_words_parents_use_most_find_the_same_schools_as_the_filter(
    schools_index, ask, words, facet, value
):
    create_school(schools_index, spec("Tagged School", **{facet: {value}}))
    create_school(schools_index, spec("Other School", need={"HI"}, accessibility={"lift"}))

    assert ask({"q": words}).names == ask({facet: value}).names == ["Tagged School"]


def test_the_page_says_how_many_schools_provide_for_the_words_and_how_many_mention_them(
    schools_index, directory, client
):
    create_school(schools_index, spec("Yew Autism School", need={"ASD"}))
    create_school(schools_index, spec("Rowan School", need={"ASD"}, phase="secondary"))
    create_school(
        schools_index,
        spec("Aspen School", report={"adaptations": "<p>Autism training for staff.</p>"}),
    )

    answer = ask_page(client, directory, {"q": "autism", "phase": "primary"})

    words = answer.body.context["directory"].words_as_filters
    assert words.summary == "1 school provides for autism; 1 more only mentions \u201cautism\u201d."
    assert words.link_text in answer.body.content.decode()
    # What a phone shows of it until opened.
    assert words.headline == "1 of 2 say they provide for this"
    assert words.headline in answer.body.content.decode()
    # One click turns the words into the filter, keeping the other filters.
    url = answer.body.context["directory"].words_as_filters_url
    assert client.get(url).context["directory"].search.params == {
        "need": ["ASD"],
        "phase": ["primary"],
    }
    filtered = ask_page(client, directory, {"need": "ASD", "phase": "primary"})
    assert filtered.names == ["Yew Autism School"]


def test_the_short_line_a_phone_shows_says_how_many_do_what_the_words_mean(
    schools_index, directory, client
):
    _tagged_and_mentioning_schools(schools_index)

    def words_of(params):
        answer = ask_page(client, directory, params)
        words = answer.body.context["directory"].words_as_filters
        assert words.headline in answer.body.content.decode()
        assert words.summary in answer.body.content.decode()  # in the page, folded
        return words

    both = words_of({"q": "autism wheelchair"})
    assert both.headline == "1 of 3 say they do both"
    assert both.summary.startswith(
        "1 school provides for autism and has step-free access for wheelchairs; 2 more"
    )
    assert words_of({"q": "wheelchair"}).headline == "2 of 3 say they have this"
    assert words_of({"q": "autism", "accessibility": "step-free-access"}).headline == (
        "1 of 2 say they provide for this"
    )
    none = WordsAsFilters("autism", 0, 2, (("need", ("autism",)),), {})
    assert none.headline == "None say they provide for this"
    assert none.summary == "No schools provide for autism; 2 only mention \u201cautism\u201d."


def test_nothing_is_said_when_text_and_filters_agree_or_cannot_be_one_filter(
    schools_index, directory, client
):
    create_school(schools_index, spec("Yew School", need={"ASD", "SPLD"}))
    create_school(
        schools_index,
        spec("Aspen School", report={"adaptations": "<p>Autism and dyslexia training.</p>"}),
    )

    def said(params):
        return ask_page(client, directory, params).body.context["directory"].words_as_filters

    assert said({"q": "autism", "need": "ASD"}) is None  # the filter is already chosen
    assert said({"q": "autism dyslexia"}) is None  # both, where a filter means either
    assert said({"q": "Yew"}) is None  # no word means a filter option
    assert said({"q": "autism"}) is not None


@pytest.mark.parametrize(
    ("words", "terms"),
    [
        ("hearing", {("need", "HI")}),
        ("hearing loop", {("accessibility", "hearing-loop")}),
        ("hard of hearing", {("need", "HI")}),
        ("visually impaired", {("need", "VI")}),
        ("global delay", {("need", "MLD")}),
    ],
)
def test_a_word_inside_a_longer_phrase_keeps_the_phrases_meaning(words, terms):
    # "hearing" alone means a hearing impairment; "hearing loop" is still the loop.
    concepts = understand(words).concepts

    assert [set(concept.terms) for concept in concepts] == [terms]
