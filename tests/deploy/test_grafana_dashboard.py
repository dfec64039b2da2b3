"""The Grafana dashboard (deploy/grafana/interviewly.json) parses, its panels are laid out without overlap, and
every series a panel's query names is one the API or an agent host exports (api/common/metrics.py,
agent/metrics.py), so a renamed metric cannot leave an empty panel behind."""

from __future__ import annotations

import json
import re
from pathlib import Path

from prometheus_client import REGISTRY

import agent.metrics  # noqa: F401  (registers the agent's series)
import api.common.metrics  # noqa: F401  (registers the API's series)

DASHBOARD = Path(__file__).resolve().parents[2] / "deploy/grafana/interviewly.json"
SUFFIXES = {"histogram": ("_bucket", "_count", "_sum"), "counter": ("_total",), "gauge": ("",)}


def exported() -> set[str]:
    names = set()
    for family in REGISTRY.collect():
        if family.name.startswith("interviewly_"):
            names |= {family.name + suffix for suffix in SUFFIXES[family.type]}
    return names


def test_every_query_names_an_exported_series() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    names = exported()
    assert {"interviewly_http_request_duration_seconds_bucket", "interviewly_agent_free_slots"} <= names
    used = set()
    panels = [p for p in dashboard["panels"] if p["type"] != "row"]
    assert len(panels) >= 12
    for panel in panels:
        assert panel["targets"], panel["title"]
        for target in panel["targets"]:
            series = set(re.findall(r"\binterviewly_[a-z0-9_]+", target["expr"]))
            assert series, (panel["title"], target["expr"])
            assert series <= names, (panel["title"], series - names)
            assert target["expr"].count("(") == target["expr"].count(")"), target["expr"]
            used |= series
    # every family the app exports has a panel
    families = {re.sub(r"_(bucket|count|sum|total)$", "", n) for n in names}
    shown = {re.sub(r"_(bucket|count|sum|total)$", "", n) for n in used}
    assert families == shown, families - shown


def test_panels_do_not_overlap_and_ids_are_unique() -> None:
    panels = json.loads(DASHBOARD.read_text())["panels"]
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids))
    cells = set()
    for p in panels:
        g = p["gridPos"]
        assert g["x"] + g["w"] <= 24
        mine = {(x, y) for x in range(g["x"], g["x"] + g["w"]) for y in range(g["y"], g["y"] + g["h"])}
        assert not mine & cells, p["title"]
        cells |= mine
