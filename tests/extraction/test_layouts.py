"""Layout handling and placement rules, on small documents written for each rule."""

# ruff: noqa: RUF001 -- typographic dashes are what documents contain

from __future__ import annotations

import pytest

from extraction.contacts import find_senco
from extraction.document import Block, BlockKind
from extraction.extractor import extract_bytes
from extraction.guidance import remove_guidance
from extraction.textlayout import parse_text
from schools.models import NeedArea

from .corpus import bench, shared_folder

pytestmark = pytest.mark.django_db


def test_numbered_policy_headings_place_their_sections() -> None:
    text = (
        "1. Aims\n\nWe want every child to flourish.\n\n"
        "2. Admission arrangements\n\nChildren with SEN are admitted on the same basis as "
        "all other children, in line with the Equality Act 2010.\n\n"
        "3. Complaints procedure\n\nParents should first speak to the class teacher.\n"
    )

    result = extract_bytes(text.encode(), "policy.txt")

    assert "same basis" in result.items["accessibility"]
    assert "class teacher" in result.items["complaints"]
    assert "flourish" in " ".join(result.unplaced)


def test_consecutive_numbers_are_a_list_not_headings() -> None:
    blocks = parse_text(
        "We support four areas of need:\n1. Communication and interaction\n"
        "2. Cognition and learning\n3. Sensory and physical\n"
    )

    assert [block.kind for block in blocks] == [BlockKind.PARAGRAPH] + [BlockKind.ITEM] * 3


def test_wrapped_pdf_lines_join_into_one_paragraph() -> None:
    blocks = parse_text(
        "Every teacher checks how each child in the class is getting on and once a\n"
        "term talks it through with the SENCO at a pupil progress meeting.\n"
    )

    assert len(blocks) == 1
    assert "once a term talks" in " ".join(blocks[0].text.split())


def test_tab_separated_proforma_row_label_becomes_a_heading() -> None:
    blocks = parse_text(
        "\tOn-going communication with parents\n\tSchools communicate regularly with "
        "parents.\n\t· Weekly newsletters\n· Open door policy\n"
    )

    assert blocks[0].kind == BlockKind.HEADING
    assert blocks[0].text == "On-going communication with parents"
    assert [b.text for b in blocks if b.kind == BlockKind.ITEM] == [
        "Weekly newsletters",
        "Open door policy",
    ]


