"""The words that say which statutory item a heading or a passage answers.

Two lists per checklist key (``schools.checklist``), written from the Regulations, the
Code of Practice and the headings that report templates in common use ask (the Local
Offer's "14 questions", model SEN information reports and SEN policies, council
proformas), not from any one school's report:

* ``HEADING_PATTERNS``: how a heading or question for the item is worded;
* ``CONTENT_PATTERNS``: phrases that, in a passage, show what it is about, weighted
  3 (only this item talks like this), 2 (usually this item) or 1 (a hint).

The vocabulary synonyms (types of need, accessibility features, services) are added at
run time from the database, so a council's additions count too.

Long because it is a word list, not logic: one pattern a line, every statutory item's
patterns together so that they can be read and weighed against each other.
"""

# ruff: noqa: RUF001, E501 -- one pattern a line reads best; documents use typographic apostrophes

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from postcodes.codes import INWARD_CODE, OUTWARD_CODE

# A person named with a title ("Mrs J", "Dr A"): never a heading, a glossary entry or a
# passage too short to count (headings, textlayout, glossary, passages).
PERSON_WITH_TITLE = re.compile(r"\b(?:Mrs|Mr|Miss|Ms|Mx|Dr)\.?\s+[A-Z]")

Weighted = tuple[str, float]

