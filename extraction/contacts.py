"""Find the SENCO's name, email address and phone number in a report.

Reports name the SENCO in a handful of ways: "SENCo: Miss M Moss", "Our SENCO is
Mrs Lisa Russell", "Kath Hunt (SENCO)", "Mrs Bedwell, the SENCO", "SEND Co-ordinator
– Mrs S Wilson". The name is returned as written, with its title when the report gives
one anywhere ("Mrs Rachel Wells" rather than "Rachel Wells").
"""

# ruff: noqa: RUF001, RUF002, RUF003 -- typographic apostrophes and dashes are what documents contain

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Block, BlockKind

_AREA = (
    r"(?:SEN[D]?|SEN/D|SEND/Inclusion|Special\s+Educational\s+Needs"
    r"(?:\s+(?:and|&)\s+Disabilit(?:y|ies))?(?:\s+and/or\s+Disabilit(?:y|ies))?"
    r"|Special\s+Needs|Inclusion|Additional\s+(?:Educational\s+)?Needs|Additional\s+"
    r"Learning\s+Needs|Learning\s+Support)"
)
_ROLE = (
    r"(?i:\b(?:SEN[D]?[\s-]?Co|SEN[D]?CO|INCo|ALNCo)s?\b"
    rf"|\b{_AREA}\s+(?:Co-?\s?ordinator|Coordinator|Lead(?:er)?|Manager)s?\b"
    # "Head of Inclusion", "Assistant Headteacher for SEND", "Director of Inclusion".
    # "Assistant Principal (SEND)", "Co-ordinator for Special Educational Needs".
    r"|\b(?:(?:Assistant|Deputy|Vice)\s+)?(?:Head(?:teacher)?|Principal|Director|Leader|Lead"
    r"|Co-?\s?ordinator|Coordinator)"
    rf"\s*(?:(?:of|for)\s+|\(\s*(?={_AREA}\s*\))|[-–]\s*){_AREA}\b(?:\s*\))?)"
    # "Special Educational Needs Co-ordinator (SENCo)": the abbreviation after the role.
    r"(?:\s*\(\s*(?i:SEN[D]?[\s-]?Co|SEN[D]?CO|INCo)\s*\))?"
)
# Other duties a SENCO's entry may name beside the role ("Deputy Head and SENCo",
# "Assistant Head / SENDCo"): a few words joined to the role by "and", "&" or "/".
_ALSO = r"(?:[A-Za-z][A-Za-z-]*\s+){0,3}?[A-Za-z][A-Za-z-]*\s*(?:and|&|/)\s*"
# Letters after a name ("BA (Hons) NASENCo"): capitalised abbreviations and brackets.
_LETTERS = r"(?:[ ]+(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*|\((?:Hons|hons)\)),?){1,5}"
_TITLE = r"(?:Mrs|Mr|Miss|Ms|Mx|Dr|Revd|Rev|Prof|Sir|Dame)\b\.?"
_WORD = r"(?:(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*)"
# Names never run across a line break: the next line is something else.
_INITIALS = r"(?:[A-Z]\.?[ ]?){1,3}"
_CAPS_TITLE = r"(?:MRS|MR|MISS|MS|DR)\b\.?"
_CAPS_WORD = r"(?:(?:MC|MAC|O['’])?[A-Z]{2,}(?:[-'’][A-Z]{2,})*)"
_TITLED = (
    rf"{_TITLE}[ ]*(?:{_INITIALS}[ ]*)?{_WORD}(?:[ ]+{_WORD}){{0,2}}|{_TITLE}[ ]+{_WORD}"
    # "MRS J SMITH": a name in capitals, only with its title.
    rf"|{_CAPS_TITLE}[ ]+(?:{_INITIALS}[ ]*)?{_CAPS_WORD}(?:[ ]+{_CAPS_WORD})?"
)
_UNTITLED = rf"{_WORD}(?:[ ]+{_WORD}){{1,2}}"
_NAME = rf"(?P<name>{_TITLED}|{_UNTITLED})"
# A second name after the first ("Mrs A Crane and Mr L Wei are our SENCos").
_AND_NAME = rf"(?:\s+(?:and|&)\s+(?:{_TITLED}|{_UNTITLED}))?"
_SEP = (
    r"\s*(?:(?:['’]s)?\s+name(?:\s+and\s+contact\s+details)?\b\s*(?:is)?\s*)?"
    r"(?:[:=\-–—,(?]|\b(?:is|are)(?:\s+(?:called|named|currently))?\b|\bis\s*[-–:]|\bnamed\b)?"
    # "Our SENCo, who is Mrs X", "Our SENCo (who is called Mrs X)": the name in apposition.
    r"\s*(?:\bwho\s+(?:is|are)(?:\s+(?:called|named|currently))?\b)?"
    r"\s*(?:\b(?:is|currently)\b\s*)?(?:[-–:]\s*)?"
)
# After the role, before the name: a second duty ("SENCo and Deputy Head, Mrs X") or a
# clause about the person ("Our SENCo, who is also our Deputy Head, is Mrs X").
_ROLE_TAIL = (
    r"(?:\s*(?:and|&|/)\s*(?:[A-Z][A-Za-z-]*\s+){0,3}?[A-Z][A-Za-z-]*(?=\s*[,:\-–(]))?"
    r"(?:\s*,\s*who\s+(?:is|are)\s+also\s+[^,.]{1,40},)?"
)
# "SENCO Miss A Smith": a titled name straight after the role needs no separator.