def test_standard_proforma_guidance_is_removed_even_when_interleaved() -> None:
    # The council's standard wording, as the proforma prints it beside a school's answer
    # (read from the seed reports: the repository holds only its fingerprints).
    passages = bench("fingerprint_proforma").north_yorkshire_passages(shared_folder())
    guidance = next(passage for passage in passages if len(passage.split()) > 12)
    text = f"{guidance}\n\nWe send a weekly newsletter and use home-school diaries every day.\n"

    kept = remove_guidance(parse_text(text))

    assert [block.text for block in kept] == [
        "We send a weekly newsletter and use home-school diaries every day."
    ]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Our SENCO is - Mrs Ada Penrose", "Mrs Ada Penrose"),
        ("Parents can contact Mrs. Quill, the SENCO, at any time.", "Mrs. Quill"),
        ("SENCO: Miss Tarrant", "Miss Tarrant"),
        ("Special Educational Needs Co-ordinator – Mrs. T.Ashdown", "Mrs. T.Ashdown"),
        ("The person co-ordinating provision is Nell Brackley (SENCO)", "Nell Brackley"),
        ("Our SENDCo is Mr John O'Neill.", "Mr John O'Neill"),
        ("SENDCo: Mrs A Smith", "Mrs A Smith"),
        ("Our Inclusion Leader is Mr P J Okoro.", "Mr P J Okoro"),
        ("At Elm Tree School, the SENCOs are called Rosa Lind and Sam Baptiste.", "Rosa Lind"),
        ("The school’s SENDCo is currently Priya Natt, who works full time.", "Priya Natt"),
        ("The SENCo’s name and contact details: Miss Hana Cole", "Miss Hana Cole"),
        ("Mrs Joy Adeyemi SENDCo and Designated Safeguarding Lead", "Mrs Joy Adeyemi"),
        (
            "Contact our Special Educational Needs and Disability Coordinator (SENDCo), "
            "Mrs K Marsh, on 01632 960000.",
            "Mrs K Marsh",
        ),
        # Other role words: inclusion, special needs, head of..., a second duty.
        ("Head of Inclusion: Mr Owen Pryce", "Mr Owen Pryce"),
        ("Director of Inclusion – Mr Sam Hale", "Mr Sam Hale"),
        ("Assistant Headteacher for Inclusion (SENCo): Mrs Ruth Adler", "Mrs Ruth Adler"),
        ("Special Needs Co-ordinator: Mrs Bea Ford", "Mrs Bea Ford"),
        ("Assistant Principal (SEND): Mr Rob Deane", "Mr Rob Deane"),
        ("Mr Rob Deane, Assistant Principal for SEND", "Mr Rob Deane"),
        ("Vice Principal – Inclusion: Mrs Ola Berg", "Mrs Ola Berg"),
        ("Co-ordinator for Special Educational Needs: Mrs Ola Berg", "Mrs Ola Berg"),
        ("Our Inclusion Lead is Ms Tara Quinn.", "Ms Tara Quinn"),
        ("Mrs Bea Ford (Deputy Head and SENCo)", "Mrs Bea Ford"),
        ("Mrs Bea Ford, Deputy Headteacher and SENCo", "Mrs Bea Ford"),
        ("Mrs Bea Ford - Assistant Head / SENDCo", "Mrs Bea Ford"),
        # The name first, with a verb or letters after it.
        ("Mrs Harriet Vale is SENCo and can be reached via the office.", "Mrs Harriet Vale"),
        ("Mrs Okafor has the role of SENDCo in our school.", "Mrs Okafor"),
        ("Mrs Ada Crane and Mr Li Wei are our SENCos.", "Mrs Ada Crane"),
        ("Mrs Jane Dunmore BA (Hons) NASENCo - SENCo", "Mrs Jane Dunmore"),
        # The name in brackets, after "name", in capitals, or after a description.
        ("Please ring the SENCo (Mrs Bea Ford) after school.", "Mrs Bea Ford"),
        ("SENCo name: Mr Ian Rossiter", "Mr Ian Rossiter"),
        ("SENCo: MRS J SMITHSON", "MRS J SMITHSON"),
        (
            "The person responsible for co-ordinating SEN provision is Mrs Ada Crane.",
            "Mrs Ada Crane",
        ),
        # The name in apposition, with "who is", or the role "held by" someone.
        ("Our SENCo, who is Mrs Amira Patel, meets parents each term.", "Mrs Amira Patel"),
        ("Our SENCo (who is called Mr Tom Reed) runs the group.", "Mr Tom Reed"),
        ("Our SENCo - who is Miss Jo Hart - meets parents.", "Miss Jo Hart"),
        ("The SENCo at Elm Tree, who is Sam Okoro, meets parents.", "Sam Okoro"),
        ("Our Inclusion Leader, who is Mr Sam Okoro, meets parents.", "Mr Sam Okoro"),
        ("Our SENCo, who is also our Deputy Head, is Mrs Amira Patel.", "Mrs Amira Patel"),
        ("Our SENCo and Deputy Head, Mrs Amira Patel, meets parents.", "Mrs Amira Patel"),
        ("Mrs Amira Patel, who is our SENCo, meets parents.", "Mrs Amira Patel"),
        ("Mrs Patel (our SENCo) meets parents.", "Mrs Patel"),
        ("The role of SENCo is held by Mrs Amira Patel.", "Mrs Amira Patel"),
        ("SENCo duties are carried out by Mrs Amira Patel.", "Mrs Amira Patel"),
    ],
)
def test_senco_named_in_the_usual_ways(sentence: str, name: str) -> None:
    senco = find_senco([Block(BlockKind.PARAGRAPH, sentence)])

    assert senco is not None
    assert senco.name == name


