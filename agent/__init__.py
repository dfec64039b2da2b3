"""The Interviewly interviewer: a LiveKit Agents worker (``python -m agent.worker start``)."""
