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

_ROLE = (
    r"(?i:\b(?:SEN[D]?[\s-]?Co|SEN[D]?CO|INCo)s?\b"
    r"|\b(?:SEN[D]?|SEN/D|SEND/Inclusion|Special\s+Educational\s+Needs"
    r"(?:\s+(?:and|&)\s+Disabilit(?:y|ies))?(?:\s+and/or\s+Disabilit(?:y|ies))?"
    r"|Inclusion|Additional\s+(?:Educational\s+)?Needs|Learning\s+Support)"
    r"\s+(?:Co-?\s?ordinator|Coordinator|Lead(?:er)?|Manager)s?\b)"
    # "Special Educational Needs Co-ordinator (SENCo)": the abbreviation after the role.
    r"(?:\s*\(\s*(?i:SEN[D]?[\s-]?Co|SEN[D]?CO|INCo)\s*\))?"
)
_TITLE = r"(?:Mrs|Mr|Miss|Ms|Mx|Dr|Revd|Rev|Prof|Sir|Dame)\b\.?"
_WORD = r"(?:(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*)"
# Names never run across a line break: the next line is something else.
_INITIALS = r"(?:[A-Z]\.?[ ]?){1,3}"
_TITLED = rf"{_TITLE}[ ]*(?:{_INITIALS}[ ]*)?{_WORD}(?:[ ]+{_WORD}){{0,2}}|{_TITLE}[ ]+{_WORD}"
_UNTITLED = rf"{_WORD}(?:[ ]+{_WORD}){{1,2}}"
_NAME = rf"(?P<name>{_TITLED}|{_UNTITLED})"
_SEP = (
    r"\s*(?:['’]s\s+name(?:\s+and\s+contact\s+details)?\s*(?:is)?\s*)?"
    r"(?:[:=\-–—,]|\b(?:is|are)(?:\s+(?:called|named|currently))?\b|\bis\s*[-–:]|\bnamed\b)?"
    r"\s*(?:\b(?:is|currently)\b\s*)?(?:[-–:]\s*)?"
)
# "SENCO Miss A Smith": a titled name straight after the role needs no separator.

# (pattern, confidence): earlier and surer ways of naming the SENCO score higher.
_PATTERNS = [
    (re.compile(rf"{_ROLE}(?:\s+(?:at|for|in|of)\s+[\w’' ]{{1,40}}?)?{_SEP}{_NAME}"), 3),
    (re.compile(rf"{_NAME}\s*\(\s*(?:the\s+)?(?:school['’]?s\s+)?{_ROLE}\s*\)"), 3),
    (re.compile(rf"{_NAME},?\s+(?:is\s+)?(?i:the|our)\s+(?:school['’]?s\s+)?{_ROLE}"), 2),
    (re.compile(rf"{_NAME}\s*[-–—:,]\s*{_ROLE}"), 2),
    # "Mrs Jane Smith SENDCo and Designated Safeguarding Lead": a roster line.
    (re.compile(rf"(?P<name>{_TITLED})[ ]+{_ROLE}"), 2),
]
# A block that only names the role ("Key Stage 2 SENDCo"), with the name on its own
# line after it, as staff lists put it.
_ROLE_ONLY = re.compile(rf"^[\w&/ -]{{0,30}}?{_ROLE}[\s:,-–]*$")
_NAME_ONLY = re.compile(rf"^\s*{_NAME}\s*[.,;:]?\s*$")
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
    ]
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(
    r"(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)"
)
_OTHER_SERVICE = re.compile(r"parent partnership|sendias|\biass\b|helpline|local authority", re.I)
_PERSONAL_EMAIL = re.compile(r"sen|inclusion|senco", re.I)
_CONTACT_WINDOW = 4


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
    titled = re.match(_TITLE, words[0]) is not None
    rest = words[1:] if titled else words
    if not rest or any(word.strip(".,").lower() in _NOT_NAME for word in rest):
        return None
    if not titled and (len(rest) < 2 or any(len(word.strip(".")) < 2 for word in rest)):
        return None
    return " ".join(words).rstrip(",;:")


def _surname(name: str) -> str:
    return name.split()[-1].split(".")[-1]


def find_senco(blocks: list[Block]) -> SencoContact | None:
    """The SENCO's contact details, or None when the report does not name a SENCO."""
    best: tuple[int, int, int, str] | None = None  # (confidence, titled, -index, name)
    for index, block in enumerate(blocks):
        if _ROLE_ONLY.match(block.text) and index + 1 < len(blocks):
            following = _NAME_ONLY.match(blocks[index + 1].text)
            name = _clean_name(following.group("name")) if following else None
            if name:
                titled = int(re.match(_TITLE, name) is not None)
                candidate = (2, titled, -(index + 1), name)
                if best is None or candidate[:3] > best[:3]:
                    best = candidate
        for pattern, confidence in _PATTERNS:
            for match in pattern.finditer(block.text):
                name = _clean_name(match.group("name"))
                if not name:
                    continue
                titled = int(re.match(_TITLE, name) is not None)
                candidate = (confidence, titled, -index, name)
                if best is None or candidate[:3] > best[:3]:
                    best = candidate
    emails = _find_near(blocks, best[2] * -1 if best else None, _EMAIL)
    if best is None:
        email = next((e for e, _ in emails if re.search(r"senc?o|sendco", e, re.I)), "")
        return SencoContact("", email, "", None) if email else None
    name = _with_title(blocks, best[3])
    index = -best[2]
    found = [(e, i) for e, i in emails if _PERSONAL_EMAIL.search(e.split("@")[0])]
    found = found[:1] or [(e, index) for e in _EMAIL.findall(blocks[index].text)][:1]
    phones = _find_near(blocks, index, _PHONE)[:1]
    contact_blocks = tuple(sorted({i for _, i in found + phones} - {index}))
    return SencoContact(
        name,
        found[0][0] if found else "",
        phones[0][0].strip() if phones else "",
        index,
        contact_blocks,
    )


def _with_title(blocks: list[Block], name: str) -> str:
    """The fullest titled form of ``name`` used anywhere in the report."""
    if re.match(_TITLE, name):
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
    blocks: list[Block], index: int | None, pattern: re.Pattern[str]
) -> list[tuple[str, int]]:
    """Matches, with their block's index, in the block at ``index`` and the few after
    it, before the next heading (everywhere when ``index`` is None)."""
    if index is None:
        return [(m, i) for i, block in enumerate(blocks) for m in pattern.findall(block.text)]
    found: list[tuple[str, int]] = []
    for number in range(index, min(len(blocks), index + _CONTACT_WINDOW + 1)):
        block = blocks[number]
        if block.kind == BlockKind.HEADING and number != index:
            break
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
