"""The role a CV says it is looking for: which sentences state it, and how it moves the title part (offline)."""

from __future__ import annotations

from api.screening.cv_parser import parse_cv_text
from api.screening.matching import JobPosting, profile_of_job, score
from api.screening.profiles import cv_profile, stated_goals
from nlp.embeddings import Embedder

CAREER_CHANGER = """Dana Whitlock
Leicester | dana.whitlock@example.com

Profile
Second-line support analyst for a housing association, 4 years.
{goal}

Experience
Support Analyst - Brookfield Homes, Leicester 2021 - present
- Resolve tickets for 600 staff: accounts, laptops, printers and Microsoft 365
- Look after the office switches and firewalls, VLAN changes and the site-to-site VPNs
- Keep the asset register and write knowledge base articles

Skills
Active Directory, Intune, Cisco switches, FortiGate, ServiceNow
"""
GOAL = "I am now looking for a Network Engineer role."

JOBS = {
    "network": JobPosting("Network Engineer", "Design and run our routed and switched network across 20 sites.",
                          "CCNA or equivalent\nRouting, switching, firewalls and VPNs"),
    "desk": JobPosting("IT Service Desk Technician", "First and second line support for our staff.",
                       "Ticketing under SLAs\nMicrosoft 365 and Active Directory support"),
}


def test_goal_sentences_are_the_ones_stating_a_wanted_role() -> None:
    units = [
        "Looking for a Network Engineer role.",
        "I want to move into a SOC Analyst position next year.",
        "Objective: a staff accountant post in manufacturing.",
        "I don't want to become an account executive.",  # negated: not a goal
        "I am not looking for a management role.",
        "LOOKING FOR",  # a heading, not a sentence
        "Moved into the security team in 2023.",  # a past move, no wish
        "Managed the firewall estate for nine schools.",
    ]
    assert stated_goals(units) == [0, 1, 2]


def test_a_stated_goal_moves_the_title_part_towards_the_role_asked_for(embedder: Embedder) -> None:
    profiles = {key: profile_of_job(embedder, job) for key, job in JOBS.items()}

    def title_parts(text: str) -> dict[str, dict]:
        parsed = parse_cv_text(text)
        cv = cv_profile(embedder, parsed)
        return {key: score(parsed, cv, job, profiles[key]).explanation for key, job in JOBS.items()}

    without = title_parts(CAREER_CHANGER.format(goal=""))
    with_goal = title_parts(CAREER_CHANGER.format(goal=GOAL))
    assert without["network"]["parts"]["title"]["goal"] is None
    for key in JOBS:  # the explanation quotes the sentence and its similarity to this job's title
        part = with_goal[key]["parts"]["title"]
        assert part["goal"] == GOAL and 0 < part["goal_similarity"] <= 1
        assert "looking for: \"" + GOAL in with_goal[key]["summary"]
    gained = {key: with_goal[key]["parts"]["title"]["score"] - without[key]["parts"]["title"]["score"]
              for key in JOBS}
    assert gained["network"] > 10 and gained["network"] > gained["desk"] + 10, gained
    assert with_goal["network"]["parts"]["title"]["score"] > with_goal["desk"]["parts"]["title"]["score"]
