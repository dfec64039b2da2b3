"""What the screening score reads from a CV or a job: its sentences and a few role phrases, each with its vector.

A CV's role phrases are what a recruiter reads first: the headline under the name, the most recent job title
and the first sentence of the summary. A job's are its title and its skill names. Every sentence and phrase
is embedded on its own (a CV's in one model call), so a requirement can be matched to the one sentence that
shows it, and the explanation can quote that sentence.

Vectors are rounded to float16 as soon as they are made: the profile cached in Postgres and a profile made
afresh by `interviewly screen` hold the same numbers, so both give the same score.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from api.screening.cv_parser import ParsedCV, heading_of
from nlp.embeddings import EMBEDDING_DIM, MODEL_NAME, Embedder, fastest_products
from nlp.keywords import KeywordVector

# bump when what a profile holds changes (2: the model's int8 products; 3: role phrases' heads, label lines
# skipped, what the person says they are now; 5: a CV's earlier roles discounted in its keywords; 4 is skipped, an
# earlier commit's cached profiles carry it): cached profiles of another version are remade
PROFILE_VERSION = 5
# the model's products that run fastest on this CPU (nlp.embeddings.fastest_products): int8 with VNNI, dynamically
# quantised int8 with AVX2 alone; the kinds of vectors differ a little (cosine about 0.999 and 0.993 from float32;
# top-1 on the development halves the same within a CV, bench/bench_screening.py)
PROFILE_PRODUCTS = fastest_products()
# what makes a profile, as screenings name it (part of scoring.SCORING_METHOD): the same for every kind, so that API
# hosts of different CPUs in one deployment do not take each other's screenings for stale and re-score them in
# turn forever (a score made on another kind differs by a fraction of a point)
PROFILE_METHOD = f"{MODEL_NAME}/profile-{PROFILE_VERSION}"
# what made a cached profile (text_profiles.model_name): the kind too, so that one score never mixes vectors of two
PROFILE_MODEL = f"{PROFILE_METHOD}-{PROFILE_PRODUCTS}"

_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATED = re.compile(r"\b(?:19|20)\d\d\b|\bpresent\b|\bnow\b|\bcurrent\b", re.IGNORECASE)
# what separates a job title from the employer and dates on an experience line
_TITLE_END = re.compile(r"\s+[—–|·-]\s+|\s+at\s+|\s*\(|\s*\|\s*")
_CONTACT = re.compile(r"@|https?:|www\.|\d[\d ()+-]{6,}\d")
MAX_ENTRY_WORDS = 25  # a longer dated line is a sentence about the work, not a job entry
HEADLINE_LINES = 3
# sections that say nothing about the work (the header's headline is read as a role phrase instead); leaving them
# out of the sentences saves model time
UNREAD_SECTIONS = frozenset({"header", "contact", "interests", "languages"})
# a sentence stating what the person is after ("Looking for a SOC Analyst role", "I want to move into ...",
# "Objective: ..."): the everyday English of a CV's objective line, no field's vocabulary. A negated one ("I don't
# want to become an AE") names a role the person does not want, and is left out.
_GOAL_CUE = re.compile(r"\b(?:looking (?:for|to)|seeking|want(?:ing)? to|would like to|hope to|aim(?:ing)? to|keen to|"
                       r"applying for|next step|objective:)", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|never|no longer)\b|n['’]t\b", re.IGNORECASE)
GOAL_MIN_WORDS = 4  # a bare "LOOKING FOR" heading is not a goal


def _lines(text: str) -> list[str]:
    """Non-empty lines; a line starting in lower case after one that did not end a sentence continues it (PDF
    text wraps long bullets)."""
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if out and line[:1].islower() and not out[-1].endswith((".", ":")):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def sentences(text: str) -> list[str]:
    """The text's lines split into sentences, bullets stripped."""
    out: list[str] = []
    for line in _lines(text):
        line = line[2:] if line.startswith("- ") else line
        out.extend(s.strip() for s in _SENTENCE.split(line) if len(s.strip()) >= 3)
    return out


def headline(sections: dict[str, str]) -> list[str]:
    """The first lines above the first heading, contact lines left out: name, title, sometimes credentials."""
    return [line for line in _lines(sections.get("header", "")) if not _CONTACT.search(line)][:HEADLINE_LINES]


# a line that only labels what follows ("Current role", "My current job", "Oct 2024 - present"): no title in it
_LABEL_WORDS = frozenset(
    "current currently present recent latest previous my now role roles job jobs position post experience employment "
    "work history career since to until jan feb mar apr may jun jul aug sep sept oct nov dec january february march "
    "april june july august september october november december".split())
# what a person says they are now, in plain English ("I am a teacher with ...", "... and am now a Procurement
# Buyer for ..."): present tense only, since a neighbour's earlier career is told in the past
_SELF_ROLE = re.compile(r"\b(?:i am|i'm|i’m|am now|i now work as|i work as|currently working as|currently)"
                        r"\s+(?:an?|the)\s+([A-Za-z][A-Za-z&/ -]{2,60}?)"
                        r"(?=\s+(?:for|at|in|with|since|and|who|on|from|within|across)\b|[,.;:(]|$)", re.IGNORECASE)
