"""Heading styles, SENCO forms and facet rules real reports need, on texts written here.

None of these texts comes from a real report: each is made up to show one way schools
lay out or word their reports (docs/extraction.md, "How it works").
"""

from __future__ import annotations

import io

import pytest

from extraction.contacts import find_senco
from extraction.document import Block, BlockKind
from extraction.extractor import extract_bytes
from extraction.readers import read_bytes
from extraction.similarity import features
from extraction.textlayout import parse_text
from schools.models import AccessibilityFeature
from schools.stopwords import STOP_WORDS

pytestmark = pytest.mark.django_db


def extract(text: str):
    return extract_bytes(text.encode("utf-8"), "report.txt")


# -- headings -------------------------------------------------------------------


def test_a_web_page_keeps_one_paragraph_a_line_and_its_questions_are_headings() -> None:
    # Saved from a web page: no blank lines, one paragraph a line, long lines.
    text = (
        "SEN Information Report\n"
        "Introduction:\n"
        "This report explains how our school supports children with special educational "
        "needs and disabilities, and it is reviewed every year with parents and governors.\n"
        "What kinds of special educational needs does the school provide for?\n"
        "We provide for pupils with autism, dyslexia and speech and language needs, and we "
        "have a small group room for children who find the classroom hard.\n"
        "How does the school know if my child needs extra help?\n"
        "Talk to your child's class teacher first; they will share your worries with the "
        "SENCO and agree with you what happens next.\n"
    )

    result = extract(text)

    assert "autism, dyslexia" in result.items["kinds_of_need"]
    assert "class teacher first" in result.items["identification"]
    assert not any("reviewed every year" in item for item in result.items.values())


def test_table_rows_flattened_with_bars_keep_their_row_labels() -> None:
    text = (
        "Which needs do we support?\n\n"
        "Area of need | What we offer |\n"
        "Cognition and learning | Small reading groups every morning and coloured overlays. |\n"
        "Sensory and physical | A ramp at every door and a hearing loop in the hall. |\n"
    )

    blocks = parse_text(text)
    headings = [block.text for block in blocks if block.kind == BlockKind.HEADING]

    assert "Cognition and learning" in headings
    assert "Sensory and physical" in headings
    assert "reading groups" in extract(text).items["kinds_of_need"]


def test_q_and_a_prefixes_mark_questions_and_answers() -> None:
    text = (
        "Q: How will the school know if my child needs extra help?\n"
        "A: We check every child's reading and number work each term and talk to you "
        "straight away if we have a concern.\n\n"
        "Q: What should I do if I want to complain?\n"
        "A: Speak to the head teacher first; our complaints policy sets out the next steps.\n"
    )

    result = extract(text)

    assert result.items["identification"].startswith("We check every child")
    assert "complaints policy" in result.items["complaints"]


def test_a_question_heads_the_answer_that_follows_it_on_the_same_line() -> None:
    # Tables and PDFs often run the question and its answer into one line.
    text = (
        "How does the school know if a child needs extra help? We check every child's "
        "reading and number work each term and talk to parents straight away.\n\n"
        "What should I do if I want to complain? Speak to the head teacher first; the "
        "complaints policy sets out the next steps.\n"
    )

    blocks = parse_text(text)
    result = extract(text)

    assert [block.text for block in blocks if block.kind == BlockKind.HEADING] == [
        "How does the school know if a child needs extra help?",
        "What should I do if I want to complain?",
    ]
    assert result.items["identification"].startswith("We check every child")
    assert result.items["complaints"].startswith("Speak to the head teacher")


@pytest.mark.parametrize(
    "line",
    [
        "## How does the school know if a child needs extra help?",
        "**How does the school know if a child needs extra help?**",
        "__Identifying special educational needs__",
    ],
)
def test_markdown_headings_and_bold_lines_head_their_sections(line: str) -> None:
    text = f"{line}\n\nWe check every child's reading and number work each term.\n"

    result = extract(text)

    assert result.items["identification"] == (
        "We check every child's reading and number work each term."
    )
    assert "*" not in " ".join(result.unplaced) and "#" not in " ".join(result.unplaced)


