"""CV analyzer: an ATS-style score, keyword coverage against a target job description, missing keywords, and
section and formatting issues. Deterministic (rules + the skill vocabulary + the offline embedding model)."""

from __future__ import annotations

import re
from collections import Counter

from api.screening.cv_parser import ParsedCV
from api.screening.scoring import cosine
from api.screening.skills import extract_skills, find_skill

# points per part (sum 100); without a target JD the keyword part is left out and the rest scaled to 100
WEIGHTS = {"sections": 25, "contact": 10, "length": 10, "formatting": 15, "keywords": 40}
REQUIRED_SECTIONS = ("experience", "education", "skills")
RECOMMENDED_SECTIONS = ("summary",)
IDEAL_WORDS = (250, 1000)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?:\+?\d[\d ().-]{7,}\d)")
_LINK = re.compile(r"(linkedin\.com/|github\.com/|https?://)", re.I)
_YEAR = re.compile(r"\b(19[7-9]\d|20[0-4]\d)\b")
_METRIC = re.compile(r"(\d+\s?%|\$\s?\d|€\s?\d|£\s?\d|\b\d{2,}[kKmM]?\b)")
_WORD = re.compile(r"[A-Za-z][A-Za-z+#.\-]*[A-Za-z+#]|[A-Za-z]")
_PRONOUN = re.compile(r"\b(I|me|my)\b")

STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each etc few for from further had has have having he her here hers
him his how i if in into is it its itself just least let like made make many may me might more most must my no nor
not now of off on once only or other our ours out over own per plus same she should so some such than that the their
them then there these they this those through to too under until up upon us very via was we were what when where
which while who whom why will with within without would you your yours year years month months day days new well
work working works team teams role roles company companies job jobs candidate candidates including include includes
strong good great excellent experience experienced ability able skills skill knowledge understanding using use used
looking join help build building ensure across other others within based level degree plus preferred required
requirements responsibilities responsible bachelor master equivalent related relevant field fields least minimum
similar opportunity environment fast paced day-to-day someone people you'll we're it's that's
""".split()
)


def _words(text: str) -> list[str]:
    return [w.lower().strip(".-") for w in _WORD.findall(text)]


def jd_keywords(jd_text: str, max_terms: int = 12) -> list[dict]:
    """What an ATS would look for: the vocabulary skills the JD names, then its most repeated other terms."""
    skills = extract_skills(jd_text)
    keywords = [{"keyword": name, "kind": "skill"} for name in skills]
    covered = {w for name, ev in skills.items() for w in _words(name + " " + ev)}
    counts = Counter(w for w in _words(jd_text) if len(w) >= 4 and w not in STOPWORDS and w not in covered)
    for term, n in counts.most_common():
        if n < 2 or len(keywords) >= len(skills) + max_terms:
            break
        keywords.append({"keyword": term, "kind": "term"})
    return keywords


def _term_in(term: str, text: str) -> bool:
    stem = re.escape(term[:-1] if term.endswith("s") and len(term) > 4 else term)
    return re.search(rf"(?<![\w]){stem}\w{{0,3}}(?![\w])", text, re.I) is not None


def keyword_coverage(cv_text: str, jd_text: str) -> dict:
    keywords = jd_keywords(jd_text)
    matched, missing = [], []
    for kw in keywords:
        present = find_skill(kw["keyword"], cv_text) if kw["kind"] == "skill" else _term_in(kw["keyword"], cv_text)
        (matched if present else missing).append(kw)
    n = len(keywords)
    return {
        "coverage": round(len(matched) / n, 3) if n else None,
        "matched": [k["keyword"] for k in matched],
        "missing": [k["keyword"] for k in missing],
        "missing_skills": [k["keyword"] for k in missing if k["kind"] == "skill"],
        "total": n,
    }


def section_issues(parsed: ParsedCV) -> list[dict]:
    issues = []
    for name in REQUIRED_SECTIONS:
        if name not in parsed.sections:
            issues.append(
                {
                    "section": name,
                    "severity": "high",
                    "issue": f"No '{name.title()}' section heading: ATS parsers file your content by "
                    f"standard headings such as '{name.title()}'.",
                }
            )
        elif len(parsed.sections[name].split()) < 5:
            issues.append(
                {"section": name, "severity": "medium", "issue": f"The '{name.title()}' section is nearly empty."}
            )
    for name in RECOMMENDED_SECTIONS:
        if name not in parsed.sections:
            issues.append(
                {
                    "section": name,
                    "severity": "low",
                    "issue": "No summary: two or three lines at the top that say who you are and what you "
                    "target help both recruiters and keyword matching.",
                }
            )
    experience = parsed.sections.get("experience", "")
    if experience and not _YEAR.search(experience):
        issues.append(
            {
                "section": "experience",
                "severity": "medium",
                "issue": "No dates in the experience section: give each role its years (e.g. 2021 - 2024).",
            }
        )
    if experience and not _METRIC.search(experience):
        issues.append(
            {
                "section": "experience",
                "severity": "low",
                "issue": "No numbers in the experience section: quantify results (%, amounts, counts).",
            }
        )
    return issues


def formatting_issues(parsed: ParsedCV) -> list[dict]:
    text = parsed.text
    lines = [ln for ln in text.split("\n") if ln.strip()]
    issues = []
    words = len(text.split())
    if words < IDEAL_WORDS[0]:
        issues.append(
            {
                "issue": f"The CV is short ({words} words): most CVs that do well have "
                f"{IDEAL_WORDS[0]}-{IDEAL_WORDS[1]}.",
                "severity": "medium",
            }
        )
    elif words > IDEAL_WORDS[1] * 1.5:
        issues.append({"issue": f"The CV is long ({words} words): keep it to two pages.", "severity": "low"})
    long_lines = [ln for ln in lines if len(ln) > 400]
    if long_lines:
        issues.append(
            {
                "issue": f"{len(long_lines)} very long paragraph(s): use bullet points, one achievement each.",
                "severity": "medium",
            }
        )
    bullets = sum(1 for ln in lines if ln.startswith("- "))
    if parsed.sections.get("experience") and bullets == 0:
        issues.append(
            {"issue": "No bullet points: list achievements as bullets so they are easy to scan.", "severity": "low"}
        )
    caps = [ln for ln in lines if len(ln) > 30 and ln.isupper()]
    if len(caps) > 2:
        issues.append(
            {"issue": "Long lines in capitals are hard to read and some parsers mangle them.", "severity": "low"}
        )
    odd = sum(1 for ch in text if ch in "\ufffd\u25a1")
    if odd > 3:
        issues.append(
            {
                "issue": "Unreadable characters (icons or special fonts) were found: use plain text for "
                "contact details and headings.",
                "severity": "medium",
            }
        )
    if len(_PRONOUN.findall(text)) > 8:
        issues.append(
            {
                "issue": "Many first-person pronouns (I, me, my): start bullets with action verbs instead.",
                "severity": "low",
            }
        )
    if parsed.format == "pdf" and parsed.pages and parsed.pages > 3:
        issues.append({"issue": f"{parsed.pages} pages: two pages are the usual maximum.", "severity": "low"})
    return issues


def analyze_cv(parsed: ParsedCV, jd_text: str | None = None, cv_vector=None, jd_vector=None) -> dict:
    """The analysis as stored in cv_analyses.result; `ats_score` is 0..100."""
    text = parsed.text
    sections = section_issues(parsed)
    fmt = formatting_issues(parsed)
    has_email = bool(_EMAIL.search(text))
    has_phone = bool(_PHONE.search(text))
    parts: dict[str, float] = {}
    present = [s for s in REQUIRED_SECTIONS if s in parsed.sections]
    parts["sections"] = len(present) / len(REQUIRED_SECTIONS) - 0.1 * ("summary" not in parsed.sections)
    parts["contact"] = 0.6 * has_email + 0.4 * has_phone
    words = len(text.split())
    low, high = IDEAL_WORDS
    parts["length"] = 1.0 if low <= words <= high * 1.5 else max(0.0, min(words / low, (high * 3 - words) / high))
    penalty = {"high": 0.5, "medium": 0.25, "low": 0.1}
    parts["formatting"] = 1.0 - sum(penalty[i["severity"]] for i in fmt)
    keywords = None
    if jd_text and jd_text.strip():
        keywords = keyword_coverage(text, jd_text)
        parts["keywords"] = keywords["coverage"] if keywords["coverage"] is not None else 1.0
    parts = {k: max(0.0, min(1.0, v)) for k, v in parts.items()}
    total_weight = sum(WEIGHTS[k] for k in parts)
    ats = 100.0 * sum(WEIGHTS[k] * v for k, v in parts.items()) / total_weight
    result = {
        "ats_score": round(ats, 1),
        "score_parts": {k: round(v * WEIGHTS[k], 1) for k, v in parts.items()},
        "max_parts": {k: WEIGHTS[k] for k in parts},
        "sections_found": [s for s in parsed.sections if s != "header"],
        "section_issues": sections,
        "formatting_issues": fmt,
        "contact": {"email": has_email, "phone": has_phone, "links": bool(_LINK.search(text))},
        "word_count": words,
        "skills_found": sorted(extract_skills(text)),
        "keyword_coverage": keywords,
        "missing_keywords": keywords["missing"] if keywords else [],
    }
    if cv_vector is not None and jd_vector is not None:
        result["similarity_to_jd"] = round(cosine(cv_vector, jd_vector), 4)
    result["suggestions"] = _suggestions(result)
    return result


def _suggestions(result: dict) -> list[str]:
    out = []
    kw = result["keyword_coverage"]
    if kw and kw["missing"]:
        out.append(
            "Where they are true for you, add these keywords from the job description: "
            + ", ".join(kw["missing"][:8])
            + "."
        )
    out.extend(i["issue"] for i in result["section_issues"] if i["severity"] in {"high", "medium"})
    out.extend(i["issue"] for i in result["formatting_issues"] if i["severity"] in {"high", "medium"})
    if not result["contact"]["email"]:
        out.append("Add an email address at the top.")
    return out
