"""The privacy tests use the ATS bed: the API in-process over the session's Postgres, no livekit-server (no room is
opened), queue workers in-process or as their own processes (tests/ats/conftest.py)."""

from tests.ats.conftest import ats, ats_app, ats_client, ats_settings  # noqa: F401 - fixtures
