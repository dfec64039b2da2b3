"""The screening score of a CV for a job, 0-100, and its reasons. Pure: profiles in, numbers and reasons out.

Four parts, each 0-100, in a fixed weighted sum (the weights and ranges were chosen on the development half of
tests/evalsets/screening and checked on tests/screening/data; bench/bench_screening.py prints the figures):

- keywords (0.50): the words the CV shares with the job's whole text, each weighted by its rarity in everyday
  English (nlp/keywords.py); cosine 0 → 0, ≥ 0.5 → 100. The words of the CV's earlier roles (entries dated as
  ending before its most recent one) count a quarter (profiles.earlier_roles): a neighbour's earlier career is
  the neighbouring job's vocabulary. Chosen on the development halves: v1..v4 dev 290 → 296 of 308 (v3 50 → 52,
  v4 45 → 49, v1 and v2 unchanged).
- title (0.25): how close the CV's headline, most recent job title, first summary sentence or what the person says
  they are now ("I am a ...", "am now a ...") comes to the job title (cosine of their vectors, 0.2 → 0, 0.9 → 100;
  a long phrase's head and the job title's head count too: "Quality Control Analyst, Trentside ..." against
  "Quality Control Analyst (Pharmaceutical Manufacturing)"). Titles held and sought are what tell close roles
  apart. Label lines ("Current role", a date on its own line) are not titles (profiles.role_phrases): chosen on
  the development halves, v3 dev 49 → 50 of 54, v1 and v2 dev unchanged (91 of 92, 104 of 108).
  When the CV states the role it is looking for ("Looking for a SOC Analyst role", "I want to move into ...":
  profiles.stated_goals, plain English cues, negated ones left out), that sentence's closeness to the job title
  (same range) makes GOAL_SHARE = 0.75 of the part and the titles held the rest: a career changer's last title is
  the neighbour's, the role they ask for is not. Chosen on the development halves: v2 dev 100 → 104 of 108 (its
  misses were such changers), v1 dev unchanged at 91 of 92; the share was flat on v1 from 0.25 to 1 and on v2
  from 0.75 to 1 (v2 102 at 0.5).
  A title counts in full only for a job of the CV's field: the part is scaled by TITLE_FIELD_FLOOR + the rest times
  the keyword similarity on TITLE_FIELD_RANGE (cosine 0 → the floor, ≥ 0.25 → 1). A plain CV's generic title
  ("Office Manager" of a building society, "Passenger staff") is close to some other field's title ("Front Office
  Manager" of a hotel, "Cabin Crew Member") while the CV shares almost no words with that job (the keyword cosine
  of a CV and a job not its own is 0.03 at the median, 0.07 at the 90th percentile; of its own, 0.11 at the 10th).
  Chosen on the development halves: v1..v4 dev 296 → 301 of 308 (v1 91 → 92, v2 104 → 106, v4 49 → 51, v3 52; five
  plain CVs gained, none lost), the same 301 for a range's top from 0.2 to 0.3 with a floor from 0 to 0.2.
- requirements (0.15): for every sentence of the job (description and requirements), the CV sentence nearest in
  meaning; the mean of those similarities, 0.25 → 0, 0.65 → 100. Plain-language CVs score here.
- skills (0.10): the job's weighted skills; a skill named in the CV (with its aliases) counts fully, otherwise
  the CV sentence nearest to it counts in part (similarity 0.3 → nothing, 0.6 → fully).

Nothing here depends on other jobs or CVs, so the API and `interviewly screen` give one CV and one job the same
score. A job without skills has no skills part: the other weights are scaled up.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from api.screening.profiles import PROFILE_METHOD, TextProfile
from api.screening.skills import find_skill
from nlp.keywords import keyword_overlap

# bump when the score of the same CV and job can change (weights, ranges, parts, the CV parser, keyword rarities,
# skill aliases...): screenings stored by another method are shown as stale and re-scored by the queue (tasks.py)
SCORING_VERSION = 4  # 3: a CV's earlier roles discounted in its keywords (profile 5); 4: the title part by field
# what made a stored screening (screenings.scoring_method, `interviewly screen --json`'s "model"): the embedding
# model, the profile version and the scoring version
SCORING_METHOD = f"{PROFILE_METHOD}/score-{SCORING_VERSION}"

WEIGHTS = {"keywords": 0.50, "title": 0.25, "requirements": 0.15, "skills": 0.10}
KEYWORD_RANGE = (0.0, 0.5)
TITLE_RANGE = (0.2, 0.9)
GOAL_SHARE = 0.75  # of the title part, when the CV states the role it is looking for
TITLE_FIELD_RANGE = (0.0, 0.25)  # the keyword similarity over which a title comes to count in full
TITLE_FIELD_FLOOR = 0.1  # what a title counts for a job the CV shares no words with
REQUIREMENT_RANGE = (0.25, 0.65)
SKILL_RANGE = (0.3, 0.6)
MATCHED_CREDIT = 0.5  # a skill with at least this credit is listed as matched, below it as missing
EVIDENCE_SHOWN = 3  # requirements quoted with their nearest CV sentence in the explanation


def scaled(value: float, bounds: tuple[float, float]) -> float:
    """value mapped linearly from bounds onto 0..1, clipped."""
    low, high = bounds
    return min(1.0, max(0.0, (value - low) / (high - low)))


def cosine(a, b) -> float:
    a = np.asarray(a, dtype=np.float32)
    b = np.asarray(b, dtype=np.float32)
    denom = float(np.linalg.norm(a) * np.linalg.norm(b)) or 1e-12
    return float(np.dot(a, b) / denom)


@dataclass
class ScreeningResult:
    score: float
    skill_score: float | None
    semantic_score: float
    similarity: float
    explanation: dict


def _title_part(cv: TextProfile, job: TextProfile) -> tuple[float, dict]:
    titles, title_vectors = job.phrase_vectors("title")
    best = {"similarity": 0.0, "cv_phrase": None, "kind": None, "goal": None, "goal_similarity": None}
    if not titles:
        return 0.0, best
    for kind in ("headline", "recent_role", "summary", "self"):
        phrases, vectors = cv.phrase_vectors(kind)
        if not phrases:
            continue
        sims = (vectors @ title_vectors.T).max(axis=1)  # the job's title, or its head
        i = int(np.argmax(sims))
        if float(sims[i]) > best["similarity"]:
            best |= {"similarity": round(float(sims[i]), 4), "cv_phrase": phrases[i], "kind": kind}
    held = scaled(best["similarity"], TITLE_RANGE)
    if not cv.goals:
        return held, best
    sims = (cv.sentence_vectors[cv.goals] @ title_vectors.T).max(axis=1)
    i = int(np.argmax(sims))
    best |= {"goal": cv.sentences[cv.goals[i]], "goal_similarity": round(float(sims[i]), 4)}
    return (1 - GOAL_SHARE) * held + GOAL_SHARE * scaled(float(sims[i]), TITLE_RANGE), best


def _requirements_part(cv: TextProfile, job: TextProfile) -> tuple[float, dict]:
    job_vectors, cv_vectors = job.sentence_vectors, cv.sentence_vectors
    if not len(job_vectors) or not len(cv_vectors):
        return 0.0, {"coverage": 0.0, "evidence": []}
    sims = job_vectors @ cv_vectors.T
    nearest, best = sims.argmax(axis=1), sims.max(axis=1)
    coverage = float(best.mean())
    shown = np.argsort(-best, kind="stable")[:EVIDENCE_SHOWN]
    evidence = [{"requirement": job.sentences[i], "cv_sentence": cv.sentences[int(nearest[i])],
                 "similarity": round(float(best[i]), 4)} for i in shown]
    return scaled(coverage, REQUIREMENT_RANGE), {"coverage": round(coverage, 4), "evidence": evidence}


def _sentence_with(cv: TextProfile, found: str) -> str:
    needle = found.lower()
    return next((s for s in cv.sentences if needle in s.lower()), found)


def _skills_part(cv: TextProfile, job: TextProfile, cv_text: str,
                 skills: list[tuple[str, float]]) -> tuple[float | None, list[dict], list[dict]]:
    if not skills:
        return None, [], []
    names, skill_vectors = job.phrase_vectors("skill")
    vector_of = dict(zip(names, skill_vectors, strict=True))
    cv_vectors = cv.sentence_vectors
    matched: list[dict] = []
    missing: list[dict] = []
    got = 0.0
    for name, weight in skills:
        found = find_skill(name, cv_text)
        if found:
            credit, entry = 1.0, {"evidence": _sentence_with(cv, found), "match": "named", "text": found}
        elif name in vector_of and len(cv_vectors):
            sims = cv_vectors @ vector_of[name]
            i = int(np.argmax(sims))
            credit = scaled(float(sims[i]), SKILL_RANGE)
            entry = {"evidence": cv.sentences[i], "match": "meaning", "similarity": round(float(sims[i]), 4)}
        else:
            credit, entry = 0.0, {}
        got += weight * credit
        row = {"skill": name, "weight": float(weight), "credit": round(credit, 2), **entry}
        if credit >= MATCHED_CREDIT:
            matched.append(row)
        else:
            # the nearest sentence of a missing skill is not evidence of it
            missing.append({k: v for k, v in row.items() if k not in ("evidence", "match")} | (
                {"nearest_sentence": entry["evidence"]} if "evidence" in entry else {}))
    total = sum(w for _, w in skills)
    matched.sort(key=lambda s: (-s["weight"], s["skill"]))
    missing.sort(key=lambda s: (-s["weight"], s["skill"]))
    return (got / total if total > 0 else 0.0), matched, missing


def score_cv(cv: TextProfile, cv_text: str, job: TextProfile, skills: list[tuple[str, float]],
             skill_source: str = "job_skills") -> ScreeningResult:
    """`skills` are the job's (name, weight); `job` must have been profiled with the same names."""
    overlap = keyword_overlap(cv.keywords, job.keywords)
    keywords = scaled(overlap.similarity, KEYWORD_RANGE)
    title, title_reason = _title_part(cv, job)
    field = TITLE_FIELD_FLOOR + (1 - TITLE_FIELD_FLOOR) * scaled(overlap.similarity, TITLE_FIELD_RANGE)
    title *= field
    title_reason["field"] = round(field, 4)
    requirements, requirement_reason = _requirements_part(cv, job)
    skill, matched, missing = _skills_part(cv, job, cv_text, skills)
    parts = {"keywords": keywords, "title": title, "requirements": requirements, "skills": skill}
    weights = {k: w for k, w in WEIGHTS.items() if parts[k] is not None}
    total_weight = sum(weights.values())
    score = round(100.0 * sum(weights[k] * parts[k] for k in weights) / total_weight, 2)
    similarity = cosine(cv.vector, job.vector)
    explanation = {
        "parts": {
            "keywords": {"score": round(100 * keywords, 2), "similarity": round(overlap.similarity, 4),
                         "shared": overlap.shared},
            "title": {"score": round(100 * title, 2), **title_reason},
            "requirements": {"score": round(100 * requirements, 2), **requirement_reason},
            "skills": {"score": None if skill is None else round(100 * skill, 2), "source": skill_source},
        },
        "weights": {k: round(w / total_weight, 4) for k, w in weights.items()},
        "matched_skills": matched,
        "missing_skills": missing,
        "similarity": round(similarity, 4),
        "skill_score": None if skill is None else round(100 * skill, 2),
        "semantic_score": round(100 * requirements, 2),
        "skill_source": skill_source,
    }
    explanation["summary"] = _summary(explanation)
    return ScreeningResult(score=score, skill_score=explanation["skill_score"],
                           semantic_score=explanation["semantic_score"], similarity=similarity,
                           explanation=explanation)


def _summary(explanation: dict) -> str:
    parts = explanation["parts"]
    out = []
    if parts["title"]["cv_phrase"]:
        out.append(f"title: \"{parts['title']['cv_phrase']}\" ({parts['title']['similarity']:.2f})")
    if parts["title"]["goal"]:
        out.append(f"looking for: \"{parts['title']['goal']}\" ({parts['title']['goal_similarity']:.2f})")
    if parts["keywords"]["shared"]:
        out.append("shared keywords: " + ", ".join(parts["keywords"]["shared"][:5]))
    matched, missing = explanation["matched_skills"], explanation["missing_skills"]
    if matched or missing:
        out.append(f"{len(matched)} of {len(matched) + len(missing)} skills shown")
        if missing:
            out.append("missing: " + ", ".join(s["skill"] for s in missing[:5]))
    out.append(f"requirements covered {parts['requirements']['coverage']:.2f}")
    return "; ".join(out)
