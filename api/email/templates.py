"""The kinds of automated mail, their default wording, and rendering (Jinja, sandboxed: a company's template can
read the mail's context and nothing else).

A company may replace the subject, plain-text and HTML parts of any kind; the unsubscribe footer of non-essential
mail is added by us after rendering, so no template can leave it out.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment


@dataclass(frozen=True)
class Kind:
    name: str
    to: str  # candidate | recruiter
    essential: bool  # essential mail has no unsubscribe link and is sent to unsubscribed addresses too
    calendar: bool  # carries the interview as an .ics file
    description: str


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("application_received", "candidate", False, False, "to the candidate, when they apply"),
    Kind("status_changed", "candidate", False, False, "to the candidate, when their application moves to one of "
                                                       "the statuses the company chose"),
    Kind("interview_invitation", "candidate", True, True, "to the candidate, when an interview is booked"),
    Kind("interview_rescheduled", "candidate", True, True, "to the candidate, when their interview moves"),
    Kind("interview_reminder", "candidate", True, True, "to the candidate, some hours before the interview"),
    Kind("interview_completed", "recruiter", False, False, "to the recruiter, when an interview is over, with "
                                                           "its report"),
    Kind("note_mention", "recruiter", False, False, "to a teammate mentioned in a note on a candidate"),
    Kind("team_invitation", "recruiter", True, False, "to a person invited to join the company's team"),
    Kind("webhook_disabled", "recruiter", True, False, "to the company's admins, when a webhook endpoint failed for "
                                                       "the whole retry window and was disabled"),
)}

STATUS_LABELS = {
    "APPLIED": "received", "SCREENING": "being reviewed", "SHORTLISTED": "shortlisted",
    "INTERVIEW_SCHEDULED": "at the interview stage", "OFFERED": "an offer", "REJECTED": "not going ahead",
    "HIRED": "hired",
}

_WHEN = "{{ scheduled_at_text }} ({{ duration_minutes }} minutes)"
DEFAULTS: dict[str, dict[str, str]] = {
    "application_received": {
        "subject": "We received your application for {{ job_title }}",
        "text": "Hello {{ candidate_name }},\n\nThank you for applying for {{ job_title }} at {{ company_name }}. "
                "We will be in touch once we have looked at your application.\n\n{{ company_name }}",
    },
    "status_changed": {
        "subject": "Your application for {{ job_title }}: {{ status_label }}",
        "text": "Hello {{ candidate_name }},\n\n"
                "{% if status == 'REJECTED' %}Thank you for your interest in {{ job_title }} at {{ company_name }}. "
                "After careful consideration we will not be going ahead with your application. We wish you the "
                "best in your search."
                "{% elif status == 'OFFERED' %}Good news: {{ company_name }} would like to make you an offer for "
                "{{ job_title }}. We will contact you with the details."
                "{% elif status == 'HIRED' %}Welcome aboard! Your hiring for {{ job_title }} at {{ company_name }} "
                "is confirmed."
                "{% elif status == 'SHORTLISTED' %}Your application for {{ job_title }} has been shortlisted. "
                "We will contact you about the next step."
                "{% else %}Your application for {{ job_title }} at {{ company_name }} is now {{ status_label }}."
                "{% endif %}\n\n{{ company_name }}",
    },
    "interview_invitation": {
        "subject": "Interview for {{ job_title }} on {{ scheduled_at_text }}",
        "text": "Hello {{ candidate_name }},\n\nYou are invited to {% if interview_kind == 'AI' %}an AI-led "
                "interview{% else %}an interview{% endif %} for {{ job_title }} at {{ company_name }}.\n\n"
                "When: " + _WHEN + "\nJoin: {{ join_url }}\n\nThe room opens a few minutes before the start. "
                "The calendar file attached adds the interview to your calendar.\n\n{{ company_name }}",
    },
    "interview_rescheduled": {
        "subject": "Your interview for {{ job_title }} has moved to {{ scheduled_at_text }}",
        "text": "Hello {{ candidate_name }},\n\nYour interview for {{ job_title }} at {{ company_name }} has moved.\n\n"
                "Was: {{ old_scheduled_at_text }}\nNow: " + _WHEN + "\n"
                "{% if reason %}Why: {{ reason }}\n{% endif %}Join: {{ join_url }}\n\n"
                "The attached calendar file updates the event in your calendar.\n\n{{ company_name }}",
    },
    "interview_reminder": {
        "subject": "Reminder: your interview for {{ job_title }} is on {{ scheduled_at_text }}",
        "text": "Hello {{ candidate_name }},\n\nA reminder of your interview for {{ job_title }} at "
                "{{ company_name }}.\n\nWhen: " + _WHEN + "\nJoin: {{ join_url }}\n\n"
                "Please join from a quiet place with your camera and microphone on.\n\n{{ company_name }}",
    },
    "interview_completed": {
        "subject": "Interview completed: {{ candidate_name }} for {{ job_title }}",
        "text": "The {% if interview_kind == 'AI' %}AI {% endif %}interview of {{ candidate_name }} for "
                "{{ job_title }} is over ({{ end_reason or 'completed' }}).\n\n"
                "{% if overall_score is not none %}Overall score (advisory): {{ overall_score | round | int }}/100\n"
                "{% endif %}Report: {{ report_url }}\n",
    },
}

DEFAULTS["team_invitation"] = {
    "subject": "{{ inviter_name }} invites you to {{ company_name }} on Interviewly",
    "text": "Hello,\n\n{{ inviter_name }} invites you to join {{ company_name }} on Interviewly as "
            "{{ role_label }}.\n\nAccept: {{ accept_url }}\n\nThe link works once, for this address only, until "
            "{{ expires_at_text }}. If you did not expect it, ignore this mail.\n",
}
DEFAULTS["note_mention"] = {
    "subject": "{{ author_name }} mentioned you in a note",
    "text": "{{ author_name }} mentioned you in a note at {{ company_name }}:\n\n{{ body }}\n\nOpen: {{ link_url }}\n",
}
DEFAULTS["webhook_disabled"] = {
    "subject": "Webhook endpoint disabled: {{ url }}",
    "text": "The webhook endpoint {{ url }} of {{ company_name }} has not accepted a delivery since "
            "{{ failing_since_text }} and was disabled.\n\nLast error: {{ last_error }}\n\nEnable it again "
            "once it works; failed deliveries can be sent again from its delivery log.\n",
}

_env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=False)
_html_env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def text_to_html(text: str) -> str:
    """The default HTML part: the plain text in paragraphs, links clickable, everything else escaped."""
    import re

    paragraphs = []
    for block in text.strip().split("\n\n"):
        escaped = html.escape(block)
        linked = re.sub(r"(https?://[^\s<]+)", r'<a href="\1">\1</a>', escaped)
        paragraphs.append("<p>" + linked.replace("\n", "<br>\n") + "</p>")
    return "\n".join(paragraphs)


def wrap_html(body: str, footer: str = "") -> str:
    return ('<!doctype html><html><body style="font-family: sans-serif; font-size: 15px; line-height: 1.5; '
            f'color: #1a1a1a; max-width: 620px">{body}{footer}</body></html>')


def render(kind: str, context: dict[str, Any], override: dict[str, str | None] | None = None) -> Rendered:
    """The company's template when it has one, else the default. Raises TemplateError for a broken template."""
    spec = override or {}
    default = DEFAULTS[kind]
    subject = _env.from_string(spec.get("subject") or default["subject"]).render(context)
    text = _env.from_string(spec.get("text_body") or default["text"]).render(context)
    html_source = spec.get("html_body")
    body = _html_env.from_string(html_source).render(context) if html_source else text_to_html(text)
    return Rendered(subject=" ".join(subject.split())[:300], text=text.strip() + "\n", html=body)


def check_template(kind: str, subject: str, text_body: str, html_body: str | None) -> str | None:
    """None when the template renders with a sample context; the error in words otherwise."""
    try:
        render(kind, sample_context(kind), {"subject": subject, "text_body": text_body, "html_body": html_body})
    except TemplateError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def sample_context(kind: str) -> dict[str, Any]:
    return {
        "candidate_name": "Ada Lovelace", "candidate_email": "ada@example.com", "job_title": "Backend Engineer",
        "company_name": "Acme", "status": "REJECTED", "status_label": STATUS_LABELS["REJECTED"],
        "previous_status": "SCREENING", "interview_kind": "AI", "scheduled_at": "2030-01-01T09:00:00+00:00",
        "scheduled_at_text": "Tue 1 Jan 2030, 09:00 UTC", "old_scheduled_at_text": "Mon 31 Dec 2029, 09:00 UTC",
        "duration_minutes": 30, "join_url": "https://example.com/interview/code", "reason": "", "hours_before": 24,
        "report_url": "https://example.com/recruiter/interviews/1/report", "overall_score": 72.0,
        "end_reason": "completed", "unsubscribe_url": "https://example.com/email/unsubscribe/token",
    }
