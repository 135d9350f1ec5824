"""Place each passage of a report under the statutory item it answers.

A passage is a paragraph, a list with the sentence that introduces it, or a single list
item. Its score for each checklist key adds up

* the headings above it: the nearest heading counts most, its parents less; a
  heading is scored by the heading lexicon and by how many of its words it shares
  with the council's wording of each question;
* its own words: the content lexicon and the vocabulary terms it names.

The best key wins when its score is high enough. Under a heading that answers no
statutory item ("Aims", "Roles and responsibilities") a passage needs strong evidence
of its own. A passage with too little evidence takes the key of the passage before it
in the same paragraph or list, and otherwise stays unplaced.
"""

# ruff: noqa: RUF001, RUF003 -- typographic apostrophes and dashes are what documents contain

from __future__ import annotations

import re
from collections.abc import Iterable

from schools.checklist import STATUTORY_KEYS

from .facets import Term, Vocabulary, _Text
from .glossary import glossary_entries
from .lexicon import NON_ANSWER_HEADINGS, Lexicon, standard_lexicon
from .passages import TITLE_AREA_WORDS, Passage
from .similarity import NONE, ItemProfiles, LearnedVocabulary, learned_vocabulary

_WORD = re.compile(r"[a-z]+")

# How much each heading above a passage counts: the nearest fully, its parents less.
_HEADING_WEIGHTS = (0.75, 0.3, 0.15)
# A heading's own score is capped so a passage's content can still outvote it.
_HEADING_CAP = 8.0
PLACE_THRESHOLD = 2.5
# With no heading that names an item, a passage's own words must be a little stronger.
CONTENT_ONLY_THRESHOLD = 3.5
# The SENCO's name marks a passage as answering "senco_contact" (see extractor).
SENCO_EVIDENCE = 4.0
# A heading scoring this much names its item clearly enough for passages that say little.
_USABLE_HEADING = 3.0
# Under a heading that answers nothing, a passage must make its own case this strongly.
STRONG_CONTENT = 8.0
# A passage goes under a second item too when that item scores at least this share of
# the first's score, and (but for a passage naming the SENCO) at least this much.
_DUAL_SHARE = 0.7
_DUAL_MIN = 5.0
# A passage naming the SENCO goes under its other topic too from this score.
_SENCO_SECOND = 4.0
# A passage under a heading that names no item needs this much evidence of its own.
_OWN_TOPIC = 2.0
# How much of a lead-in sentence's evidence each item of its list shares.
_LEAD_IN_SHARE = 0.5
# A lead-in sentence takes the item most of its list is placed under, when at least
# this many of its items are placed.
_LIST_AGREEMENT = 2
# A passage sounding this much like an introduction, definition or the school's details
# answers nothing unless its own words are very clear.
NON_ANSWER = 3.0
# Without a heading to go on, a passage's own words may place it from this score up.
WEAK_CONTENT = 1.5
# A heading this sure of its item is not a "non-answer" heading even if it says "aims".
_CLEAR_HEADING = 5.0
# How much a heading's likeness to an item's own question and guidance counts, and the
# likeness (cosine) below which it is ignored.
QUESTION_WEIGHT = 8.0
_QUESTION_MIN = 0.2
# How much the vocabulary learned from labelled reports adds to a passage's own words.
LEARNED_WEIGHT = 0.75
_LEARNED_CAP = 6.0
# A service is evidence for the item whose own words name it this clearly (cosine),
# among the items a service can answer; otherwise for "other bodies".
_SERVICE_ITEMS = frozenset({"parent_support_services", "looked_after_children"})
_SERVICE_ITEM_LIKENESS = 0.4
# Titles and menu entries: at most this many words, most of them capitalised.
_TITLE_WORDS = 10
_MINOR_WORDS = frozenset(["a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with"])
# A contents list: short entries, one after another, naming this many different items.
_CONTENTS_ITEMS = 3
_CONTENTS_ENTRY_WORDS = 20
# ...or a run of this many such entries, most of them questions: a list of the questions
# the report answers further on, whatever words they use.
_CONTENTS_QUESTIONS = 4
_NUMBERING = re.compile(r"^\s*(?:•\s*)?\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s*")