def test_numbered_questions_each_head_their_answer() -> None:
    text = (
        "1. How does the school know if children need extra help?\n"
        "Teachers watch every child's progress and raise a concern with the SENCO.\n\n"
        "2. How are parents involved?\n"
        "We meet parents three times a year and keep a home-school book.\n\n"
        "3. What training do staff have?\n"
        "All teaching assistants have had training in speech and language support.\n"
    )

    result = extract(text)

    assert "raise a concern" in result.items["identification"]
    assert "home-school book" in result.items["consulting_parents"]
    assert "training in speech" in result.items["staff_expertise"]


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("Who are the best people in school to talk to about my child?", "senco_contact"),
        ("How will you help me to support my child at home?", "consulting_parents"),
        ("How will I be kept informed?", "consulting_parents"),
        ("How are pupils consulted about the help they get?", "consulting_pupils"),
        ("How are my child's needs assessed and reviewed?", "assessing_progress"),
        ("What specialist services and expertise can the school call on?", "other_bodies"),
        ("What support is there for parents and families?", "parent_support_services"),
        ("Where can I get independent advice?", "parent_support_services"),
        ("How will my child be supported when they start school?", "transitions"),
        ("How do teachers plan lessons for my child?", "teaching_approach"),
        ("How will my child be helped to make friends?", "emotional_social"),
        ("What is an EHC plan and how do I get one?", "identification"),
    ],
)
def test_question_headings_in_the_words_parents_use(question: str, key: str) -> None:
    # The answer says nothing of its topic on its own: the question decides.
    text = f"{question}\n\nPlease ask us: we are always glad to explain how this works here.\n"

    result = extract(text)

    assert list(result.items) == [key]


def test_a_numbered_title_ending_in_for_heads_its_section() -> None:
    text = (
        "Our SEND report\n\n"
        "1. The kinds of SEN we provide for\n\n"
        "The Code of Practice describes four broad areas of need, and a child may have "
        "needs in more than one of them.\n\n"
        "We teach children with autism, dyslexia and hearing loss.\n\n"
        "2. Identifying pupils with SEN\n\n"
        "We check every child's reading and number work when they join us.\n"
    )

    blocks = parse_text(text)
    result = extract(text)

    assert blocks[1].kind == BlockKind.HEADING
    assert "four broad areas" in result.items["kinds_of_need"]
    assert "autism, dyslexia" in result.items["kinds_of_need"]
    assert "reading and number" in result.items["identification"]


@pytest.mark.parametrize(
    ("heading", "passage", "keys"),
    [
        (
            "Who should I contact?",
            "Please contact Mrs Nora Vance, our SENCo, on 01632 960777 if you think your "
            "child may need an EHC needs assessment.",
            {"senco_contact", "identification"},
        ),
        (
            "Training",
            "All teaching assistants have been trained by the speech and language therapy "
            "service, who visit every term to advise on individual children.",
            {"staff_expertise", "other_bodies"},
        ),
        (
            "Moving on",
            "Before a child with an EHC plan moves to secondary school, the SENCo invites "
            "the new school's SENCo to the annual review in Year 5.",
            {"transitions", "assessing_progress"},
        ),
        # One topic only: a second item needs as clear a case as the first.
        (
            "Trips",
            "Every child goes on the residential trip; we plan it with parents and carry out "
            "a risk assessment for each child who needs one.",
            {"inclusion_activities"},
        ),
    ],
)
def test_a_passage_answering_two_items_goes_under_both(
    heading: str, passage: str, keys: set[str]
) -> None:
    result = extract(f"{heading}\n\n{passage}\n")

    assert set(result.items) == keys


