"""The role phrases a CV is read by: label lines are not titles, a date on its own line dates the title above it,
a long phrase's head is its title, and what a person says they are now counts (offline, no model)."""

from __future__ import annotations

from api.screening.cv_parser import parse_cv_text
from api.screening.profiles import role_phrases

DATE_BELOW = """Morgan Ellery
Swansea | morgan.ellery@example.com

Summary
Twelve years in retail logistics, and since last spring I am now a Demand Planner for a garden-products firm.

Experience
Demand Planner - Greenleaf Garden Supplies, Swansea
(Apr 2024 - present)
- Weekly forecasts for 1,800 lines
Stock Controller - Valley Stores, Neath
(2013 - 2024)
- Cycle counts and replenishment
"""

LABEL_LINES = """Priya Wendell
Current role
Dental Hygienist, Harbourside Dental Practice (NHS and private), since March 2022. I moved here after
five years as a dental nurse.
Current role
Dental Hygienist - Harbourside Dental Practice, Oct 2022 - present
"""


def phrases(text: str) -> dict[str, list[str]]:
    parsed = parse_cv_text(text)
    out: dict[str, list[str]] = {}
    for kind, phrase in role_phrases(parsed.text, parsed.sections):
        out.setdefault(kind, []).append(phrase)
    return out


def test_a_date_on_its_own_line_dates_the_title_above_it() -> None:
    got = phrases(DATE_BELOW)
    assert got["recent_role"] == ["Demand Planner"]  # not the employer's town, not the older post
    assert got["self"] == ["Demand Planner"]


def test_label_lines_are_not_titles_and_a_long_phrase_gives_its_head() -> None:
    got = phrases(LABEL_LINES)
    every = [p for ps in got.values() for p in ps]
    assert "Current role" not in every
    assert "Dental Hygienist" in got["recent_role"]  # the head of "Dental Hygienist, Harbourside Dental Practice"
    assert "Dental Hygienist" in got["headline"]  # the head of the long headline sentence


def test_only_present_roles_and_title_like_heads() -> None:
    text = ("Alex Brandt\n\nSummary\nAfter 9 years in warehouse operations I worked as a shift manager. "
            "I'm a Transport Planner with a chilled-food haulier.\n")
    got = phrases(text)
    assert got["self"] == ["Transport Planner"]  # the past "worked as a shift manager" is not what they are
    # a sentence's opening words are no title: "After 9 years in warehouse operations" is not kept as a head
    assert all(not p.startswith("After 9") for p in got.get("summary", [])[1:])
