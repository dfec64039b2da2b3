"""Advisory scores and the final report, each figure traceable to the signals it came from.

Per question: content (how developed the answer is, and whether it touches the question's key points)
and delivery (speech fluency and eye contact). Scores are 0..100 and advisory: a reviewer sees the raw
signals next to every score and every strength or weakness. No emotion or personality inference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

CONTENT_WEIGHT, FLUENCY_WEIGHT, EYE_WEIGHT = 0.6, 0.2, 0.2
TARGET_WORDS = 60  # an answer of this many words counts as fully developed
MIN_WORDS = 5
GOOD_RATE = (2.5, 5.5)  # syllables per second, conversational speech (De Jong & Wempe's range)
_TOKEN = re.compile(r"[a-z0-9']+")


def _clip(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return max(lo, min(hi, x))


def keyword_coverage(answer: str, keywords: tuple[str, ...] | list[str]) -> tuple[float, list[str]]:
    """Share of a question's key points mentioned (3 hits count as full), with the ones found."""
    if not keywords:
        return 0.0, []
    tokens = _TOKEN.findall(answer.lower())
    text = " " + " ".join(tokens) + " "
    hits = []
    for kw in keywords:
        parts = _TOKEN.findall(kw.lower())
        if not parts:
            continue
        # prefix match per word, so "profile" finds "profiling" and "index" finds "indexes"
        pattern = r"\b" + r"\w*\s+".join(re.escape(p[: max(4, len(p) - 2)]) for p in parts) + r"\w*"
        if re.search(pattern, text):
            hits.append(kw)
    return _clip(len(hits) / min(3, len(keywords))), hits


def fluency_score(fluency: dict[str, Any], transcript: dict[str, Any] | None = None) -> tuple[float | None, dict]:
    """0..1 from speech rate, long pauses and fillers; None when there was (almost) no speech."""
    speaking = float(fluency.get("speaking_seconds") or 0.0)
    if speaking < 2.0:
        return None, {"speaking_seconds": speaking}
    rate = float(fluency.get("articulation_rate_sps") or 0.0)
    lo, hi = GOOD_RATE
    rate_part = 1.0 if lo <= rate <= hi else _clip(1.0 - (lo - rate if rate < lo else rate - hi) / 2.0)
    mean_pause = float(fluency.get("mean_pause_s") or 0.0)
    pause_part = _clip(1.0 - max(0.0, mean_pause - 0.8) / 2.0)
    parts = {"rate": rate_part, "pauses": pause_part}
    fillers = None
    if transcript and transcript.get("word_count"):
        fillers = float(transcript.get("fillers_per_100_words") or 0.0)
        parts["fillers"] = _clip(1.0 - max(0.0, fillers - 3.0) / 9.0)
    score = sum(parts.values()) / len(parts)
    return score, {"articulation_rate_sps": round(rate, 2), "mean_pause_s": round(mean_pause, 2),
                   "fillers_per_100_words": None if fillers is None else round(fillers, 1),
                   "components": {k: round(v, 3) for k, v in parts.items()}}


