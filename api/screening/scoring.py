"""The screening score: weighted skill match (the job's skill weights) + semantic similarity (embeddings).

Pure functions; the service feeds them texts and vectors from Postgres.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from api.screening.skills import extract_skills, match_skills

# the two parts of the score; with no skills to match, the semantic part is the whole score
SKILL_WEIGHT = float(os.environ.get("SCREENING_SKILL_WEIGHT", "0.6"))
SEMANTIC_WEIGHT = 1.0 - SKILL_WEIGHT

# cosine similarity of MiniLM CV/JD vectors: unrelated roles sit around 0.1-0.3, a good fit at 0.5-0.9 (labelled set).
# The semantic score maps [SIM_FLOOR, SIM_CEIL] linearly onto [0, 100].
SIM_FLOOR = 0.20
SIM_CEIL = 0.80


def semantic_score(similarity: float) -> float:
    x = (similarity - SIM_FLOOR) / (SIM_CEIL - SIM_FLOOR)
    return round(100.0 * min(1.0, max(0.0, x)), 2)


def cosine(a, b) -> float:
    a = np.asarray(a, dtype=np.float32)
    b = np.asarray(b, dtype=np.float32)
    denom = float(np.linalg.norm(a) * np.linalg.norm(b)) or 1e-12
    return float(np.dot(a, b) / denom)


def job_skill_list(skills: list[tuple[str, float]], jd_text: str) -> tuple[list[tuple[str, float]], str]:
    """The job's own weighted skills; a job without any is matched on the skills its description names."""
    if skills:
        return skills, "job_skills"
    derived = [(name, 1.0) for name in extract_skills(jd_text)]
    return derived, "job_description"


@dataclass
class ScreeningResult:
    score: float
    skill_score: float | None
    semantic_score: float
    similarity: float
    explanation: dict


def score_cv(cv_text: str, cv_vector, jd_text: str, jd_vector, skills: list[tuple[str, float]]) -> ScreeningResult:
    weighted, source = job_skill_list(skills, jd_text)
    similarity = cosine(cv_vector, jd_vector)
    sem = semantic_score(similarity)
    if weighted:
        match = match_skills(cv_text, weighted)
        skill = match.score
        total = round(SKILL_WEIGHT * skill + SEMANTIC_WEIGHT * sem, 2)
        matched, missing = match.matched, match.missing
        weights = {"skills": SKILL_WEIGHT, "semantic": SEMANTIC_WEIGHT}
    else:
        skill, total, matched, missing = None, sem, [], []
        weights = {"skills": 0.0, "semantic": 1.0}
    explanation = {
        "matched_skills": matched,
        "missing_skills": missing,
        "similarity": round(similarity, 4),
        "skill_score": skill,
        "semantic_score": sem,
        "weights": weights,
        "skill_source": source,
        "summary": _summary(matched, missing, similarity),
    }
    return ScreeningResult(
        score=total, skill_score=skill, semantic_score=sem, similarity=similarity, explanation=explanation
    )


def _summary(matched: list[dict], missing: list[dict], similarity: float) -> str:
    parts = []
    if matched or missing:
        parts.append(f"{len(matched)} of {len(matched) + len(missing)} skills found")
        if missing:
            parts.append("missing: " + ", ".join(s["skill"] for s in missing[:5]))
    parts.append(f"text similarity {similarity:.2f}")
    return "; ".join(parts)