HEADING_PATTERNS: dict[str, list[Weighted]] = {
    "kinds_of_need": [
        (
            r"\b(kinds?|types?|areas?|categories|range) of (special educational |sen[d]? |additional )?needs?\b",
            5,
        ),
        (r"\b(kinds?|types?|categories) of (sen[d]?|special educational needs?|disabilit)", 5),
        (r"\bwho is (the|your|our) (educational )?provision for\b", 5),
        (r"\bwho (do|does) (we|the school|the setting) (provide|cater) for\b", 5),
        # The Code of Practice's four broad areas, as sub-headings or table rows.
        (
            r"^\s*(communication and interaction|cognition and learning|"
            r"social,? emotional and mental health|sensory and(/or| or)? physical)\b",
            5,
        ),
        (r"\bwhat (are|is) (a )?(special educational needs?|sen[d]?)\b", 4),
        (r"\bneeds (do )?(we|the school) (provide|cater|make provision) for\b", 5),
        (r"\b(sen[d]?|needs) (we|the school) (provide|cater)s? for\b", 5),
        (r"\bwhich (children|pupils|needs)\b.*\b(provide|cater|support)", 4),
        (r"\bbroad areas\b", 3),
        (r"\bour (school )?(sen[d]? )?(provision|offer)\b", 1),
    ],
    "identification": [
        (r"\bidentif", 5),
        (r"\bhow (does|do|will|can) (the|our|a|my)? ?(school|setting|we|you) know\b", 5),
        (r"\bknow if (my|a|their|your|children|pupils|young)\b", 5),
        (r"\b(think|concerned|worried|concerns?)\b.*\b(my|your) child\b", 4),
        (r"\b(my|your) child (has|may have|might have|needs)\b", 3),
        (r"\bassess(ing|ment of)? (their |pupils'? |children'?s )?needs\b", 4),
        (r"\bneeds extra help\b", 3),
        # "What is an EHC plan and how do I get one?": asking for a needs assessment.
        (
            r"\b(get|request|ask for|apply for) (an? |one)?(ehcp?\b|education,? health|needs assessment)",
            4,
        ),
        (r"\bhow do i get one\b", 3),
        (
            r"\bstatutory assessment\b|\behc(p| plans?)? (needs )?assessment\b|\beducation,? health and care\b",
            2,
        ),
    ],
    "senco_contact": [
        (r"\bsen[d]?co\b", 3),
        (r"\bkey contacts?\b|\bcontact details\b|\bnamed contacts?\b", 4),
        (r"\bwho (can|should|do) i (contact|talk|speak)\b|\bwho to (contact|talk|speak)\b", 4),
        (r"\bwho is (the|our|your) sen[d]?co\b", 5),
        (r"\bwho (are|is) the (best )?(people|person|staff)\b.*\b(talk|speak|contact)", 5),
        (r"\bco-?ordination of (sen[d]?|special educational)", 4),
        (r"\bfurther information\b", 2),
    ],
    "consulting_parents": [
        (r"\b(parents?|carers?|families)\b", 3),
        (r"\bcommunicat\w*\b.*\b(parents?|home|you)\b", 4),
        (r"\bhow (will|can|are) (i|parents|you) (be )?involved\b", 5),
        (r"\bworking (in partnership )?with (you|parents|families)\b", 5),
        (r"\bpartnership with parents\b|\binvolving parents\b|\bconsulting parents\b", 5),
        (r"\bhow will (you|the school|staff) help (me|parents)\b", 5),
        (r"\b(kept|keep (me|you|parents)) (informed|up to date)\b|\bcommunicat\w* with me\b", 5),
        (
            r"\bhow (can|will|do) (i|parents|we as parents) (be involved|get involved|contribute|help)\b",
            5,
        ),
        (r"\bparent partnership\b", -4),
    ],
    "consulting_pupils": [
        (r"\bpupil voice\b|\bstudent voice\b|\bvoice of the (child|pupil)\b", 6),
        (r"\b(child|pupil|young person)'?s? views\b|\bviews of (the )?(child|pupil|young)", 6),
        (r"\binvolv\w* (my |the |your )?(child|pupils?|young people|students?)\b", 5),
        (r"\b(consulting|involving) (children|pupils|young people|students)\b", 6),
        (r"\bhow will my child be involved\b", 6),
        (
            r"\b(pupils?|children|students?|young people|my child) (are |be |is )?(consulted|listened to)\b",
            6,
        ),
        (r"\b(child|pupil|student)(ren)?'?s?'? (voice|opinions?|wishes)\b", 5),
    ],
    "assessing_progress": [
        (r"\bprogress\b", 4),
        (r"\bassess(ing|ment)?,? (and|&) review", 5),
        (r"\bassess,? plan,? do,? review\b|\bgraduated (approach|response)\b", 4),
        (r"\bhow (will|do) (i|we|you|both you and i) know how (my|your|the) child\b", 6),
        (r"\boutcomes\b", 2),
        (
            r"\bhow (is|are) (my child|children|pupils)'?s? (needs )?(assessed|reviewed)\b|\bassessed and reviewed\b",
            5,
        ),
        (r"\bhow (is|are|will) (my|your|the) child('s)? (doing|getting on)\b", 5),
        (r"\bannual reviews?\b|\breview(ing)? (meetings|targets)\b", 3),
        (r"\bsen[d]? support\b|\brecording provision\b|\bsupport plans?\b", 2),
        # The four stages of the graduated approach as sub-headings ("Assess", "Plan"...).
        (r"^\s*(assess|plan|do|review)\s*$", 4),
        (r"\bstatutory assessment\b|\behc(p| plans?)\b|\beducation,? health and care plans?\b", 2),
    ],
    "transitions": [
        (r"\btransition", 6),
        (
            r"\bmov(e|es|ing) (on|between|to|up)\b|\bjoin(ing)? (the|our)\b|\bstarting (school|at)\b",
            5,
        ),
        (r"\bnext (stage|phase|school|class)\b|\bpreparing for adulthood\b|\bleaving\b", 5),
        (r"\bnew (school|class|setting)\b|\btransfer", 4),
        (
            r"\bwhen (my|your|a|the) child (starts?|leaves?|moves?)\b|\b(starts?|starting) (school|nursery|reception|year 7)\b",
            6,
        ),
        (r"\bleaves?\b.*\b(school|us)\b|\bwhat happens when (my|your) child leaves\b", 4),
    ],
    "teaching_approach": [
        (r"\bapproach(es)? to teaching\b|\bteaching (approach|pupils|children|and learning)\b", 6),
        (r"\bhow (will|is|are) (my|your) (child|children) (be )?taught\b", 6),
        (r"\bhow will (the )?(school |setting )?staff support (my|your) child\b", 5),
        # "How will the school support my child?", with the school's own name in it too.
        (r"\bhow (will|does|do|can) ([\w'’&-]+ ){1,4}support (my|your) child\s*\?", 5),
        (r"\bquality first teaching\b|\bhigh quality teaching\b|\badaptive teaching\b", 6),
        (r"\buniversal (provision|offer|support)\b|\bclass teacher\b", 3),
        (r"\bhow (do|will|does) (the )?(teachers?|staff|school) (plan|teach|meet)\b", 5),
        (r"\bteaching\b(?! assistants?)", 3),
    ],
    "adaptations": [
        (r"\badapt", 5),
        (r"\bcurriculum\b", 4),
        (r"\blearning environment\b|\baccess to the curriculum\b", 5),
        (r"\b(additional|extra) (learning |adult )?(support|help)\b", 4),
        (r"\binterventions?\b|\bteaching assistants?\b|\bsupport staff\b", 4),
        (r"\bmatched to\b|\bdifferentiat", 4),
        (r"\bhow (is|will) the decision (be )?made\b", 3),
        (r"\bextra help\b", 2),
    ],
    "staff_expertise": [
        (r"\btraining\b|\bexpertise\b|\bcpd\b|\bin[- ]service\b", 6),
        (r"\bstaff (skills|development|qualifications?)\b|\bqualifications?\b", 6),
        (r"\bspecialist (skills|knowledge)\b", 5),
        (r"\b(specialist )?services and expertise\b|\baccessed by the school\b", -3),
        (r"\b(how )?skilled\b", 5),
    ],
    "equipment_facilities": [
        (r"\bequipment\b", 6),
        (r"\bfacilities\b", 3),
        (r"\bresources\b|\bfunding\b|\ballocation\b|\bbudget\b", 5),
        (r"\bsecur(e|ing) (the )?(equipment|services|resources|provision)\b", 5),
    ],
    "evaluating_effectiveness": [
        (r"\bevaluat", 6),
        (r"\beffectiveness\b|\bsuccess of (the )?provision\b", 6),
        (r"\binclusion quality mark\b|\bquality of (sen[d]? )?provision\b", 4),
        (r"\bmonitoring (and evaluating )?(the )?(sen[d]? )?provision\b", 5),
        (r"\bhow (do|does|will) (we|the school) know\b.*\b(working|effective)\b", 6),
    ],
    "inclusion_activities": [
        (r"\bactivities\b|\btrips?\b|\bclubs?\b|\bextra[- ]curricular\b|\benrichment\b", 6),
        (r"\boutside the classroom\b|\bvisits\b|\bresidential", 5),
        (r"\binclusion of pupils\b|\bincluded in\b|\binclusion\b", 3),
    ],
    "emotional_social": [
        (r"\bemotional\b|\bwell-?being\b|\bpastoral\b|\bmental health\b", 6),
        (r"\bsocial (development|skills)\b|\bbullying\b|\bbehaviour\b", 5),
        (r"\bpersonal development\b|\bself[- ]esteem\b", 4),
        (r"\bfriends(hips?)?\b|\blunchtimes?\b|\bplaytimes?\b|\bhappy (and|&) safe\b", 5),
    ],
    "other_bodies": [
        (r"\b(other|outside|external) (agencies|professionals|services|support)\b", 6),
        (r"\bspecialist services\b|\bagencies\b|\bmulti[- ]agency\b", 5),
        (r"\bhealth (and|&) social care\b|\bsupport from\b|\bworking with others\b", 4),
        (r"\bvoluntary (organisations|sector)\b|\bexternal professionals\b", 5),
        (r"\bspecialist (sen[d]? )?provision\b", 2),
        (r"\b(specialist )?services and expertise\b|\baccessed by the school\b", 7),
    ],
    "parent_support_services": [
        (r"\bparent partnership\b|\bsendiass\b|\biass\b|\bsendias\b", 8),
        (
            r"\bsupport (services )?for (parents|families|me)\b|\bsupport available for (me|you)\b",
            7,
        ),
        (r"\badvice and support\b|\bimpartial\b|\bsupporting (children and )?families\b", 5),
        (r"\bsupport\b.{0,30}\bfor (parents|families|carers)\b", 6),
        (
            r"\bindependent (advice|support|information)\b|\bwhere can (parents|i|families) (get|find)\b",
            7,
        ),
    ],
    "complaints": [
        (r"\bcomplain", 8),
        (r"\b(unhappy|not happy|disagree|disagreements?)\b", 6),
        (r"\bconcerns? (and|or) complaints\b|\braising concerns\b", 8),
    ],
    "looked_after_children": [
        (r"\blooked[- ]after\b|\bchildren in care\b|\bin care\b|\bdesignated teacher\b", 8),
        (r"\bpreviously looked after\b|\bvirtual school\b|\bcared for children\b", 8),
    ],
    "local_offer": [
        (r"\blocal offer\b", 8),
    ],
    "accessibility": [
        (r"\baccessib", 6),
        (r"\badmissions?\b", 6),
        (r"\bdisab(led|ility|ilities) (pupils|children|access)\b|\bequality\b", 5),
        (r"\baccess to (the )?(school|building|site|premises)\b", 6),
        (
            r"\bhow (can|do|does|will) (my child|i|children|pupils|young people) (attend|"
            r"get a place|apply|be admitted)\b|\bapply(ing)? for a place\b",
            5,
        ),
    ],
}