def score_question(
    *, answer: str, keywords: tuple[str, ...] | list[str], eye: dict[str, Any], fluency: dict[str, Any],
    transcript: dict[str, Any] | None = None, probed: str | None = None,
) -> tuple[float | None, dict[str, Any]]:
    """Advisory 0..100 score of one answer and the signals behind it."""
    n_words = len(_TOKEN.findall(answer.lower()))
    length = _clip((n_words - MIN_WORDS) / (TARGET_WORDS - MIN_WORDS))
    coverage, hits = keyword_coverage(answer, keywords)
    content = 0.5 * length + 0.5 * coverage if keywords else length
    components: dict[str, tuple[float, float]] = {"content": (content, CONTENT_WEIGHT)}
    flu, flu_signals = fluency_score(fluency, transcript)
    if flu is not None:
        components["fluency"] = (flu, FLUENCY_WEIGHT)
    eye_ratio = None
    if eye.get("frames", 0) >= 3 and eye.get("face_present_ratio", 0.0) >= 0.5:
        eye_ratio = float(eye.get("eye_contact_ratio") or 0.0)
        components["eye_contact"] = (eye_ratio, EYE_WEIGHT)
    signals: dict[str, Any] = {
        "answer_words": n_words,
        "length_score": round(length, 3),
        "keywords_expected": list(keywords),
        "keywords_found": hits,
        "keyword_coverage": round(coverage, 3),
        "content_score": round(content, 3),
        "fluency": flu_signals,
        "fluency_score": None if flu is None else round(flu, 3),
        "eye_contact_ratio": None if eye_ratio is None else round(eye_ratio, 3),
        "face_present_ratio": round(float(eye.get("face_present_ratio") or 0.0), 3),
        "video_frames": int(eye.get("frames") or 0),
        "probe": probed,
        "weights": {k: w for k, (_, w) in components.items()},
    }
    if n_words == 0:
        return 0.0, {**signals, "note": "no answer"}
    total_w = sum(w for _, w in components.values())
    score = 100.0 * sum(v * w for v, w in components.values()) / total_w
    return round(score, 1), signals


@dataclass
class QuestionResult:
    index: int
    question: str
    skill: str | None
    weight: float
    answer: str
    score: float | None
    signals: dict[str, Any]
    eye: dict[str, Any] = field(default_factory=dict)
    fluency: dict[str, Any] = field(default_factory=dict)


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def build_report(
    results: list[QuestionResult], *, eye: dict[str, Any], fluency: dict[str, Any], end_reason: str | None = None,
) -> dict[str, Any]:
    """The interview_reports row: overall score, strengths and weaknesses with their signals, summaries."""
    scored = [r for r in results if r.score is not None]
    total_w = sum(r.weight for r in scored)
    overall = round(sum(r.score * r.weight for r in scored) / total_w, 1) if total_w else None

    strengths: list[dict[str, Any]] = []
    weaknesses: list[dict[str, Any]] = []
    by_skill: dict[str, list[QuestionResult]] = {}
    for r in scored:
        by_skill.setdefault(r.skill or "General", []).append(r)
    for skill, rs in by_skill.items():
        avg = sum(r.score for r in rs) / len(rs)
        sig = {"questions": [r.index for r in rs], "average_score": round(avg, 1),
               "answer_words": [r.signals.get("answer_words") for r in rs],
               "keywords_found": sorted({k for r in rs for k in r.signals.get("keywords_found", [])})}
        if avg >= 70:
            strengths.append({"area": skill, "detail": f"Developed, on-topic answers on {skill}", "signals": sig})
        elif avg < 45:
            weaknesses.append({"area": skill, "detail": f"Thin or off-topic answers on {skill}", "signals": sig})

    frames = int(eye.get("frames") or 0)
    if frames >= 10 and eye.get("face_present_ratio", 0) >= 0.5:
        ratio = float(eye.get("eye_contact_ratio") or 0.0)
        sig = {k: eye.get(k) for k in ("eye_contact_ratio", "face_present_ratio", "longest_look_away_s", "frames")}
        if ratio >= 0.7:
            strengths.append({"area": "Eye contact", "detail": f"Looked at the camera {_pct(ratio)} of the time",
                              "signals": sig})
        elif ratio < 0.45:
            weaknesses.append({"area": "Eye contact", "detail": f"Looked at the camera only {_pct(ratio)} of the time",
                               "signals": sig})

    speaking = float(fluency.get("speaking_seconds") or 0.0)
    if speaking >= 10:
        rate = float(fluency.get("articulation_rate_sps") or 0.0)
        sig = {k: fluency.get(k) for k in ("articulation_rate_sps", "speech_rate_sps", "mean_pause_s",
                                           "pause_count", "phonation_ratio", "fillers_per_100_words")}
        lo, hi = GOOD_RATE
        if lo <= rate <= hi and float(fluency.get("mean_pause_s") or 0) <= 1.2:
            strengths.append({"area": "Fluency", "detail": f"Steady pace ({rate:.1f} syllables/s) with short pauses",
                              "signals": sig})
        elif rate > hi:
            weaknesses.append({"area": "Fluency", "detail": f"Fast delivery ({rate:.1f} syllables/s)", "signals": sig})
        elif rate < lo:
            weaknesses.append({"area": "Fluency", "detail": f"Slow delivery ({rate:.1f} syllables/s)", "signals": sig})
        fillers = fluency.get("fillers_per_100_words")
        if fillers is not None and fillers > 6:
            weaknesses.append({"area": "Fillers", "detail": f"{fillers:.0f} filler words per 100 words",
                               "signals": sig})

    probed = [r.index for r in results if r.signals.get("probe")]
    if results and len(probed) > len(results) / 2:
        weaknesses.append({"area": "Depth", "detail": "Most answers needed a follow-up question",
                           "signals": {"probed_questions": probed, "questions": len(results)}})

    flags = [{"flag": f, "signals": {k: eye.get(k) for k in
                                     ("longest_no_face_s", "longest_multiple_faces_s", "longest_look_away_s")}}
             for f in eye.get("flags") or []]

    answered = sum(1 for r in results if r.signals.get("answer_words"))
    parts = [f"Advisory score {overall:.0f}/100" if overall is not None else "No score",
             f"{answered} of {len(results)} questions answered"]
    if by_skill:
        parts.append("; ".join(f"{s} {sum(r.score for r in rs) / len(rs):.0f}" for s, rs in by_skill.items()))
    if frames:
        parts.append(f"eye contact {_pct(float(eye.get('eye_contact_ratio') or 0))} "
                     f"(face in view {_pct(float(eye.get('face_present_ratio') or 0))})")
    if speaking:
        parts.append(f"{float(fluency.get('articulation_rate_sps') or 0):.1f} syllables/s, "
                     f"{int(fluency.get('pause_count') or 0)} pauses")
    if end_reason:
        parts.append(f"ended: {end_reason}")
    return {
        "overall_score": overall,
        "summary": ". ".join(parts) + ". Scores are advisory; a person makes the decision.",
        "strengths": strengths,
        "weaknesses": weaknesses,
        "eye_contact_summary": eye,
        "fluency_summary": fluency,
        "flags": flags,
    }