@pytest.mark.parametrize(
    "text",
    [
        "Mrs Lorna Bell\nSENCo\nsenco@example.org\n",  # the name, then its role
        "Name: Mrs Lorna Bell\nRole: SENCo\n",
        "Who is our SENDCo?\n\nMrs Lorna Bell\n",
        # A name card under the role: the name's line, then its contact lines.
        "SENCO\n\nMrs Lorna Bell\nsenco@example.org\n01632 960000\n",
        "Our SENCo\n\nMrs Lorna Bell\nTelephone: 01632 960000\n",
        # The question and its answer on one line.
        "Who is the SENCo? Mrs Lorna Bell\n",
    ],
)
def test_senco_named_on_the_line_before_or_after_the_role(text: str) -> None:
    senco = find_senco(parse_text(text))

    assert senco is not None
    assert senco.name == "Mrs Lorna Bell"


@pytest.mark.parametrize(
    "sentence",
    [
        "The SENCO Network Meeting takes place every term.",
        "Speech and Language Therapist - SENCo referral",
        "Our SENCo is National Award qualified.",
        "The Head of Year and SENCo will discuss this with you.",
        "Assistant Head for Inclusion and Behaviour is responsible for these plans.",
        "Who is the SENCo? Please Ask At Reception.",
        "Our SENCo, who is also the Designated Teacher, can help.",
        "The SENCo and Class Teacher, who know your child, will meet you.",
    ],
)
def test_capitalised_words_after_a_role_are_not_a_name(sentence: str) -> None:
    senco = find_senco([Block(BlockKind.PARAGRAPH, sentence)])

    assert senco is None or not senco.name


@pytest.mark.parametrize(
    ("text", "email", "phone"),
    [
        # The SENCO's own address, by name, under the entry.
        ("SENCo: Mrs Bea Ford\nEmail: b.ford@example.org\nTel: 01632 960000",
         "b.ford@example.org", "01632 960000"),
        # The office's address, on a line of the SENCO's entry: the route to reach them.
        ("Mrs Bea Ford (SENCo)\nTelephone: 01632 960 000\nEmail: office@example.org",
         "office@example.org", "01632 960 000"),
        # Another person's details after the SENCO's are theirs.
        ("Our SENCo is Mrs Bea Ford.\n\nHeadteacher: Mr Bob Stone, head@example.org, "
         "01632 960111", "", ""),
        ("SENCo – Mrs Bea Ford (01632 960000)", "", "01632 960000"),
        # A role named in a sentence is not another person's entry.
        ("Our SENCo is Mrs Bea Ford.\n\nPlease contact the SENCo or the headteacher on "
         "01632 960000.", "", "01632 960000"),
    ],
)  # fmt: skip
def test_the_senco_email_and_phone_are_theirs(text: str, email: str, phone: str) -> None:
    senco = find_senco(parse_text(text))

    assert senco is not None
    assert (senco.email, senco.phone) == (email, phone)


def test_no_senco_from_a_sentence_that_names_nobody() -> None:
    blocks = [Block(BlockKind.PARAGRAPH, "Please ask the SENCo, who will gladly help.")]

    assert find_senco(blocks) is None


def test_a_council_synonym_added_in_the_admin_is_found() -> None:
    text = b"Kinds of need\n\nWe have a base for children with a Makaton user profile.\n"
    assert "SLCN" not in extract_bytes(text, "r.txt").needs

    need = NeedArea.objects.get(code="SLCN")
    need.synonyms += ", Makaton"
    need.save()

    assert "SLCN" in extract_bytes(text, "r.txt").needs


def test_an_ambiguous_word_counts_only_under_its_own_item() -> None:
    # "vision" is also a school's vision statement; "lift" also a verb.
    text = (
        b"Our vision\n\nOur vision is to lift every child's aspirations.\n\n"
        b"Accessibility\n\nThe school has a lift to the first floor.\n"
    )

    result = extract_bytes(text, "r.txt")

    assert "VI" not in result.needs
    assert result.accessibility == ["lift"]