# Headings of parts of a report or policy that answer none of the statutory items.
NON_ANSWER_HEADINGS = re.compile(
    r"\b(aims?|objectives|vision|mission|values|ethos|purpose|definitions?|legislation|"
    r"legal framework|guidance|roles and responsibilit\w*|responsibilit(y|ies)|"
    r"(is|are) responsible for|glossary|monitoring arrangements|review of (this|the) policy|"
    r"policy (compliance|review)|links? (with|to) other policies|confidentiality|"
    r"storing (and managing )?information|data protection|gdpr|safeguarding|contents|"
    r"appendix|introduction|diagram|coalition government|key words|jargon|acronyms|"
    r"abbreviations|"
    r"code of practice)\b",
    re.IGNORECASE,
)

# What a passage that answers no item sounds like: the report talking about itself, the
# law's definitions, the school's ethos, the school's details, a council template's or a
# document host's own text. Weighted like the content patterns; the total counts against
# placing the passage anywhere.
NON_ANSWER_PATTERNS: list[Weighted] = [
    (
        r"\bthis (sen[d]? )?(information )?(report|document|page|policy|section)\b[^.]{0,60}\b("
        r"complies|sets out|explains|is intended|contains|aims|will (include|explain|tell|give)|"
        r"has been (written|produced)|should be read|is (designed|dedicated|updated|reviewed))",
        4,
    ),
    (r"\b(report|policy|information|page) (was|is|will be) (last )?(reviewed|updated)\b", 3),
    (r"\b(report|information) (must|should) include\b|\b(must|required to) publish\b", 3),
    (r"\bregulations 2014 require|\bby law\b|\bstatutory requirement\b", 2),
    # ...but the Code's four broad areas of need are how reports answer "kinds of need".
    (
        r"\bcode of practice\b(?![^.]*\b(broad )?areas of need)[^.]{0,40}\b(gives|provides|"
        r"sets out|states|says|describes)\b",
        3,
    ),
    (
        r"\bha(s|ve) (sen[d]?|special educational needs) if\b|\bis defined as\b|"
        r"\b(use|uses|following) (the )?definition\b|\bprovision means\b",
        4,
    ),
    (
        r"\bwe (believe|recognise|are committed|strive)\b|\b(is|are) committed to\b|"
        r"\bentitled to\b|\b(achieve|reach|fulfil) (their|his|her) (full |best )?potential\b",
        2,
    ),
    (
        r"^\s*(name of (the )?(school|head ?teacher|provision)|(school|college)(/college)? name|"
        r"address|telephone( number)?|website( address)?|twitter|age range|date of (last )?"
        r"(inspection|report)|outcome of (the )?last inspection|ofsted|school specialism|"
        r"type of school|head ?teacher contact)\b",
        5,
    ),
    (r"^\s*(transcript of|page \d+:)", 5),
    # The Equality Act's definition of disability, which reports quote.
    (r"\bphysical or mental impairment\b|\bsubstantial and long[- ]term\b", 4),
    # A page's links and the formats a report comes in say nothing of the provision.
    (r"\bclick (on )?(the )?(links?|here|below|buttons?|tabs?|headings?|questions?)\b", 3),
    (
        r"\b(available|provided) (in|on) (other|alternative|different|large[- ]print) "
        r"(formats?|languages?)\b|\b(other|alternative) (formats?|languages?) (are )?"
        r"(available )?on request\b",
        3,
    ),
    # The governor who oversees SEN is not the SENCO: the passage needs its own case.
    (
        r"\b(sen[d]?|inclusion) governor\b|\bgovernor (responsible )?for "
        r"(sen[d]?|inclusion|special educational needs)\b",
        2,
    ),
    (r"\byour responses\b|\bthe responses need\b|\bevery (early years? setting|school)\b", 3),
    # Round 5: how reports of this kind open, written from the genre (the Regulations'
    # duty to publish, the Code of Practice's definitions, a school's welcome and
    # description of itself, its contact block), not from any one report.
    (
        r"\b(the )?(main )?(purpose|aim) of this (sen[d]? )?(information )?(report|document|"
        r"page|policy)\b",
        4,
    ),
    (
        r"\bthis (sen[d]? )?(information )?(report|document|page)\b[^.]{0,60}\b(is (to|for|"
        r"written|published|here|about|part|intended)|tells|describes|outlines|provides|gives|"
        r"shows|informs|answers|details|summarises|will (help|answer|provide|outline|describe|"
        r"show))",
        4,
    ),
    (
        r"^\s*welcome to\b|\bwelcome to (our|the)\b[^.]{0,40}\b(report|page|local offer|"
        r"website|section)",
        4,
    ),
    (
        r"\b(legal|statutory) (duty|requirement|obligation) to publish\b|\b(are|is) (legally )?"
        r"required (by law )?to publish\b|\bsection 69\b|\bschedule 1\b|\bregulation 51\b",
        4,
    ),
    (r"\bchildren and families act\b[^.]{0,60}\b(requires?|section|part 3|duty)\b", 3),
    (
        r"\bdate of (review|publication)\b|\b(reviewed|approved|ratified|adopted) by (the )?"
        r"(full )?(governors|governing (body|board))\b|\breview date\b",
        4,
    ),
    # The school describing itself: its kind, size, age range, trust, Ofsted grade, place.
    (
        r"\b(is|are) an? ((very |much )?[\w-]+,? ){0,4}(primary|infant|junior|secondary|first|"
        r"middle|nursery|community|village|church|catholic|voluntary|grammar|all-through|"
        r"comprehensive|co-educational|mixed)( \w+){0,3} (school|academy)\b",
        3,
    ),
    (r"\bon (the |our )?roll\b", 2),
    (
        r"\b(part|member) of (the |a )?[^.]{0,40}(?-i:\b(Trust|Federation|Diocese))\b|"
        r"\bmulti[- ]academy trust\b",
        3,
    ),
    (
        r"\b(rated|judged|graded) (as )?['‘\"]?(good|outstanding|requires improvement)\b|"
        r"\bofsted (rated|inspection|judged|report)\b",
        3,
    ),
    (
        r"\b(situated|located|set) (in|on|at|within) (the )?(heart|village|town|city|outskirts|"
        r"beautiful)\b|\b(one|two|three|four|1|2|3|4)[- ]form[- ]entry\b",
        3,
    ),
    (r"\bwe are an? ((very |much )?[\w-]+,? ){0,3}(school|academy|community)\b", 2),
    # The Code of Practice's definitions of a learning difficulty and of SEN provision.
    (
        r"\bsignificantly greater difficulty in learning\b|\bprevents or hinders\b|\bfacilities "
        r"of a kind generally provided\b|\bmainstream post-16 institutions\b|\bprovision that is "
        r"additional to,? or different from\b|\bminor or trivial\b|\bunder compulsory school age\b",
        4,
    ),
    (
        r"\b(sen[d]?|special educational needs|disability)( and disabilit(y|ies))? (is|are) "
        r"(defined|described)\b|\bthe (legal )?definition of\b",
        3,
    ),
    (
        r"\baccording to the (sen[d]? )?code of practice\b|\bthe (sen[d]? )?code of practice "
        r"(2014|2015|\(2015\)|\(2014\))? ?(states|says|defines|requires)\b",
        3,
    ),
    (
        r"\b(all )?schools (must|should|are (expected|required)|have a (legal )?duty)\b|"
        r"\bgoverning bod(y|ies) (must|should|ha(s|ve) a (legal )?duty)\b",
        2,
    ),
    # The Equality Act's duties, quoted as law rather than as what the school does.
    (
        r"\bmust not (directly or indirectly )?discriminate\b|\bharass(ment)?,? or victimis\w+\b|"
        r"\bprotected characteristics?\b|\bpublic sector equality duty\b",
        3,
    ),
    # The school's contact block and its people other than the SENCO.
    (
        r"^\s*(head ?teacher|head of school|executive head ?teacher|principal|chair of (the )?"
        r"governors|chair of (the )?governing (body|board)|school office|office manager|school "
        r"business manager|post ?code|fax)\s*(name)?\s*[:\-–]",
        4,
    ),
    # A postcode, in capitals as addresses write it.
    (rf"(?-i:\b{OUTWARD_CODE} ?{INWARD_CODE}\b)", 3),
    (
        r"\b(our|the) (head ?teacher|head of school|principal|chair of (the )?governors|chair of "
        r"(the )?governing (body|board)) is (mrs|mr|miss|ms|dr)\b",
        3,
    ),
    (
        r"\bour (school )?(vision|mission|ethos|values|motto)\b|\b(every|each) (child|pupil|"
        r"learner|individual) (matters|is unique|is valued|is special|deserves)\b",
        2,
    ),
    # A document's name on a line of its own, in title case ("SEND Policy"): a link to
    # a policy. Not a practice called a policy ("Open door policy").
    (
        r"(?-i:^\s*([•·*–-]\s*)?(Our |The )?(?!Open [Dd]oor)((?:[A-Z][\w&'’-]*|and|&) ){0,4}"
        r"Polic(?:y|ies))\s*(\(pdf\)|\.pdf)?\s*$",
        3,
    ),
    # "Our aims are:" introducing a list of "To ..." aims: the policy's aims, which its
    # list shares (a lead-in's non-answer score goes to its items).
    (
        r"^\s*(our|the|its|the school'?s) (main |key |overall )?(aims|objectives|principles)"
        r"( of [^:]{1,60})?( are| is)?\s*:\s*$",
        3,
    ),
    (
        r"\b(frequently|commonly) asked questions\b|\bquestions (that|which) parents (often|may|"
        r"might|frequently) ask\b|\bbelow (are|you will find) (the )?(answers|questions|"
        r"information)\b",
        3,
    ),
]