# (pattern, confidence): earlier and surer ways of naming the SENCO score higher.
_PATTERNS = [
    (
        re.compile(rf"{_ROLE}(?:\s+(?:at|for|in|of)\s+[\w’' ]{{1,40}}?)?{_ROLE_TAIL}{_SEP}{_NAME}"),
        3,
    ),
    # "The role of SENCo is held by Mrs X", "SENCo duties are carried out by Mrs X".
    (
        re.compile(
            rf"{_ROLE}(?:\s+(?i:role|duties|post))?\s+(?i:is|are)\s+(?i:currently\s+)?"
            rf"(?i:held|carried\s+out|undertaken|filled|covered|shared)\s+by\s+{_NAME}"
        ),
        3,
    ),
    (
        re.compile(
            rf"{_NAME}(?:{_LETTERS})?\s*\(\s*(?:(?i:the|our)\s+)?(?:school['’]?s\s+)?(?:{_ALSO})?{_ROLE}"
            r"[^()]{0,40}\)"
        ),
        3,
    ),
    (
        re.compile(
            rf"{_NAME}{_AND_NAME},?\s+(?:(?i:who\s+)?(?i:is|are)\s+(?:also\s+)?)?(?i:the|our)\s+"
            rf"(?:school['’]?s\s+)?(?:{_ALSO})?{_ROLE}"
        ),
        2,
    ),
    # "Mrs Vale is SENCo", "Mrs Vale has the role of SENCo", "... acts as SENDCo".
    (
        re.compile(
            rf"{_NAME}{_AND_NAME}\s+(?i:is|are|has\s+the\s+role\s+of|acts\s+as|works\s+as)"
            rf"\s+(?:(?i:a|an|the)\s+)?(?:{_ALSO})?{_ROLE}"
        ),
        2,
    ),
    (re.compile(rf"{_NAME}(?:{_LETTERS})?\s*[-–—:,]\s*(?:{_ALSO})?{_ROLE}"), 2),
    # "Mrs Jane Smith SENDCo and Designated Safeguarding Lead": a roster line.
    (re.compile(rf"(?P<name>{_TITLED})[ ]+{_ROLE}"), 2),
    # "The person responsible for co-ordinating SEN provision is Mrs Ada Crane."
    (
        re.compile(
            r"(?i:\b(?:person|member of staff|teacher)\s+(?:with\s+)?responsib\w*\s+for\s+"
            rf"(?:co-?ordinating\s+)?(?:the\s+)?{_AREA}(?:\s+provision)?(?:\s+in\s+school)?)"
            rf"\s*(?:is|:|-|–)\s*{_NAME}"
        ),
        2,
    ),
]
# A block that only names the role ("Key Stage 2 SENDCo", "Role: SENCo"), with the name
# on its own line after it (staff lists) or before it (a name, then its role).
_ROLE_ONLY = re.compile(rf"^[\w&/: -]{{0,30}}?{_ROLE}(?:\s+(?:is|are))?[\s:,?\-–]*$")
_NAME_ONLY = re.compile(rf"^\s*(?i:name\s*:\s*)?{_NAME}\s*[.,;:]?\s*$")
# Words that show a capitalised run is an organisation or a place, not a person.
_INSTITUTION = frozenset(
    [
        "school",
        "primary",
        "academy",
        "college",
        "nursery",
        "infant",
        "infants",
        "junior",
        "juniors",
        "trust",
        "council",
        "federation",
        "partnership",
        "church",
        "authority",
        "service",
        "services",
        "team",
        "centre",
        "county",
        "city",
        "borough",
        "local",
        "offer",
        "policy",
        "report",
    ]
)
# Capitalised words that follow a role but are not names.
_NOT_NAME = frozenset(
    [
        "the",
        "they",
        "this",
        "these",
        "their",
        "there",
        "he",
        "she",
        "we",
        "our",
        "your",
        "his",
        "her",
        "all",
        "if",
        "in",
        "at",
        "for",
        "on",
        "and",
        "is",
        "has",
        "who",
        "will",
        "can",
        "may",
        "please",
        "contact",
        "email",
        "e-mail",
        "tel",
        "telephone",
        "phone",
        "school",
        "head",
        "headteacher",
        "teacher",
        "governor",
        "governors",
        "team",
        "office",
        "support",
        "named",
        "approachable",
        "deputy",
        "assistant",
        "inclusion",
        "manager",
        "lead",
        "leader",
        "coordinator",
        "co-ordinator",
        "senco",
        "sendco",
        "sen",
        "send",
        "parents",
        "parent",
        "class",
        "pupils",
        "children",
        "staff",
        "special",
        "educational",
        "needs",
        "key",
        "role",
        "she's",
        "also",
        "responsible",
        "mobile",
        "website",
        "details",
        "information",
        "via",
        "by",
        "through",
        # Capitalised words that follow a role in a heading or a sentence, never names.
        "network",
        "meeting",
        "meetings",
        "forum",
        "cluster",
        "award",
        "national",
        "qualified",
        "qualification",
        "training",
        "referral",
        "referrals",
        "register",
        "plan",
        "plans",
        "review",
        "reviews",
        "provision",
        "policy",
        "report",
        "room",
        "base",
        "hub",
        "group",
        "speech",
        "language",
        "therapist",
        "therapy",
        "psychologist",
        "officer",
        "worker",
        "advisor",
        "adviser",
        "assessment",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
    ]
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(
    r"(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)"
)
_OTHER_SERVICE = re.compile(r"parent partnership|sendias|\biass\b|helpline|local authority", re.I)
_PERSONAL_EMAIL = re.compile(r"sen|inclusion|senco", re.I)
_CONTACT_WINDOW = 4
# A line that is only a contact detail, as a staff entry lists them under the name.
_CONTACT_LINE = re.compile(r"^\s*(?:e-?mail|e|email address|contact)\s*[:\-–]?\s*\S+@\S+\s*$", re.I)
# Another person's entry ("Mr Y", "Headteacher: Bob Y"): its email and phone are theirs,
# not the SENCO's. A role named in a sentence ("contact the SENCo or the head teacher
# on...") is not an entry.
_OTHER_PERSON = re.compile(
    rf"{_TITLE}\s*(?:{_INITIALS}\s*)?{_WORD}|\b(?i:head\s*teacher|principal|head of school|"
    r"governor|chair|deputy head|business manager|office manager)\s*[:\-–]\s*[A-Z]"
)


@dataclass(frozen=True)
class SencoContact:
    """The SENCO's details as found in the report (any may be empty)."""

    name: str
    email: str
    phone: str
    # Which block names the SENCO (the passage holding it answers "senco_contact").
    block_index: int | None = None
    # Other blocks that hold the SENCO's email or phone ("Contact via the office – 01632...").
    contact_blocks: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name or None, "email": self.email or None, "phone": self.phone or None}


