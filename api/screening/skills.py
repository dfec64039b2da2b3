"""Skill vocabulary (data/skills.yaml) and skill matching on word boundaries, with aliases."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

VOCABULARY_PATH = Path(__file__).resolve().parent / "data" / "skills.yaml"


@dataclass(frozen=True)
class SkillPattern:
    canonical: str
    domain: str
    aliases: tuple[str, ...]  # case-insensitive
    exact: tuple[str, ...] = ()  # case-sensitive (short or ambiguous words: "Go", "R", "AP")
    _regexes: list[re.Pattern] = field(default_factory=list, compare=False, hash=False)

    def find(self, text: str) -> str | None:
        """The first piece of text that shows the skill, or None."""
        if not self._regexes:
            if self.aliases:
                alts = "|".join(_alias_regex(a) for a in sorted(self.aliases, key=len, reverse=True))
                self._regexes.append(
                    re.compile(rf"(?<![\w+#])(?:{alts}){_AGENT_NOUN}(?![\w+#])", re.IGNORECASE))
            if self.exact:
                alts = "|".join(re.escape(a) for a in sorted(self.exact, key=len, reverse=True))
                self._regexes.append(re.compile(rf"(?<![\w+#&/.-])(?:{alts})(?![\w+#&-])"))
        for rx in self._regexes:
            m = rx.search(text)
            if m:
                return m.group(0)
        return None


# a case-insensitive alias also matches the agent noun of its last word: the person who does it shows it
# ("user researcher" → user research, "interaction designer" → interaction design, "auditor" → audit).
# Plurals and -ing/-ed forms are not inferred: "excels", "epics" and "present" would match Excel, Epic and
# presenting.
_AGENT_NOUN = r"(?:ers?|ors?)?"


def _alias_regex(alias: str) -> str:
    # spaces and hyphens in an alias match any run of spaces/hyphens ("ci/cd", "front-end", "front end")
    parts = re.split(r"[\s-]+", alias.strip())
    return r"[\s-]+".join(re.escape(p) for p in parts)


def norm_key(name: str) -> str:
    return " ".join(re.sub(r"[\s_-]+", " ", name.strip().lower()).split())


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, SkillPattern]:
    """canonical name → pattern."""
    raw = yaml.safe_load(VOCABULARY_PATH.read_text(encoding="utf-8"))
    out: dict[str, SkillPattern] = {}
    for domain, skills in raw.items():
        for canonical, spec in skills.items():
            canonical = str(canonical)
            if isinstance(spec, dict):
                aliases = [str(a) for a in spec.get("aliases", [])]
                exact = tuple(str(a) for a in spec.get("exact", []))
            else:
                aliases, exact = [str(a) for a in spec], ()
            if not exact and len(canonical) > 2:
                aliases.append(canonical)
            out[canonical] = SkillPattern(canonical, domain, tuple(dict.fromkeys(a.lower() for a in aliases)), exact)
    return out


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, pattern in vocabulary().items():
        for alias in (*pattern.aliases, *(e.lower() for e in pattern.exact), canonical.lower()):
            index.setdefault(norm_key(alias), canonical)
    return index


def canonical_skill(name: str) -> str | None:
    """The vocabulary entry a skill name refers to ('k8s' → 'Kubernetes'), or None."""
    return _alias_index().get(norm_key(name))


@lru_cache(maxsize=2048)
def pattern_for(name: str) -> SkillPattern:
    """The matcher for any skill name: the vocabulary's (with all aliases) or one built from the name."""
    canonical = canonical_skill(name)
    if canonical:
        return vocabulary()[canonical]
    clean = name.strip()
    if len(clean) <= 2:
        return SkillPattern(clean, "custom", (), (clean,))
    return SkillPattern(clean, "custom", (clean.lower(),))


def find_skill(name: str, text: str) -> str | None:
    return pattern_for(name).find(text)


def extract_skills(text: str) -> dict[str, str]:
    """Every vocabulary skill the text shows: canonical name → the matching text."""
    found: dict[str, str] = {}
    for canonical, pattern in vocabulary().items():
        evidence = pattern.find(text)
        if evidence:
            found[canonical] = evidence
    return found


@dataclass
class SkillMatch:
    matched: list[dict]  # {"skill", "weight", "evidence"}
    missing: list[dict]  # {"skill", "weight"}
    score: float  # 0..100: matched weight over total weight

    @property
    def total_weight(self) -> float:
        return sum(s["weight"] for s in self.matched) + sum(s["weight"] for s in self.missing)


def match_skills(cv_text: str, job_skills: list[tuple[str, float]]) -> SkillMatch:
    matched: list[dict] = []
    missing: list[dict] = []
    for name, weight in job_skills:
        evidence = find_skill(name, cv_text)
        if evidence:
            matched.append({"skill": name, "weight": float(weight), "evidence": evidence})
        else:
            missing.append({"skill": name, "weight": float(weight)})
    total = sum(w for _, w in job_skills)
    got = sum(s["weight"] for s in matched)
    score = 100.0 * got / total if total > 0 else 0.0
    missing.sort(key=lambda s: -s["weight"])
    matched.sort(key=lambda s: -s["weight"])
    return SkillMatch(matched=matched, missing=missing, score=round(score, 2))


SUGGESTED_BASE_WEIGHT = 2.0
SUGGESTED_MAX_WEIGHT = 5.0
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


def suggest_skills(title: str, description: str, requirements: str) -> list[dict]:
    """Skills for a job that has none, from its own text: every vocabulary skill it names, weighted by where and
    how often (2, +2 when the title or the requirements name it, +1 when named more than once, at most 5), with
    the sentence that named it. The recruiter accepts or edits them (PATCH the job's skills)."""
    text = "\n".join(p for p in (title, description, requirements) if p)
    stated = "\n".join(p for p in (title, requirements) if p)
    out = []
    for name, pattern in vocabulary().items():
        found = pattern.find(text)
        if not found:
            continue
        named = [s for s in _SENTENCE.split(text) if pattern.find(s)]
        weight = SUGGESTED_BASE_WEIGHT + (2.0 if pattern.find(stated) else 0.0) + (1.0 if len(named) > 1 else 0.0)
        out.append({"name": name, "weight": min(SUGGESTED_MAX_WEIGHT, weight),
                    "evidence": (named[0] if named else found).strip()})
    out.sort(key=lambda s: (-s["weight"], s["name"].casefold()))
    return out
