"""The statutory checklist for an SEN information report.

Schedule 1 of the SEND Regulations 2014 and chapter 6 of the SEND Code of Practice
list what every school's report must say. Each item here is one named part of a
school's report page. The keys are stable identifiers shared with imports, exports,
the document extractor and the compliance check; the wording and guidance below are
only the seed for the council-editable ``ReportQuestion`` rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class AnsweredBy(StrEnum):
    """Which part of a school page answers a statutory item."""

    TEXT = "text"
    SENCO_CONTACT = "senco_contact"
    TEXT_OR_NEEDS = "text_or_needs"


@dataclass(frozen=True)
class StatutoryItem:
    """One item a report must answer to be legally compliant."""

    key: str
    heading: str
    question: str
    source: str
    guidance: str
    answered_by: AnsweredBy = AnsweredBy.TEXT

    def heading_in(self, headings: Mapping[str, str]) -> str:
        """The council's heading for this item (``headings`` by key, from its report
        questions), or the checklist's own when the council has none or left it empty.

        The one rule for headings: the public report, the moderator's screens and the
        editors' lists all name an item this way."""
        return headings.get(self.key) or self.heading


STATUTORY_ITEMS: tuple[StatutoryItem, ...] = (
    StatutoryItem(
        key="kinds_of_need",
        heading="Needs the school provides for",
        question="What kinds of special educational needs does the school make provision for?",
        source="SEND Regulations 2014, schedule 1, para 1; SEND Code of Practice 6.79",
        guidance=(
            "Tick every type of need you provide for under 'Needs and facilities', and describe "
            "here, in everyday words, the needs of the children you currently support and any "
            "specialist provision you have. Say that you welcome children with any type of SEN "
            "if that is the case."
        ),
        answered_by=AnsweredBy.TEXT_OR_NEEDS,
    ),
    StatutoryItem(
        key="identification",
        heading="How the school finds out if your child needs extra help",
        question="How does the school identify pupils with SEN and assess their needs?",
        source="SEND Regulations 2014, schedule 1, para 2; SEND Code of Practice 6.79",
        guidance=(
            "Explain how concerns are noticed (teachers, parents, assessments, information from "
            "a previous setting), who the parent talks to first, and how the school decides "
            "together with parents that a child needs SEN support."
        ),
    ),
    StatutoryItem(
        key="senco_contact",
        heading="Who to talk to about special educational needs",
        question="What are the name and contact details of the SENCO?",
        source="SEND Regulations 2014, schedule 1, para 4; SEND Code of Practice 6.79",
        guidance=(
            "Give the SENCO's name with a direct email address or phone number on the 'School' "
            "tab. Parents should be able to contact the SENCO without going through a general "
            "enquiry form."
        ),
        answered_by=AnsweredBy.SENCO_CONTACT,
    ),
    StatutoryItem(
        key="consulting_parents",
        heading="How the school works with you as a parent or carer",
        question=(
            "How does the school consult parents of children with SEN and involve them in "
            "their child's education?"
        ),
        source="SEND Regulations 2014, schedule 1, para 7; SEND Code of Practice 6.79",
        guidance=(
            "Say how often parents meet staff (at least three times a year for SEN support), how "
            "everyday communication works (home-school book, email, open door) and how parents "
            "help set and review targets."
        ),
    ),
    StatutoryItem(
        key="consulting_pupils",
        heading="How your child's views are heard",
        question=(
            "How does the school consult young people with SEN and involve them in their education?"
        ),
        source="SEND Regulations 2014, schedule 1, para 8; SEND Code of Practice 6.79",
        guidance=(
            "Describe how pupils take part in setting and reviewing their own targets (pupil "
            "profiles, one-page profiles, pupil voice at reviews, school council)."
        ),
    ),
    StatutoryItem(
        key="assessing_progress",
        heading="How your child's progress is checked",
        question=(
            "How does the school assess and review progress towards outcomes, and how do "
            "parents and young people take part?"
        ),
        source="SEND Regulations 2014, schedule 1, para 3(b); SEND Code of Practice 6.79",
        guidance=(
            "Explain the assess, plan, do, review cycle in your school: how targets are set, how "
            "often progress is reviewed, how parents and the child take part, and what happens "
            "if progress is slower than expected."
        ),
    ),
    StatutoryItem(
        key="transitions",
        heading="Starting school, moving on and preparing for adulthood",
        question=(
            "How does the school support moves between phases of education and preparation for "
            "adulthood and independent living?"
        ),
        source="SEND Regulations 2014, schedule 1, para 12; SEND Code of Practice 6.79",
        guidance=(
            "Describe visits, transition meetings, sharing of information with the next school "
            "or college, and extra support for children who find change hard."
        ),
    ),
    StatutoryItem(
        key="teaching_approach",
        heading="How your child is taught",
        question="What is the school's approach to teaching pupils with SEN?",
        source="SEND Regulations 2014, schedule 1, para 3(c); SEND Code of Practice 6.79",
        guidance=(
            "Describe high-quality, adapted teaching in class first, then the interventions you "
            "use, who delivers them and how often."
        ),
    ),
    StatutoryItem(
        key="adaptations",
        heading="Changes to lessons, classrooms and extra help",
        question=(
            "How does the school adapt the curriculum and the learning environment, and what "
            "additional learning support is available?"
        ),
        source=(
            "SEND Regulations 2014, schedule 1, para 3(d) and (e); SEND Code of Practice 6.79, 6.82"
        ),
        guidance=(
            "Give examples: visual timetables, adapted resources, seating, small-group and "
            "one-to-one support, and how support aims to make the child more independent."
        ),
    ),
    StatutoryItem(
        key="staff_expertise",
        heading="Staff skills and training",
        question=(
            "What expertise and training do staff have, and how is specialist expertise secured?"
        ),
        source="SEND Regulations 2014, schedule 1, para 5; SEND Code of Practice 6.79",
        guidance=(
            "Name the SENCO's qualification (the NPQ for SENCOs or the older national award), "
            "recent whole-staff training and the specialist advice you can call on."
        ),
    ),
    StatutoryItem(
        key="equipment_facilities",
        heading="Equipment and facilities",
        question="How are equipment and facilities to support pupils with SEN secured?",
        source="SEND Regulations 2014, schedule 1, para 6",
        guidance=(
            "Describe specialist equipment (for example sloping boards, radio aids, adapted "
            "furniture) and how you obtain it, including through health services or the council."
        ),
    ),
    StatutoryItem(
        key="evaluating_effectiveness",
        heading="How the school checks its support is working",
        question="How does the school evaluate the effectiveness of its SEN provision?",
        source="SEND Regulations 2014, schedule 1, para 3(a); SEND Code of Practice 6.79",
        guidance=(
            "Explain how interventions are measured, how the SENCO and governors review "
            "provision, and how parents' and pupils' views feed in."
        ),
    ),
    StatutoryItem(
        key="inclusion_activities",
        heading="Clubs, trips and activities",
        question=(
            "How are pupils with SEN enabled to take part in the activities of the school, "
            "including physical activities and trips, alongside other pupils?"
        ),
        source="SEND Regulations 2014, schedule 1, para 3(f); SEND Code of Practice 6.79",
        guidance=(
            "Say how trips, clubs, sports and performances are planned so that every child can "
            "take part, and who parents talk to about a particular activity."
        ),
    ),
    StatutoryItem(
        key="emotional_social",
        heading="Wellbeing, friendships and bullying",
        question=(
            "What support is there for emotional, mental and social development, including "
            "pastoral support, listening to pupils' views and preventing bullying?"
        ),
        source="SEND Regulations 2014, schedule 1, para 3(g); SEND Code of Practice 6.79",
        guidance=(
            "Describe pastoral care, nurture or calm spaces, named trusted adults, how pupils' "
            "views are heard and the anti-bullying approach."
        ),
    ),
    StatutoryItem(
        key="other_bodies",
        heading="Health, social care and other services the school works with",
        question=(
            "How does the school involve health and social care services, local authority "
            "support services and voluntary organisations in meeting pupils' needs and "
            "supporting their families?"
        ),
        source="SEND Regulations 2014, schedule 1, para 10; SEND Code of Practice 6.79",
        guidance=(
            "List the services you work with (tick them under 'Needs and facilities' too) and "
            "explain that parents are asked before a referral is made."
        ),
    ),
    StatutoryItem(
        key="parent_support_services",
        heading="Independent advice and support for parents",
        question=(
            "What are the contact details of support services for parents of pupils with SEN, "
            "including the information, advice and support service (SENDIASS)?"
        ),
        source="SEND Regulations 2014, schedule 1, para 11",
        guidance=(
            "Give the council's SENDIASS contact details (formerly Parent Partnership) and any "
            "local parent support groups."
        ),
    ),
    StatutoryItem(
        key="complaints",
        heading="If you are unhappy or want to complain",
        question=(
            "What are the arrangements for handling complaints from parents about the SEN "
            "provision made at the school?"
        ),
        source="SEND Regulations 2014, schedule 1, para 9; SEND Code of Practice 6.79",
        guidance=(
            "Say who to speak to first, link the complaints policy, and mention that disagreement "
            "resolution and mediation are available through the council."
        ),
    ),
    StatutoryItem(
        key="looked_after_children",
        heading="Children in care and previously in care",
        question="What are the arrangements for looked-after children who have SEN?",
        source="SEND Code of Practice 6.80",
        guidance=(
            "Name the designated teacher for looked-after children and explain how they work with "
            "the SENCO and the virtual school."
        ),
    ),
    StatutoryItem(
        key="local_offer",
        heading="The council's Local Offer",
        question=(
            "Where is the local authority's Local Offer published, and what is the school's "
            "contribution to it?"
        ),
        source="SEND Regulations 2014, schedule 1, para 13; SEND Code of Practice 6.81",
        guidance=(
            "Link the council's Local Offer and say how the school contributes to it (this report, "
            "specialist provision, outreach)."
        ),
    ),
    StatutoryItem(
        key="accessibility",
        heading="Admissions and access for disabled children",
        question=(
            "What are the admission arrangements for disabled pupils, the steps taken to prevent "
            "them being treated less favourably, the facilities that help them get around the "
            "school, and the accessibility plan?"
        ),
        source="SEND Code of Practice 6.2; Equality Act 2010, schedule 10",
        guidance=(
            "Describe physical access (tick the features under 'Needs and facilities'), "
            "reasonable adjustments, and link the accessibility plan."
        ),
    ),
)

STATUTORY_KEYS: tuple[str, ...] = tuple(item.key for item in STATUTORY_ITEMS)
ITEMS_BY_KEY: dict[str, StatutoryItem] = {item.key: item for item in STATUTORY_ITEMS}

# Items answered by a free-text part of the report (all but the SENCO contact).
TEXT_ITEM_KEYS: tuple[str, ...] = tuple(
    item.key for item in STATUTORY_ITEMS if item.answered_by != AnsweredBy.SENCO_CONTACT
)
