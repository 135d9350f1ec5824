"""Find the SENCO's name, email address and phone number in a report.

Reports name the SENCO in a handful of ways: "SENCo: Miss M Moss", "Our SENCO is
Mrs Lisa Russell", "Kath Hunt (SENCO)", "Mrs Bedwell, the SENCO", "SEND Co-ordinator
– Mrs S Wilson". The name is returned as written, with its title when the report gives
one anywhere ("Mrs Rachel Wells" rather than "Rachel Wells").
"""

# ruff: noqa: RUF001, RUF002 -- typographic apostrophes and dashes are what documents contain

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Block, BlockKind

_ROLE = (
    r"(?i:\b(?:SEN[D]?[\s-]?Co|SEN[D]?CO|INCo)s?\b"
    r"|\b(?:SEN[D]?|SEN/D|Special\s+Educational\s+Needs(?:\s+and\s+Disabilit(?:y|ies))?"
    r"|Inclusion|Additional\s+Needs)\s+(?:Co-?\s?ordinator|Coordinator|Lead(?:er)?|Manager)\b)"
)
_TITLE = r"(?:Mrs|Mr|Miss|Ms|Mx|Dr|Revd|Rev|Prof|Sir|Dame)\b\.?"
_WORD = r"(?:(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*)"
# Names never run across a line break: the next line is something else.
_INITIALS = r"(?:[A-Z]\.?[ ]?){1,3}"
_TITLED = rf"{_TITLE}[ ]*(?:{_INITIALS}[ ]*)?{_WORD}(?:[ ]+{_WORD}){{0,2}}|{_TITLE}[ ]+{_WORD}"
_UNTITLED = rf"{_WORD}(?:[ ]+{_WORD}){{1,2}}"
_NAME = rf"(?P<name>{_TITLED}|{_UNTITLED})"
_SEP = r"\s*(?:[:=\-–—,]|\bis\b|\bis called\b|\bis\s*[-–:])?\s*(?:\bis\b\s*)?(?:[-–:]\s*)?"

# (pattern, confidence): earlier and surer ways of naming the SENCO score higher.
_PATTERNS = [
    (re.compile(rf"{_ROLE}(?:\s+(?:at|for|in|of)\s+[\w’' ]{{1,40}}?)?{_SEP}{_NAME}"), 3),
    (re.compile(rf"{_NAME}\s*\(\s*(?:the\s+)?(?:school['’]?s\s+)?{_ROLE}\s*\)"), 3),
    (re.compile(rf"{_NAME},?\s+(?:is\s+)?(?i:the|our)\s+(?:school['’]?s\s+)?{_ROLE}"), 2),
    (re.compile(rf"{_NAME}\s*[-–—:,]\s*{_ROLE}"), 2),
]
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

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name or None, "email": self.email or None, "phone": self.phone or None}


def _clean_name(raw: str) -> str | None:
    words = raw.replace("\n", " ").split()
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
        email = next((e for e in emails if re.search(r"senc?o|sendco", e, re.I)), "")
        return SencoContact("", email, "", None) if email else None
    name = _with_title(blocks, best[3])
    index = -best[2]
    email = next((e for e in emails if _PERSONAL_EMAIL.search(e.split("@")[0])), "")
    if not email:
        email = next(iter(_EMAIL.findall(blocks[index].text)), "")
    phones = _find_near(blocks, index, _PHONE)
    return SencoContact(name, email, phones[0].strip() if phones else "", index)


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


def _find_near(blocks: list[Block], index: int | None, pattern: re.Pattern[str]) -> list[str]:
    """Matches in the block at ``index`` and the few after it, before the next heading."""
    if index is None:
        return [m for block in blocks for m in pattern.findall(block.text)]
    found: list[str] = []
    for block in blocks[index : index + _CONTACT_WINDOW + 1]:
        if block.kind == BlockKind.HEADING and block is not blocks[index]:
            break
        if _OTHER_SERVICE.search(block.text):
            continue
        found.extend(pattern.findall(block.text))
    return found