MAX_HEAD_WORDS = 8  # a role phrase's head ("Quality Control Analyst" of "Quality Control Analyst, Trentside ...")


def _is_label(phrase: str) -> bool:
    words = re.findall(r"[a-z]+", phrase.lower())
    return not words or all(w in _LABEL_WORDS for w in words)


def _head(phrase: str) -> str | None:
    """The phrase cut before its first employer, date, bracket or comma, when that leaves a short title."""
    head = _TITLE_END.split(phrase)[0].split(",")[0].strip()
    words = head.split()
    if head == phrase.strip() or not 2 <= len(words) <= MAX_HEAD_WORDS or any(c.isdigit() for c in head):
        return None
    # a title is written in capitals ("Quality Control Analyst"); "After 16 years in warehouse operations" is not one
    return head if sum(w[:1].isupper() for w in words) * 2 >= len(words) else None


def _recent_role(lines: list[str]) -> str | None:
    """The title of the first dated entry; a date on a line of its own dates the line above it."""
    previous: str | None = None
    for line in lines:
        if line.startswith("- ") or len(line.split()) > MAX_ENTRY_WORDS:
            previous = None
            continue
        if not _DATED.search(line):
            previous = line
            continue
        title = _TITLE_END.split(line)[0].strip(" ,")
        if _is_label(title):
            if not _YEAR.search(line) or previous is None or _is_label(previous):
                previous = None  # a label line ("Current role"), or a date with no title above it
                continue
            title = _TITLE_END.split(previous)[0].strip(" ,")
        if len(title) >= 3:
            return title
    return None


def role_phrases(text: str, sections: dict[str, str]) -> list[tuple[str, str]]:
    """(kind, phrase): the headline lines, the first dated entry of the experience section cut before its
    employer, the summary's first sentence, and what the person says they are now ("self"); a long phrase's
    head (its title) too."""
    phrases: list[tuple[str, str]] = [("headline", line) for line in headline(sections) if not _is_label(line)]
    role = _recent_role(_lines(sections.get("experience") or text))
    if role:
        phrases.append(("recent_role", role))
    summary = " ".join(sections.get("summary", "").split())
    if summary:
        phrases.append(("summary", _SENTENCE.split(summary)[0][:300]))
    phrases += [(kind, head) for kind, phrase in phrases if (head := _head(phrase))]
    selves = [m.group(1).strip() for m in _SELF_ROLE.finditer(" ".join(text.split()))]
    phrases += [("self", role) for role in dict.fromkeys(selves) if not _is_label(role)][:3]
    return list(dict.fromkeys(phrases))


# a job entry's dates ("Jun 2019 - Dec 2023", "2014 - 2020", "Jan 2024 – present")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
_END = r"(?:" + _MONTH + r")?((?:19|20)\d\d|present|now|current|today|date)\b"
_RANGE = re.compile(r"\b(?:" + _MONTH + r")?(?:19|20)\d\d\s*(?:-|–|—|to|until)\s*" + _END, re.IGNORECASE)
_DATES_ONLY = re.compile(r"^\W*(?:" + _MONTH + r")?(?:19|20)\d\d\s*(?:-|–|—|to|until)\s*" + _END + r"\W*$",
                         re.IGNORECASE)
# sections that list no jobs: their dates (a degree's years) say nothing about which role is the current one
_NO_ENTRIES = frozenset({"education", "skills", "certifications", "languages", "interests", "contact", "awards",
                         "publications"})
# how much a word of an earlier role counts in a CV's keywords against one of the rest. A neighbour's CV ("Cabin
# Crew Member since 2024, after four years as a gate agent") spends most of its words on the earlier role, whose
# vocabulary is the neighbouring job's; what the person does now and says they want is what a recruiter weighs.
# Chosen on the development halves: v1..v4 dev 290 -> 296 of 308 from 0.3 down to 0 (297 at 0.1; 0.4: 294,
# 0.5: 294, 1: 290); 0.25 keeps some credit for a field's words learnt earlier.
EARLIER_ROLE_WEIGHT = 0.25


def earlier_roles(text: str) -> tuple[str, str]:
    """(the rest, the earlier roles): the lines of every job entry dated as ending before the first entry (the
    most recent one, CVs list the newest first) did, from its dated line (or the title line above a line of dates
    alone) to the next entry or section. A CV listed oldest first, or without dated entries, has no earlier roles."""
    rest: list[str] = []
    earlier: list[str] = []
    section, newest, in_earlier = "header", None, False
    for line in text.split("\n"):
        name = heading_of(line)
        if name:
            section, in_earlier = name, in_earlier and name == "experience"  # another part of the CV
            rest.append(line)
            continue
        if section not in _NO_ENTRIES and not line.startswith("- ") and len(line.split()) <= MAX_ENTRY_WORDS and (
                dates := _RANGE.search(line)):
            end = int(dates.group(1)) if dates.group(1)[:1].isdigit() else 9999
            if newest is None:
                newest = end
            else:
                in_earlier = end < newest
                if in_earlier and _DATES_ONLY.match(line) and rest and not rest[-1].startswith("- "):
                    earlier.append(rest.pop())  # the entry's title line, above its dates
        (earlier if in_earlier else rest).append(line)
    return "\n".join(rest), "\n".join(earlier)


