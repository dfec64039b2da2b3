"""Interviewly HTTP API (Litestar). Imports only `db`: it reaches the agent through LiveKit dispatch and Postgres."""