@pytest.mark.parametrize(
    ("key", "passage"),
    [
        ("consulting_parents", "Parents are invited to meet the SENCo each term to share "
         "their views and plan the next steps together."),
        ("consulting_parents", "You know your child best, so we listen to what you tell us "
         "and plan support with you."),
        ("teaching_approach", "Class teachers are responsible for the progress of every "
         "pupil, including those who work with teaching assistants."),
        ("adaptations", "Tasks may be broken down into smaller steps, and pupils can record "
         "their work in different ways."),
        ("identification", "Where a child's difficulties persist despite targeted support, "
         "they may be placed on the SEN register."),
        ("identification", "We use information from nursery and from our own checks to find "
         "out whether a child may have SEN."),
        ("consulting_pupils", "Children help to set their own targets and talk about what "
         "helps them learn."),
        ("evaluating_effectiveness", "We check how well interventions work by comparing "
         "children's scores before and after each programme."),
    ],
)  # fmt: skip
def test_a_passage_with_no_heading_is_placed_by_its_own_words(key: str, passage: str) -> None:
    assert key in extract(f"{passage}\n").items


def test_a_list_of_contents_is_not_an_answer() -> None:
    text = (
        "Contents\n\n"
        "1. Who do I contact?\n"
        "2. How does the school identify special educational needs?\n"
        "3. What training do staff have?\n"
        "4. How are children included in trips and clubs?\n"
        "5. What do I do if I want to complain?\n\n"
        "What do I do if I want to complain?\n\n"
        "Please speak to the class teacher first, then to the head teacher.\n"
    )

    result = extract(text)

    assert set(result.items) == {"complaints"}
    assert "2. How does the school identify" in " ".join(result.unplaced)


def test_a_list_of_questions_answered_further_on_is_not_an_answer() -> None:
    # Questions in the school's own words, few of them naming an item clearly.
    text = (
        "Quick links\n\n"
        "1. Where do we start if we are worried about our child's progress?\n"
        "2. Who will help my child with reading and spelling?\n"
        "3. How will we hear about how our child is doing?\n"
        "4. What happens when our child moves on to secondary school?\n"
        "5. Where can families find advice outside school?\n"
        "6. What if we are not happy?\n\n"
        "What if we are not happy?\n\n"
        "Talk to the class teacher first; our complaints policy sets out the next steps.\n"
    )

    result = extract(text)

    assert "secondary school" not in " ".join(result.items.values())
    assert "reading and spelling" in " ".join(result.unplaced)
    assert set(result.items) == {"complaints"}


def test_the_page_title_local_offer_does_not_make_the_introduction_an_answer() -> None:
    text = (
        "Local Offer\n\n"
        "Welcome to our page. We are a friendly school at the heart of the village and "
        "we hope you enjoy finding out about us.\n\n"
        "How do we know if a child needs extra help?\n\n"
        "We listen to parents and check progress every half term.\n"
    )

    result = extract(text)

    assert "local_offer" not in result.items
    assert "check progress" in result.items["identification"]


def test_word_numbered_questions_and_bold_lines_are_headings() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("How will my child be taught?", style="List Number")
    document.add_paragraph("Teachers plan lessons so that every child can take part.")
    bold = document.add_paragraph()
    bold.add_run("Complaints").bold = True
    document.add_paragraph("Please speak to the class teacher about any complaint.")
    buffer = io.BytesIO()
    document.save(buffer)

    blocks = read_bytes(buffer.getvalue(), "report.docx").blocks
    result = extract_bytes(buffer.getvalue(), "report.docx")

    assert [block.text for block in blocks if block.kind == BlockKind.HEADING] == [
        "How will my child be taught?",
        "Complaints",
    ]
    assert "every child can take part" in result.items["teaching_approach"]
    assert "any complaint" in result.items["complaints"]


def test_html_bold_paragraphs_head_their_sections() -> None:
    page = (
        b"<html><body><main><p><strong>Who is our SENCO?</strong></p>"
        b"<p>Our SENCO is Mrs Ivy Lamb; email her at senco@example.org.</p>"
        b"<p><b>Clubs and trips</b></p><p>Every child goes on the summer residential trip, "
        b"with the support they need.</p></main></body></html>"
    )

    result = extract_bytes(page, "report.html")

    assert result.senco is not None and result.senco.name == "Mrs Ivy Lamb"
    assert "residential trip" in result.items["inclusion_activities"]


# -- SENCO ------------------------------------------------------------------------