CONTENT_PATTERNS: dict[str, list[Weighted]] = {
    "kinds_of_need": [
        (r"\b(kinds?|types?|range|areas?) of (special educational |additional )?needs?\b", 2),
        (r"\bfour (broad )?(areas|categories)\b|\bbroad (areas|categories) of need\b", 3),
        (r"\bcommunication and interaction\b|\bcognition and learning\b", 2),
        (r"\bsocial,? emotional and mental health\b|\bsensory and(/or)? physical\b", 2),
        (
            r"\b(we|the school) (welcome|cater for|make provision for|provide for|support) "
            r"(children|pupils)? ?(with )?(a (wide )?range|all|any)\b",
            3,
        ),
        (r"\bwhatever their (special educational )?needs?\b", 1),
        # A special school or resourced base describing whom it is for.
        (
            r"\b(special|specialist|resourced?) (school|academy|provision|unit|base|setting)\b"
            r"[^.]{0,60}\bfor (children|pupils|students|young people|learners)\b[^.]{0,30}"
            r"\bwith\b",
            3,
        ),
        (
            r"\b(we|school|academy|setting) (provides?|offers?) support for (the following|"
            r"children with|pupils with|students with)\b|\bprovides? for (pupils|children|"
            r"students|learners) with\b|\bwe (support|cater for|provide for|welcome) "
            r"(pupils|children|students|learners) with\b|\bprimarily supports\b",
            3,
        ),
        (
            r"\bhas (sen|special educational needs) if\b|\blearning difficulty or disability which\b",
            2,
        ),
        (r"\bpupils? (on (the|our) sen[d]? register|with (an )?ehcp?s?) (have|has|include)\b", 2),
    ],
    "identification": [
        (r"\bidentif(y|ied|ies|ying|ication)\b", 2),
        (
            r"\bidentif(y|ies|ying|ication of)( and assess(ing|ment of)?)? "
            r"(pupils|children|students|needs|sen[d]?)\b",
            2,
        ),
        (r"\bearly identification\b|\bidentified as (having|needing)\b", 3),
        (r"\b(less|slower) than expected progress\b|\bsignificantly slower\b", 3),
        (
            r"\bconcerns? (are|is) raised\b|\braise (a |any )?concerns?\b|\bif you (are|have) (worried|concern)",
            3,
        ),
        (r"\b(speak|talk) (to|with) (the|your child'?s) class teacher\b.*\bconcern", 2),
        # "...if you think your child may need extra help": the parent's first step.
        (
            r"\b(think|believe|feel|suspect|worried|concerned)\b[^.]{0,40}\b(your|my|their) "
            r"child\b[^.]{0,40}\b(may|might|has|have|needs?)\b",
            3,
        ),
        (r"\bscreening\b|\bdiagnos\w+\b|\bbarriers? to learning\b", 1),
        (r"\bsen register\b|\bsen support register\b", 1),
        (r"\bstatutory assessment\b|\b(ehc|education,? health and care) needs assessment\b", 2),
        (r"\brequest(ed)? (for )?(an? )?(ehcp?|education,? health and care)\b", 2),
        (r"\bgather(ing)? information\b|\binformation from (parents|previous)", 1),
        (r"\bunder observation\b|\bcause for concern\b", 2),
        (
            r"\bfalling behind\b|\bnot making (the )?(expected |adequate )?progress\b|"
            r"\bdifficulties (persist|continue)\b|\bdespite (targeted|high[- ]quality|"
            r"additional|extra) (support|teaching|help|intervention)",
            3,
        ),
        (
            r"\b(placed|put|added) on (the|our) sen[d]? (support )?register\b|\bfind out "
            r"(whether|if) (a|your|the) child\b|\binformation from (nursery|pre-?school)",
            3,
        ),
    ],
    "senco_contact": [
        (r"\bcontact (the|our) sen[d]?co\b|\bsen[d]?co (is|:|-|–)", 3),
        # A staff list's role line: "Inclusion Manager - Mrs A Smith" (a SENCO's other title).
        (
            r"\binclusion (manager|leader|lead|co-?ordinator)\s*(is\b|:|-|–)\s*(mrs|mr|miss|ms|"
            r"mx|dr)\b",
            4,
        ),
        (r"\bkey contacts?\b|\bcan be contacted (on|at|via)\b", 2),
        (r"\b(special educational needs|sen[d]?) co-?ordinator (is|:)", 3),
        (r"\bcontact\b[^.]{0,40}\b(on|at|via)\b[^.]{0,30}\d{4}", 3),
    ],
    "consulting_parents": [
        (
            r"\bparents'? evenings?\b|\bparent(s')? consultations?\b|\bconsultation (meetings|evenings)\b",
            3,
        ),
        (r"\bhome[- ]school (book|diary|diaries|communication|planners?|agreement)\b", 3),
        (r"\bopen[- ]door\b", 3),
        (
            r"\bparents?( and carers)? (are|will be) (invited|involved|consulted|informed|encouraged|kept)\b",
            3,
        ),
        (r"\b(partnership|working) with parents\b|\bparents? (and|&) (the )?school work\b", 3),
        (r"\bcommunicat\w* (with|between) (home|parents)\b|\bregular contact with parents\b", 3),
        (r"\bmeet(s|ing)? with (the )?parents\b|\bparents? (meet|meeting)\b", 3),
        (r"\bparents?\b", 0.5),
        (r"\bnewsletters?\b|\bclass dojo\b|\bemail\b|\bphone call", 1),
        (r"\bcoffee (mornings?|afternoons?)\b|\bworkshops? for parents\b", 2),
        (r"\bparents'? views\b|\bviews of parents\b", 2),
        (
            r"\bparents?\b[^.]{0,40}\b(invited|welcomed?|encouraged)\b[^.]{0,30}\b(meet|discuss|"
            r"talk|share|contribute|attend|come)",
            3,
        ),
        (
            r"\byou know your child best\b|\blisten(ing)? to (what )?(you|parents)\b|\b(work|"
            r"working) (closely )?(with|alongside) (you|parents|families)\b",
            3,
        ),
        (
            r"\b(in|keep) (close )?(touch|contact) with (you|parents|home|families)\b|\bkeep "
            r"(you|parents) (informed|updated|up to date)\b",
            3,
        ),
        (r"\bif you would like (a|to) (word|talk|meet|speak|chat)\b|\ba quick word\b", 2),
    ],
    "consulting_pupils": [
        (r"\bpupil voice\b|\bstudent voice\b|\bchild'?s voice\b", 3),
        (
            r"\b(child|pupil|young person|student)'?s? (own )?views\b|\bviews of (the )?(child|pupil|young)",
            3,
        ),
        (r"\bone[- ]page profiles?\b|\bpupil (passports?|profiles?)\b|\binclusion passports?\b", 2),
        (
            r"\bschool council\b|\b(pupils?|children|child) (are|is|will be) (involved|consulted|asked)\b",
            2,
        ),
        (r"\bage[- ]appropriate (manner|way)\b|\btheir own (targets|learning|support)\b", 2),
        (r"\bchild (will|is) (also )?be consulted\b", 3),
        (
            r"\b(children|pupils|students|they) (help to |help |)set (their )?own targets\b|"
            r"\bwhat helps them\b",
            3,
        ),
    ],
    "assessing_progress": [
        (r"\bprogress\b", 1),
        (r"\bassess,? plan,? do,? review\b|\bapdr\b", 3),
        (r"\bpupil progress meetings?\b|\bprogress meetings?\b", 2),
        (
            r"\b(progress|targets?) (is|are|will be) (monitored|reviewed|tracked|assessed|reported)\b",
            3,
        ),
        (r"\bmonitor(ed|ing)? (the )?progress\b|\btrack(ed|ing)? (the )?progress\b", 2),
        (r"\bsmart targets\b|\b(individual|learning|personal) targets\b|\btargets\b", 1.5),
        (r"\breview(ed)? (meetings?|termly|regularly|at least)\b|\bannual reviews?\b", 2),
        (r"\b(support|individual education|provision) plans?\b", 1),
        (r"\boutcomes\b", 1),
        (r"\bannual (written )?report\b|\breports? to parents\b", 1),
        (r"\bnational expectations?\b|\bage[- ]related expectations?\b|\bpre-key stage\b", 2),
        # What happens when progress is slower than expected: the EHC needs assessment.
        (
            r"\behcp?\b|\beducation,? health and care (plans?|needs assessment)\b|\bstatutory assessment\b",
            2,
        ),
    ],
    "transitions": [
        (r"\btransition(s|ing)?\b", 3),
        (
            r"\bmov(e|es|ing) (on )?(to|between|up|into) (a |the |their )?(new|next|secondary|another|key stage|year|class|school|phase)",
            3,
        ),
        (r"\b(secondary|high|junior|new) schools?\b|\bnursery (and|or) (secondary|primary)\b", 1.5),
        (r"\bpreparing for adulthood\b|\bpreparation for adulthood\b|\bindependent living\b", 3),
        (
            r"\bstarting school\b|\bjoin(s|ing)? (the|our) school\b|\bvisits? to (the|their) new\b",
            2,
        ),
        (r"\bpassed on to\b|\bshared with (the )?(next|new|receiving)\b|\breceiving school\b", 2),
        (r"\bnew (teacher|class)\b|\bnext (class|teacher|year group)\b", 1.5),
    ],
    "teaching_approach": [
        (r"\bquality first teaching\b|\bhigh[- ]quality teaching\b|\bfirst quality teaching\b", 3),
        (
            r"\badaptive teaching\b|\bteaching styles\b|\bclass teacher (is|remains) responsible\b",
            2,
        ),
        (r"\bdifferentiat\w+\b", 1.5),
        (r"\bgraduated (approach|response)\b", 1),
        (r"\bmulti-?sensory\b|\bpersonalised learning\b|\bscaffold", 1.5),
        (r"\bteaching (of|approach|strategies)\b|\btaught\b", 1),
        (r"\bprovision maps?\b", 1),
        (
            r"\b(class )?teachers? (are|is|remain) responsible for the (progress|learning|"
            r"teaching)\b|\blessons are planned\b|\bteachers? plan\b|\bplanned to meet\b",
            3,
        ),
    ],
    "adaptations": [
        (
            r"\badapt(ed|s|ing|ations?)? (the |to |our )?(curriculum|teaching|resources|learning environment|environment)\b",
            3,
        ),
        (r"\blearning environment\b|\baccess to the (full )?curriculum\b", 2),
        (
            r"\bvisual (timetables?|aids|supports?|prompts)\b|\bcoloured overlays\b|\bwriting slopes?\b",
            2,
        ),
        (
            r"\bsmall[- ]groups?\b|\bone[- ]to[- ]one\b|\b1:1\b|\bindividual (support|work)\b|\bwithdraw",
            2,
        ),
        (
            r"\bteaching assistants?\b|\bsupport staff\b|\blearning support assistants?\b|\bin[- ]class support\b",
            1.5,
        ),
        (r"\binterventions?\b", 1),
        (r"\breasonable adjustments?\b", 1.5),
        (r"\b(additional|extra) (adult |learning )?(support|help)\b", 1.5),
        (r"\bindependen(t|ce)\b", 1),
        (r"\bcatch[- ]up\b|\bbooster\b|\bpre[- ]teach", 1.5),
        (
            r"\bbroken down into (smaller )?(steps|chunks|parts)\b|\brecord (their )?work in "
            r"(different|other) ways\b|\bmovement breaks\b|\bworkstations?\b|\bquiet "
            r"(working )?(areas?|spaces?)\b|\bword mats?\b|\bwriting frames?\b",
            2.5,
        ),
    ],
    "staff_expertise": [
        (r"\btrain(ed|ing)\b", 2),
        (r"\bcpd\b|\bprofessional development\b|\binduction\b|\bcourses?\b", 2),
        (r"\bnational award\b|\bnasenco\b|\bnpq\b|\bqualifi(ed|cation)\b", 3),
        (r"\bexpertise\b|\bexperienced\b|\bspecialist (knowledge|skills)\b", 1.5),
        (
            r"\b(staff|teachers|assistants)\b[^.]{0,60}\btrain|\btrain\w*[^.]{0,40}\b(staff|teachers)\b",
            2,
        ),
    ],
    "equipment_facilities": [
        (r"\bequipment\b", 3),
        (r"\bfunding\b|\bbudget\b|\bresources? (are|is) allocated\b|\ballocat\w+\b", 2),
        (r"\bhigh needs funding\b|\btop[- ]up funding\b|\bnotional (sen )?budget\b|\b£\s?\d", 2),
        (
            r"\bsloping boards?\b|\bwriting slopes?\b|\bradio aids?\b|\bwobble cushions?\b|\bfidget",
            2,
        ),
        (r"\bresources\b", 1),
    ],
    "evaluating_effectiveness": [
        (r"\bevaluat\w+\b", 2),
        (r"\beffectiveness\b|\beffective\b", 1.5),
        (r"\bimpact (of|on)\b", 1.5),
        (r"\b(monitor|review)(ed|s|ing)? (the )?(quality|provision|effectiveness)\b", 2),
        (r"\bquestionnaires?\b|\bsurveys?\b|\bfeedback from (staff|parents|pupils)\b", 2),
        (r"\binclusion (quality )?mark\b|\biqm\b|\bintervention impact\b", 3),
        (
            r"\bhow well (the )?(interventions?|support|provision) (works?|is working)\b|"
            r"\bbefore and after\b|\b(entry|exit) (data|assessments?)\b|\bbaseline\b",
            3,
        ),
        (r"\bgovernors?\b.*\b(report|monitor|review)", 1),
    ],
    "inclusion_activities": [
        (r"\b(school )?trips?\b|\bresidential\b|\bvisits\b|\bouting", 2),
        (r"\bafter[- ]school clubs?\b|\bclubs?\b|\bextra[- ]curricular\b", 2),
        (r"\bactivities\b", 1),
        (r"\bsports? day\b|\bphysical (education|activities)\b|\bperformances?\b", 2),
        (r"\b(off[- ]site|outside the classroom)\b", 2),
        (r"\balongside (their )?peers\b|\bsame opportunities\b|\bequal opportunities\b", 1.5),
        (r"\brisk assessments?\b", 1.5),
        (r"\binclusion\b(?! (quality )?mark)|\binclusive\b", 1),
    ],
    "emotional_social": [
        (r"\bemotional\b|\bwell-?being\b|\bpastoral\b|\bmental health\b", 2),
        (r"\bbully\w*\b|\bself[- ]esteem\b|\bresilience\b|\bfriendships?\b", 2),
        (r"\bnurture\b|\belsa\b|\bsocial skills\b|\blunchtime (club|support)\b|\bcalm\b", 2),
        (r"\bbehaviour (policy|management|support|plans?)\b|\bbehaviour\b", 1),
        (
            r"\bsocial development\b|\bpshe\b|\bzones of regulation\b|\bcounsell\w+\b|\bplay therap",
            2,
        ),
        (r"\bsafe (and|&) happy\b|\bfeel(s)? (happy|safe)\b|\btrusted adult\b", 1.5),
    ],
    "other_bodies": [
        (r"\b(outside|external|other) (agencies|agency|professionals|services|specialists)\b", 3),
        (r"\beducational psycholog\w*\b|\bspeech and language\b|\boccupational therap\w*\b", 2),
        (r"\bphysiotherap\w*\b|\bcamhs\b|\bschool nurs\w*\b|\bpaediatric\w*\b|\bsocial care\b", 2),
        (r"\bhealth (services|professionals|visitors?)\b|\bsocial workers?\b|\bearly help\b", 2),
        (r"\breferr(al|als|ed)\b|\bmulti[- ]agency\b|\bprofessionals\b|\bagencies\b", 1.5),
        (r"\bvoluntary (organisations|sector)\b|\bcharit(y|ies)\b|\boutreach\b", 1.5),
        (r"\bspecialist (teachers?|teaching|support|advice|services)\b", 1.5),
        (
            r"\b(?-i:CAF|EHM)\b|\bearly help (module|assessment)\b|\bteam around the (child|family)\b",
            2,
        ),
    ],
    "parent_support_services": [
        (r"\bsendiass\b|\biass\b|\bsendias\b|\bparent partnership\b", 4),
        (r"\binformation,? advice and support\b|\bimpartial (advice|information)\b", 4),
        (
            r"\bparent (support|carer) (groups?|forum)\b|\bparent carer forum\b|\bsupport groups?\b",
            3,
        ),
        (r"\bindependent (advice|support)\b|\bcontact (a|the) family\b", 3),
    ],
    "complaints": [
        (r"\bcomplain\w*\b", 4),
        (r"\bmediation\b|\btribunal\b|\bdisagreement resolution\b|\bappeal\b", 2),
        (r"\bnot happy\b|\bunhappy\b|\bdissatisfied\b", 2),
    ],
    "looked_after_children": [
        (r"\blooked[- ]after\b|\bchildren in care\b|\bchild looked after\b|\bcared for\b", 4),
        (r"\bdesignated teacher\b|\bvirtual school\b|\bpersonal education plans?\b|\bpeps?\b", 3),
        (r"\bpreviously (looked after|in care)\b|\badopt(ed|ion)\b|\bspecial guardianship\b", 2),
    ],
    "local_offer": [
        (r"\blocal offer\b", 4),
    ],
    "accessibility": [
        (r"\baccessib(le|ility)\b", 2),
        (r"\baccessibility plan\b|\baccess plan\b", 3),
        (r"\badmission(s)? (arrangements|policy)\b|\badmitted\b|\badmission\b", 3),
        (
            r"\bwheelchair\b|\bdisabled (toilets?|access|parking|pupils|children)\b|\bhygiene suite\b",
            3,
        ),
        (
            r"\bramps?\b|\blifts?\b|\bhandrails?\b|\bstep[- ]free\b|\blevel access\b|\bsingle[- ]storey\b",
            2,
        ),
        (r"\bequality act\b|\bless favourabl\w+\b|\bdisability discrimination\b", 2),
        (r"\bsite\b|\bbuilding\b", 0.5),
    ],
}