class Placer:
    """Scores and places passages; built once per document with the current vocabulary."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        questions: dict[str, str],
        learned: LearnedVocabulary | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.lexicon = lexicon if lexicon is not None else standard_lexicon()
        self.profiles = ItemProfiles(questions)
        self.learned = learned if learned is not None else learned_vocabulary()
        self._heading_cache: dict[str, dict[str, float]] = {}
        self.service_items = self._service_items(vocabulary.services)

    def _service_items(self, services: list[Term]) -> dict[str, list[Term]]:
        """The services grouped by the item naming one is evidence for.

        Most services are "other bodies" the school works with, but a few have an item
        of their own: SENDIASS is the support for parents, the virtual school the
        support for children in care. Which one is read from the item's own words
        (its question and guidance name the service), so a service a council adds in
        the admin finds its item the same way.
        """
        grouped: dict[str, list[Term]] = {}
        for term in services:
            words = " ".join(" ".join(phrase.words) for phrase in term.phrases)
            likeness = {
                key: value
                for key, value in self.profiles.similarity(words).items()
                if key in _SERVICE_ITEMS
            }
            key = max(likeness, key=likeness.get, default=None)
            if key is None or likeness[key] < _SERVICE_ITEM_LIKENESS:
                key = "other_bodies"
            grouped.setdefault(key, []).append(term)
        return grouped

    # -- scores ---------------------------------------------------------------
    def heading_scores(self, heading: str) -> dict[str, float]:
        """How strongly a heading says its section answers each key."""
        if heading in self._heading_cache:
            return self._heading_cache[heading]
        scores: dict[str, float] = {}
        for key, patterns in self.lexicon.headings.items():
            value = 0.0
            negative = 0.0
            for pattern, weight in patterns:
                if pattern.search(heading):
                    if weight < 0:
                        negative += weight
                    else:
                        value = max(value, weight)
            if value + negative > 0:
                scores[key] = value + negative
        for key, likeness in self.profiles.similarity(heading).items():
            if likeness >= _QUESTION_MIN:
                scores[key] = scores.get(key, 0.0) + QUESTION_WEIGHT * likeness
        self._heading_cache[heading] = scores
        return scores

    def content_scores(self, text: str) -> dict[str, float]:
        """How strongly a passage's own words say it answers each key."""
        scores: dict[str, float] = {}
        for key, patterns in self.lexicon.content.items():
            total = 0.0
            for pattern, weight in patterns:
                count = len(pattern.findall(text))
                if count:
                    total += weight * (1 + 0.5 * (min(count, 3) - 1))
            if total:
                scores[key] = total
        none = sum(weight for pattern, weight in self.lexicon.non_answer if pattern.search(text))
        if none:
            scores[NONE] = none
        for key, value in self.learned.evidence(text).items():
            scores[key] = scores.get(key, 0.0) + LEARNED_WEIGHT * min(value, _LEARNED_CAP)
        words = _Text(text)
        self._add_terms(scores, words, self.vocabulary.needs, "kinds_of_need", 1.0, 3.0)
        self._add_terms(scores, words, self.vocabulary.accessibility, "accessibility", 1.5, 4.5)
        for key, terms in self.service_items.items():
            self._add_terms(scores, words, terms, key, 1.5, 4.5)
        return scores

    @staticmethod
    def _add_terms(
        scores: dict[str, float], words: _Text, terms: list[Term], key: str, each: float, cap: float
    ) -> None:
        found = sum(
            1
            for term in terms
            if any(not phrase.ambiguous and words.contains(phrase) for phrase in term.phrases)
        )
        if found:
            scores[key] = scores.get(key, 0.0) + min(cap, each * found)

    # -- placing -----------------------------------------------------------------
    def place(
        self, passages: list[Passage], boosts: dict[int, dict[str, float]] | None = None
    ) -> None:
        """Set ``key`` on each passage (None when it answers nothing)."""
        boosts = boosts or {}
        self._mark_contents(passages)
        for number in glossary_entries(
            [passage.text for passage in passages], [passage.segment for passage in passages]
        ):
            passages[number].glossary = True
        for passage in passages:
            if len(_WORD.findall(passage.text.lower())) >= TITLE_AREA_WORDS:
                break
            passage.furniture = passage.lead_in is None
        previous: Passage | None = None
        for number, passage in enumerate(passages):
            content = self.content_scores(passage.text)
            passage.none_score = content.pop(NONE, 0.0)
            if passage.lead_in is not None:
                lead_in = passages[passage.lead_in]
                for key, value in lead_in.own.items():
                    content[key] = content.get(key, 0.0) + _LEAD_IN_SHARE * value
                passage.none_score = max(passage.none_score, lead_in.none_score)
            passage.own = dict(content)
            for key, value in boosts.get(number, {}).items():
                content[key] = content.get(key, 0.0) + value
            totals = dict(content)
            for weight, heading in zip(_HEADING_WEIGHTS, passage.headings, strict=False):
                for key, value in self.heading_scores(heading).items():
                    totals[key] = totals.get(key, 0.0) + weight * min(value, _HEADING_CAP)
            nearest = passage.headings[0] if passage.headings else ""
            nearest_scores = self.heading_scores(nearest) if nearest else {}
            passage.non_answer_section = bool(
                nearest
                and NON_ANSWER_HEADINGS.search(nearest)
                and max(nearest_scores.values(), default=0.0) < _CLEAR_HEADING
            )
            passage.content = content
            passage.scores = totals
            passage.key = self._decide(passage, previous)
            passage.also_key = self._second_key(passage, boosts.get(number, {}))
            previous = passage
        _lead_ins_follow_their_lists(passages)

    def names_item(self, heading: str) -> bool:
        """Whether a heading clearly names one statutory item other than the Local Offer
        (which schools often call their whole report)."""
        scores = self.heading_scores(heading)
        best = max(scores, key=scores.get, default=None)
        return best not in (None, "local_offer") and scores[best] >= _CLEAR_HEADING

    def _mark_contents(self, passages: list[Passage]) -> None:
        """Mark runs of short entries that name several different items: a contents list."""
        run: list[Passage] = []
        for passage in [*passages, None]:
            if (
                passage is not None
                and passage.lead_in is None  # a list a sentence introduces is an answer
                and _entry_like(passage.text)
                and (not run or passage.block_ids[0] == run[-1].block_ids[-1] + 1)
            ):
                run.append(passage)
                continue
            named = []
            for entry in run:
                scores = self.heading_scores(_NUMBERING.sub("", entry.text.lstrip("• ")))
                best = max(scores, key=scores.get, default=None)
                if best is not None and scores[best] >= _CLEAR_HEADING:
                    named.append(best)
            questions = sum(entry.text.rstrip().endswith("?") for entry in run)
            if (len(set(named)) >= _CONTENTS_ITEMS and 2 * len(named) >= len(run)) or (
                len(run) >= _CONTENTS_QUESTIONS and 2 * questions >= len(run)
            ):
                for entry in run:
                    entry.contents = True
            run = (
                [passage]
                if passage is not None and passage.lead_in is None and _entry_like(passage.text)
                else []
            )

    @staticmethod
    def _second_key(passage: Passage, boost: dict[str, float]) -> str | None:
        """A second item the passage answers as clearly as its first, if any.

        "Contact Mrs Smith, our SENCO, to ask for an EHC needs assessment" answers both
        who the SENCO is and how needs are identified; it goes under both.
        """
        if passage.key is None or passage.none_score >= NON_ANSWER:
            return None
        first = passage.scores.get(passage.key, 0.0) - boost.get(passage.key, 0.0)
        others = [key for key in STATUTORY_KEYS if key != passage.key]
        second = max(others, key=lambda key: passage.scores.get(key, 0.0))
        value = passage.scores.get(second, 0.0)
        if passage.key in boost:
            # Named for the SENCO: the passage's other topic, judged without the boost.
            return second if value >= _SENCO_SECOND else None
        return second if value >= _DUAL_MIN and value >= _DUAL_SHARE * first else None

    def _decide(self, passage: Passage, previous: Passage | None) -> str | None:
        if passage.contents or passage.glossary:
            return None
        totals, content = passage.scores, passage.content
        # Ties go to the passage's own words, then to checklist order.
        best = max(STATUTORY_KEYS, key=lambda key: (totals.get(key, 0.0), content.get(key, 0.0)))
        own = max(STATUTORY_KEYS, key=lambda key: content.get(key, 0.0))
        own_score = content.get(own, 0.0)
        if passage.non_answer_section:
            # Only the SENCO's name, or a passage plainly about one item, is taken from
            # a part of the document that answers nothing ("Roles and responsibilities").
            if own == "senco_contact" and own_score >= SENCO_EVIDENCE:
                return own
            return own if own_score >= STRONG_CONTENT else None
        nearest = self.heading_scores(passage.headings[0]) if passage.headings else {}
        heading_key = max(nearest, key=nearest.get) if nearest else None
        if passage.furniture and not heading_key and _title_case_entry(passage.text):
            # "SEN Report – Local Offer" in a page's links and title lines, above its
            # first sentence: a name, not an answer, unless it names the SENCO.
            return own if own == "senco_contact" and own_score >= SENCO_EVIDENCE else None
        threshold = PLACE_THRESHOLD if heading_key else CONTENT_ONLY_THRESHOLD
        if passage.none_score >= NON_ANSWER and not (
            own == "senco_contact" and own_score >= SENCO_EVIDENCE
        ):
            # An introduction or a definition under an item's heading is still not an
            # answer unless its own words clearly are.
            return own if own_score >= STRONG_CONTENT + passage.none_score else None
        if totals.get(best, 0.0) - passage.none_score >= threshold:
            return best
        if heading_key and nearest[heading_key] >= _USABLE_HEADING and own_score < WEAK_CONTENT:
            return heading_key
        # Too little evidence: continue the answer it belongs to, unless its own words
        # point elsewhere; a weak but clear topic of its own is still better than nothing.
        continues = (
            previous is not None
            and previous.key is not None
            and previous.key != "senco_contact"
            and previous.segment == passage.segment
            and not previous.non_answer_section
            # Under a heading that answers nothing in particular ("Start here" in a
            # diagram), only the rest of the same paragraph or list continues.
            and (heading_key or previous.group == passage.group)
        )
        # A weak topic of its own counts only when it outweighs any sign of a non-answer.
        has_own_topic = own_score >= WEAK_CONTENT and own_score > passage.none_score
        if continues and not (has_own_topic and own_score > content.get(previous.key, 0.0)):
            return previous.key
        if has_own_topic and (heading_key or not passage.headings):
            return own
        # Under a heading that names no item ("SEN Policy", the school's name), only a
        # clear topic of its own, with nothing of an introduction about it.
        return own if own_score >= _OWN_TOPIC and not passage.none_score else None