def test_senco_named_on_the_line_after_the_role() -> None:
    text = "Our SEND team\n\nSENDCo\n\nMrs R Holloway\n\nAssistant head\n\nMr T Green\n"

    senco = find_senco(parse_text(text))

    assert senco is not None
    assert senco.name == "Mrs R Holloway"


def test_a_school_name_before_the_role_is_not_a_person() -> None:
    blocks = [
        Block(BlockKind.PARAGRAPH, "At Oakfield Primary School, the SENCO works with all staff.")
    ]

    assert find_senco(blocks) is None


def test_a_passage_naming_the_senco_and_another_item_goes_under_both() -> None:
    text = (
        "Education, health and care plans\n\n"
        "If you think your child needs an education, health and care needs assessment, "
        "please contact our SENCO Mrs Dora Finch, who will explain how to request a "
        "statutory assessment.\n"
    )

    result = extract(text)

    assert "Mrs Dora Finch" in result.items["senco_contact"]
    # Asking for an EHC needs assessment: how needs are identified, or how progress is
    # reviewed; either is right.
    assert any(
        "Mrs Dora Finch" in result.items.get(key, "")
        for key in ("identification", "assessing_progress")
    )


def test_a_second_mention_of_the_senco_is_a_contact_passage() -> None:
    text = (
        "Our SENCO is Mr Omar Shah.\n\n"
        "Contacts\n\n"
        "If you need more advice you can talk to Mr Shah, our SENCO, after school.\n"
    )

    assert "talk to Mr Shah" in extract(text).items["senco_contact"]


# -- facets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("passage", "needs"),
    [
        # The service is ticked, not the need it is named after.
        ("We work closely with the autism outreach team, who visit every term.", set()),
        ("Our hearing impairment team visits pupils who use radio aids.", set()),
        # The Code of Practice's four areas describe needs in general.
        (
            "The Code of Practice groups needs into four broad areas: cognition and "
            "learning; communication and interaction; sensory or physical needs; and "
            "social, emotional and mental health.",
            set(),
        ),
        # A definition is not provision.
        (
            "A pupil has special educational needs if a learning difficulty or a disability "
            "means they need provision different from that made for others.",
            set(),
        ),
        # A clear statement ticks what it names.
        ("We provide for pupils with autism, dyslexia and hearing loss.", {"ASD", "SPLD", "HI"}),
        ("Many of our children have severe learning difficulties.", {"SLD"}),
    ],
)
def test_needs_are_ticked_only_on_a_clear_statement(passage: str, needs: set[str]) -> None:
    text = f"What kinds of needs do we provide for?\n\n{passage}\n"

    assert set(extract(text).needs) == needs


def test_autism_outreach_ticks_the_service() -> None:
    text = "Other agencies\n\nWe work closely with the autism outreach team.\n"

    result = extract(text)

    assert result.services == ["autism-outreach"]
    assert result.needs == []


def test_a_nurture_group_is_not_a_quiet_room() -> None:
    text = (
        "Wellbeing\n\nChildren who find playtimes hard can join our nurture group at "
        "lunchtime, and we run social skills groups.\n\n"
        "Accessibility\n\nThe school is on one level with a ramp at the main entrance.\n"
    )

    result = extract(text)

    assert "quiet-spaces" not in result.accessibility
    assert "ramps-handrails" in result.accessibility
    quiet = AccessibilityFeature.objects.get(slug="quiet-spaces")
    assert "nurture group" not in [word.lower() for word in quiet.synonym_list]


def test_facets_come_only_from_text_that_answers_an_item() -> None:
    # A list of links and an introduction state nothing about what the school has.
    text = (
        "Contents\n\n"
        "1. Who do I contact?\n"
        "2. What support is there for children's wellbeing and mental health?\n"
        "3. Where can parents get information, advice and support?\n"
        "4. What do I do if I want to complain?\n"
    )

    result = extract(text)

    assert (result.needs, result.accessibility, result.services) == ([], [], [])


def test_extraction_and_the_directory_share_one_stop_word_list() -> None:
    from search import text as search_text

    assert search_text.STOP_WORDS is STOP_WORDS
    assert not {"what", "help", "my", "child"} & set(features("What help can my child have?"))