def cv_keywords(text: str) -> KeywordVector:
    """A CV's keywords, its earlier roles' words discounted (EARLIER_ROLE_WEIGHT)."""
    rest, earlier = earlier_roles(text)
    return KeywordVector.of(rest, earlier, EARLIER_ROLE_WEIGHT)


def stated_goals(units: list[str]) -> list[int]:
    """Indices of the sentences in which the person says what role they are looking for."""
    return [i for i, s in enumerate(units)
            if len(s.split()) >= GOAL_MIN_WORDS and _GOAL_CUE.search(s) and not _NEGATION.search(s)]


@dataclass
class TextProfile:
    sentences: list[str]
    phrases: list[tuple[str, str]]  # (kind, text)
    vectors: np.ndarray  # float16, one row per sentence then one per phrase
    keywords: KeywordVector = field(repr=False)
    cv: bool = False  # a CV's keywords discount its earlier roles (cv_keywords), a job's do not

    @cached_property
    def goals(self) -> list[int]:
        """The sentences stating the role the person is looking for (a CV's; a job has none to speak of)."""
        return stated_goals(self.sentences)

    @property
    def sentence_vectors(self) -> np.ndarray:
        return self.vectors[: len(self.sentences)].astype(np.float32)

    def phrase_vectors(self, kind: str) -> tuple[list[str], np.ndarray]:
        rows = [i for i, (k, _) in enumerate(self.phrases) if k == kind]
        texts = [self.phrases[i][1] for i in rows]
        return texts, self.vectors[[len(self.sentences) + i for i in rows]].astype(np.float32)

    @property
    def vector(self) -> list[float]:
        """The whole text as one vector (normalised mean of its sentences): what pgvector searches."""
        mean = self.sentence_vectors.mean(axis=0) if self.sentences else np.zeros(EMBEDDING_DIM, np.float32)
        return (mean / (np.linalg.norm(mean) or 1.0)).tolist()

    def to_json(self) -> dict:
        return {"version": PROFILE_VERSION, "cv": self.cv, "sentences": self.sentences,
                "phrases": [list(p) for p in self.phrases],
                "vectors": base64.b64encode(self.vectors.astype("<f2").tobytes()).decode("ascii")}

    @classmethod
    def from_json(cls, data: dict, text: str) -> TextProfile | None:
        """None if the cached profile was made by another version of this module."""
        if data.get("version") != PROFILE_VERSION:
            return None
        vectors = np.frombuffer(base64.b64decode(data["vectors"]), dtype="<f2").reshape(-1, EMBEDDING_DIM)
        cv = bool(data.get("cv"))
        return cls(data["sentences"], [tuple(p) for p in data["phrases"]], vectors.astype(np.float16),
                   cv_keywords(text) if cv else KeywordVector.of(text), cv)


def _profile(embedder: Embedder, text: str, units: list[str], phrases: list[tuple[str, str]],
             cv: bool = False) -> TextProfile:
    texts = [*units, *(p for _, p in phrases)]
    unique = list(dict.fromkeys(texts))  # a headline is often a sentence too: embedded once
    # screening's time goes to the model: its fastest products on this CPU (nlp/int8_matmul.py)
    vectors = (embedder.embed(unique, products=PROFILE_PRODUCTS) if unique
               else np.zeros((0, EMBEDDING_DIM), np.float32))
    row = {t: i for i, t in enumerate(unique)}
    return TextProfile(units, phrases, vectors[[row[t] for t in texts]].astype(np.float16),
                       cv_keywords(text) if cv else KeywordVector.of(text), cv)


def cv_sentences(parsed: ParsedCV) -> list[str]:
    """The sentences of the sections about the work, each once."""
    if not set(parsed.sections) - UNREAD_SECTIONS:  # no headings found: the whole text
        return list(dict.fromkeys(sentences(parsed.text)))
    read = [text for name, text in parsed.sections.items() if name not in UNREAD_SECTIONS]
    return list(dict.fromkeys([*headline(parsed.sections), *(s for text in read for s in sentences(text))]))


def cv_profile(embedder: Embedder, parsed: ParsedCV) -> TextProfile:
    return _profile(embedder, parsed.text, cv_sentences(parsed), role_phrases(parsed.text, parsed.sections), cv=True)


def job_profile(embedder: Embedder, title: str, description: str, requirements: str, skills: list[str],
                text: str) -> TextProfile:
    """`text` is the job's whole text (api.screening.text.job_text), which its keywords come from."""
    units = [title.strip(), *sentences(description or ""), *sentences(requirements or "")]
    head = _head(title)  # "Clinical Research Associate" of "Clinical Research Associate (CRA) - Oncology"
    phrases = [("title", title.strip()), *([("title", head)] if head else []), *(("skill", s) for s in skills)]
    return _profile(embedder, text, units, phrases)