def _clean_name(raw: str) -> str | None:
    words = raw.replace("\n", " ").split()
    if any(word.strip(".,;:").lower() in _INSTITUTION for word in words):
        return None
    # Drop trailing words that are roles or sentence words, not part of the name.
    while words and words[-1].strip(".,;:").lower() in _NOT_NAME:
        words.pop()
    if not words:
        return None
    titled = _is_titled(words[0])
    rest = words[1:] if titled else words
    if not rest or any(word.strip(".,").lower() in _NOT_NAME for word in rest):
        return None
    if not titled and (len(rest) < 2 or any(len(word.strip(".")) < 2 for word in rest)):
        return None
    return " ".join(words).rstrip(",;:")


def _is_titled(name: str) -> bool:
    return re.match(rf"{_TITLE}|{_CAPS_TITLE}", name) is not None


def _surname(name: str) -> str:
    return name.split()[-1].split(".")[-1]


def find_senco(blocks: list[Block]) -> SencoContact | None:
    """The SENCO's contact details, or None when the report does not name a SENCO."""
    best: tuple[int, int, int, str] | None = None  # (confidence, titled, -index, name)
    for index, block in enumerate(blocks):
        if _ROLE_ONLY.match(block.text.split("\n", 1)[0]):
            # The name on the line after the role, or else on the line before it.
            for other in (index + 1, index - 1):
                if not 0 <= other < len(blocks):
                    continue
                # A name card: the name's own line, then (or after) its contact lines.
                lines = blocks[other].text.split("\n")
                near = _NAME_ONLY.match(lines[0] if other > index else lines[-1])
                name = _clean_name(near.group("name")) if near else None
                if name:
                    titled = int(_is_titled(name))
                    candidate = (2, titled, -other, name)
                    if best is None or candidate[:3] > best[:3]:
                        best = candidate
                    break
        for pattern, confidence in _PATTERNS:
            for match in pattern.finditer(block.text):
                name = _clean_name(match.group("name"))
                if not name:
                    continue
                titled = int(_is_titled(name))
                candidate = (confidence, titled, -index, name)
                if best is None or candidate[:3] > best[:3]:
                    best = candidate
    if best is None:
        emails = _find_near(blocks, None, _EMAIL)
        email = next((e for e, _ in emails if re.search(r"senc?o|sendco", e, re.I)), "")
        return SencoContact("", email, "", None) if email else None
    name = _with_title(blocks, best[3])
    index = -best[2]
    emails = _find_near(blocks, index, _EMAIL, name)
    surname = _surname(name).lower().replace("’", "'")
    found = [
        (e, i)
        for e, i in emails
        if _PERSONAL_EMAIL.search(e.split("@")[0]) or surname in e.split("@")[0].lower()
    ]
    # Otherwise the address given in the SENCO's own entry: the block naming them, or a
    # line of it that is only an address ("Email: office@...").
    found = (
        found[:1]
        or [(e, i) for e, i in emails if i == index or _CONTACT_LINE.match(blocks[i].text)][:1]
    )
    phones = _find_near(blocks, index, _PHONE, name)[:1]
    contact_blocks = tuple(sorted({i for _, i in found + phones} - {index}))
    return SencoContact(
        name,
        found[0][0] if found else "",
        phones[0][0].strip().lstrip("(") if phones else "",
        index,
        contact_blocks,
    )