def _lead_ins_follow_their_lists(passages: list[Passage]) -> None:
    """A sentence introducing a list goes where most of its list goes.

    "We provide support for the following needs:" says little by itself, and its own
    words or the heading above it can point elsewhere; the items it introduces ("Visual
    impairment", "Moderate learning difficulties") say what it is about. A lead-in that
    sounds like an introduction or definition ("This report complies with:") keeps its
    own placement, and so does one naming the SENCO.
    """
    items: dict[int, list[Passage]] = {}
    for passage in passages:
        if passage.lead_in is not None:
            items.setdefault(passage.lead_in, []).append(passage)
    for number, listed in items.items():
        lead_in = passages[number]
        if lead_in.none_score >= NON_ANSWER or lead_in.key == "senco_contact":
            continue
        keys = [passage.key for passage in listed if passage.key is not None]
        if len(keys) < _LIST_AGREEMENT:
            continue
        key, count = max(((key, keys.count(key)) for key in set(keys)), key=lambda kv: kv[1])
        if 2 * count > len(listed) and key != lead_in.key:
            if lead_in.also_key == key:
                lead_in.also_key = None
            lead_in.key = key


def _title_case_entry(text: str) -> bool:
    """A short line in title case with no sentence in it: a title, link or menu entry."""
    words = re.findall(r"[A-Za-z][A-Za-z’'-]*", text)
    content = [word for word in words if word.lower() not in _MINOR_WORDS]
    return (
        0 < len(words) <= _TITLE_WORDS
        and not text.rstrip().endswith((".", "?", "!", ":"))
        and sum(word[0].isupper() for word in content) >= 0.6 * len(content)
    )


def _entry_like(text: str) -> bool:
    """A line of a contents list: short, and a title or a question rather than a sentence."""
    words = _WORD.findall(text.lower())
    return 0 < len(words) <= _CONTENTS_ENTRY_WORDS and not text.rstrip().endswith((".", ":"))


def question_texts(extra: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """Each key's question and heading from the checklist, plus the council's wording."""
    from schools.checklist import STATUTORY_ITEMS

    texts = {
        item.key: f"{item.question} {item.heading} {item.guidance}" for item in STATUTORY_ITEMS
    }
    for key, text in extra:
        if key in texts:
            texts[key] += f" {text}"
    return texts