def practice_feedback(report: dict[str, Any], results: list[QuestionResult]) -> dict[str, Any]:
    """Candidate-facing feedback for a practice interview, in plain words."""
    tips: list[str] = []
    for w in report["weaknesses"]:
        area = w["area"]
        if area == "Eye contact":
            tips.append("Look at the camera, not at your own video, especially while you answer.")
        elif area == "Fluency":
            tips.append("Aim for a steady, conversational pace; a short pause is better than rushing.")
        elif area == "Fillers":
            tips.append("Replace 'um' and 'like' with a brief silent pause.")
        elif area == "Depth":
            tips.append("Answer with a concrete example: the situation, what you did and the result.")
        else:
            tips.append(f"Prepare one or two concrete stories that show your {area} experience.")
    if not tips:
        tips.append("Keep practising with new questions; your answers were well developed.")
    return {
        "overall_score": report["overall_score"],
        "summary": report["summary"],
        "strengths": [s["detail"] for s in report["strengths"]],
        "tips": tips,
        "questions": [_question_feedback(r) for r in results],
        "advisory": True,
    }


def _question_feedback(r: QuestionResult) -> dict[str, Any]:
    expected = r.signals.get("keywords_expected") or []
    found = set(r.signals.get("keywords_found") or [])
    missing = [k for k in expected if k not in found][:3]
    tip = None
    if not r.signals.get("answer_words"):
        tip = "You did not answer this one: even a short, honest answer is better than none."
    elif r.signals.get("keyword_coverage", 1.0) < 0.67 and missing:
        tip = "A strong answer could also cover: " + ", ".join(missing) + "."
    elif (r.signals.get("answer_words") or 0) < 40:
        tip = "Develop the answer further with a concrete example."
    return {"question": r.question, "score": r.score, "answer_words": r.signals.get("answer_words"),
            "keywords_found": sorted(found), "tip": tip}
