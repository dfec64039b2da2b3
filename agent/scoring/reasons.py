"""The two or three signals that moved a question's score, in words a recruiter reads at a glance.

The offline score is 100 x gate x (coverage, specificity and relevance, weighted: ``content.Params``); the signal
that moved it most is the one furthest from neutral times its weight, and a relevance gate that held the answer
back comes first. With the LLM's score, its rubric judgement is what moved it.
"""

from __future__ import annotations

from typing import Any

from agent.scoring.content import PARAMS

_FEATURES = (("situation", "a real situation"), ("own_actions", "what they did themselves"),
             ("figures", "figures"), ("outcome", "how it turned out"))


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _missing(signals: dict[str, Any]) -> str:
    missing = signals.get("points_missing") or []
    return f"; missed: {missing[0][0].lower()}{missing[0][1:]}" if missing else ""


def _specificity(spec: dict[str, Any]) -> tuple[float, str]:
    score = float(spec.get("score") or 0.0)
    present = [label for key, label in _FEATURES if spec.get(key)]
    absent = [label for key, label in _FEATURES if not spec.get(key)]
    if score >= 0.5:
        return abs(score - 0.5) * PARAMS.w_specificity, f"Specific: {_join(present)}"
    if not present:
        return abs(score - 0.5) * PARAMS.w_specificity, "General: no real example, figures or outcome"
    return abs(score - 0.5) * PARAMS.w_specificity, f"Thin on specifics: no {_join(absent)}"


def _offline(signals: dict[str, Any]) -> list[str]:
    content = signals.get("content") or {}
    relevance = float(content.get("relevance") or 0.0)
    gate = float(content.get("relevance_gate") if content.get("relevance_gate") is not None else 1.0)
    ranked: list[tuple[float, str]] = []
    if gate < 0.9:
        text = (f"Off the question (relevance {relevance:.2f}): little of the answer counts" if gate < 0.3 else
                f"Partly off the question (relevance {relevance:.2f}): the score is scaled to {gate:.0%}")
        ranked.append((2.0, text))
    else:
        ranked.append((abs(relevance - 0.5) * PARAMS.w_relevance, f"On the question (relevance {relevance:.2f})"))
    points = content.get("points") or []
    if points:
        made = sum(1 for p in points if p.get("covered"))
        coverage = float(content.get("coverage") or 0.0)
        ranked.append((abs(coverage - 0.5) * PARAMS.w_coverage,
                       f"Made {made} of {len(points)} rubric points{_missing(signals)}"))
    ranked.append(_specificity(content.get("specificity") or {}))
    ranked.sort(key=lambda item: item[0], reverse=True)
    return [text for _, text in ranked[:3]]


def _llm(signals: dict[str, Any]) -> list[str]:
    llm = signals.get("llm") or {}
    points = llm.get("points") or []
    made = sum(1 for p in points if p.get("covered"))
    out = [f"The LLM found {made} of {len(points)} rubric points made{_missing(signals)}" if points
           else "Scored by the LLM against the question"]
    rationale = str(llm.get("rationale") or "").strip()
    if rationale:
        out.append(rationale.split(". ")[0].rstrip(".") + ".")
    offline = (signals.get("content") or {}).get("score")
    if offline is not None:
        out.append(f"The offline scorer gave {float(offline):.0f}")
    return out[:3]


def score_reasons(signals: dict[str, Any]) -> list[str]:
    """The signals that moved a question's score most, in words, most telling first (at most three)."""
    if not signals.get("answer_words"):
        return ["No answer was given"]
    return _llm(signals) if signals.get("score_source") == "llm" else _offline(signals)
