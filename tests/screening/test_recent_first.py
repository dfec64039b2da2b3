"""What a CV does now weighs more than what it did before: its earlier roles' words count less in the keyword part,
and a title counts in full only for a job of the CV's field (offline)."""

from __future__ import annotations

from api.screening.cv_parser import parse_cv_text
from api.screening.matching import JobPosting, profile_of_job, score
from api.screening.profiles import EARLIER_ROLE_WEIGHT, TextProfile, cv_keywords, cv_profile, earlier_roles
from api.screening.scoring import TITLE_FIELD_FLOOR
from nlp.embeddings import Embedder
from nlp.keywords import KeywordVector

MOVED_ON = """Hannah Vale
Bristol | hannah.vale@example.com

Summary
Cabin Crew Member at a regional airline since 2024, after four years as a gate agent.

Experience
Cabin Crew Member - Severn Regional Airlines, Bristol - Jan 2024 - present
- Safety demonstration, cabin secure, onboard service and sales
Passenger Service Agent - Avonside Handling, Bristol Airport
Jun 2019 - Dec 2023
- Check-in, bag drop and gate boarding in the departure control system
Ramp Agent - Avonside Handling (2017 - 2019)
- Baggage loading and aircraft pushback

Education
BTEC Level 3 Travel and Tourism, 2015 - 2017
"""


def test_earlier_roles_are_the_entries_that_ended_before_the_newest() -> None:
    rest, earlier = earlier_roles(parse_cv_text(MOVED_ON).text)
    assert "Cabin Crew Member - Severn" in rest and "Safety demonstration" in rest
    # the title line above a line of dates alone belongs to its entry; the entry's bullets follow it
    assert "Passenger Service Agent" in earlier and "gate boarding" in earlier and "Ramp Agent" in earlier
    assert "Passenger Service Agent" not in rest
    assert "BTEC" in rest  # the next section ends the earlier roles: a degree's dates are no job entry
    assert "after four years as a gate agent" in rest  # the summary is what the person says now


def test_a_cv_listed_oldest_first_or_undated_has_no_earlier_roles() -> None:
    oldest_first = "Sam Reed\nExperience\nJunior Chef, 2015 - 2018\n- Prep\nHead Chef, 2018 - present\n- Menus\n"
    assert earlier_roles(parse_cv_text(oldest_first).text)[1] == ""
    assert earlier_roles(parse_cv_text("Sam Reed\nI cook for a living and have done so for ten years.").text)[1] == ""


def test_earlier_words_count_less_and_a_cached_profile_reads_them_alike(embedder: Embedder) -> None:
    text = parse_cv_text(MOVED_ON).text
    discounted, whole = cv_keywords(text).weights, KeywordVector.of(text).weights
    assert 0 < EARLIER_ROLE_WEIGHT < 1
    assert discounted["pushback"] < whole["pushback"] and discounted["cabin"] > whole["cabin"]
    profile = cv_profile(embedder, parse_cv_text(MOVED_ON))
    cached = TextProfile.from_json(profile.to_json(), text)
    assert cached is not None and cached.cv and cached.keywords == profile.keywords


def test_a_title_counts_in_full_only_for_a_job_of_the_cvs_field(embedder: Embedder) -> None:
    cv_text = ("Bryn Evans\nOffice Manager, Tywi Building Society, Carmarthen - 2021 to now\n"
               "I run the local office of our building society and look after the savings of the town.\n")
    parsed = parse_cv_text(cv_text)
    cv = cv_profile(embedder, parsed)
    hotel = JobPosting("Front Office Manager", "Lead the reception, reservations and concierge team of a 120-bedroom "
                       "hotel.", "Opera PMS, guest check-in, room allocation and housekeeping handover")
    title = score(parsed, cv, hotel, profile_of_job(embedder, hotel)).explanation["parts"]["title"]
    assert title["similarity"] > 0.6  # "Office Manager" sounds like the hotel's title ...
    assert TITLE_FIELD_FLOOR <= title["field"] < 0.5 and title["score"] < 50  # ... of a field it shares no words with