Compiled = list[tuple[re.Pattern[str], float]]


def compile_patterns(
    patterns: dict[str, list[Weighted]], leave_out: frozenset[str] = frozenset()
) -> dict[str, Compiled]:
    """The patterns compiled once, case-insensitive, without the alternatives in
    ``leave_out`` (a pattern left with none is dropped)."""
    compiled: dict[str, Compiled] = {}
    for key, entries in patterns.items():
        compiled[key] = []
        for pattern, weight in entries:
            alternatives = alternatives_of(pattern)
            kept = [alternative for alternative in alternatives if alternative not in leave_out]
            if len(kept) < len(alternatives):
                pattern = "|".join(f"(?:{alternative})" for alternative in kept)
            if kept:
                compiled[key].append((re.compile(pattern, re.IGNORECASE), weight))
    return compiled


def alternatives_of(pattern: str) -> list[str]:
    """A pattern's top-level alternatives: ``a|b(c|d)`` is ``a`` and ``b(c|d)``."""
    alternatives: list[str] = []
    depth, start, index = 0, 0, 0
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            alternatives.append(pattern[start:index])
            start = index + 1
        index += 1
    alternatives.append(pattern[start:])
    return alternatives


def every_alternative() -> set[str]:
    """Every top-level alternative of the heading, content and non-answer patterns."""
    tables = [*HEADING_PATTERNS.values(), *CONTENT_PATTERNS.values(), NON_ANSWER_PATTERNS]
    return {
        alternative
        for entries in tables
        for pattern, _ in entries
        for alternative in alternatives_of(pattern)
    }


@dataclass(frozen=True)
class Lexicon:
    """The compiled word patterns the placer scores headings and passages with.

    ``Lexicon.without(...)`` leaves some alternatives out: the evaluation's
    cross-validation scores a report without the phrases only that report uses, since
    those could have been written from it.
    """

    headings: dict[str, Compiled]
    content: dict[str, Compiled]
    non_answer: Compiled

    @classmethod
    def without(cls, leave_out: frozenset[str] = frozenset()) -> Lexicon:
        return cls(
            headings=compile_patterns(HEADING_PATTERNS, leave_out),
            content=compile_patterns(CONTENT_PATTERNS, leave_out),
            non_answer=compile_patterns({"none": NON_ANSWER_PATTERNS}, leave_out)["none"],
        )


@cache
def standard_lexicon() -> Lexicon:
    """Every pattern, as the importer uses them."""
    return Lexicon.without()