def _with_title(blocks: list[Block], name: str) -> str:
    """The fullest titled form of ``name`` used anywhere in the report."""
    if _is_titled(name):
        return name
    pattern = re.compile(
        rf"{_TITLE}\s*(?:{_INITIALS}\s*)?(?:{_WORD}\s+)?{re.escape(_surname(name))}\b"
    )
    for block in blocks:
        match = pattern.search(block.text)
        if match:
            return match.group(0)
    return name


def _find_near(
    blocks: list[Block], index: int | None, pattern: re.Pattern[str], name: str = ""
) -> list[tuple[str, int]]:
    """Matches, with their block's index, in the block at ``index`` and the few after
    it, before the next heading, skipping other people's entries (everywhere when
    ``index`` is None)."""
    if index is None:
        return [(m, i) for i, block in enumerate(blocks) for m in pattern.findall(block.text)]
    surname = re.compile(rf"\b{re.escape(_surname(name))}\b") if name else None
    found: list[tuple[str, int]] = []
    for number in range(index, min(len(blocks), index + _CONTACT_WINDOW + 1)):
        block = blocks[number]
        if block.kind == BlockKind.HEADING and number != index:
            break
        if (
            number != index
            and _OTHER_PERSON.search(block.text)
            and not (surname and surname.search(block.text))
        ):
            continue  # another person's details ("Head of school - Mrs X, 01632...")
        if _OTHER_SERVICE.search(block.text):
            continue
        found.extend((m, number) for m in pattern.findall(block.text))
    return found


def names_senco(text: str, senco: SencoContact) -> bool:
    """Whether ``text`` names the SENCO found in the report (by surname, with a title or
    the role beside it), as a second mention does ("contact Mrs Smith, our SENCO")."""
    if not senco.name:
        return False
    surname = re.escape(_surname(senco.name))
    return bool(
        re.search(rf"{_TITLE}\s*(?:{_INITIALS}\s*)?(?:{_WORD}\s+)?{surname}\b", text)
        or (re.search(rf"\b{surname}\b", text) and re.search(_ROLE, text))
    )
