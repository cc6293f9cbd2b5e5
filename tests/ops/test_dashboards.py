"""The Grafana dashboards load and chart only series that exist."""

import json
import re

import pytest
import yaml

from tests.ops.deploy_files import DEPLOY, defined_metrics, recorded_series

DASHBOARDS = sorted((DEPLOY / "grafana" / "dashboards").glob("*.json"))
SERIES = re.compile(r"\bringback(?:_\w+|:[\w:]+)")


def panels(dashboard: dict) -> list[dict]:
    found = []
    for panel in dashboard["panels"]:
        found.append(panel)
        found += panel.get("panels", [])
    return [p for p in found if p.get("type") != "row"]


def test_there_is_an_sre_and_a_business_dashboard():
    uids = {json.loads(path.read_text())["uid"] for path in DASHBOARDS}

    assert {"ringback-sre", "ringback-business"} <= uids


@pytest.mark.parametrize("path", DASHBOARDS, ids=lambda p: p.name)
def test_a_dashboard_has_titled_panels_with_unique_ids_on_the_grid(path):
    dashboard = json.loads(path.read_text())

    assert dashboard["title"] and dashboard["panels"]
    ids = [panel["id"] for panel in panels(dashboard)]
    assert len(ids) == len(set(ids))
    for panel in panels(dashboard):
        assert panel["title"]
        grid = panel["gridPos"]
        assert grid["w"] > 0 and grid["h"] > 0 and grid["x"] + grid["w"] <= 24
        assert panel["targets"], f"{panel['title']} charts nothing"


@pytest.mark.parametrize("path", DASHBOARDS, ids=lambda p: p.name)
def test_every_query_reads_a_series_the_code_or_the_rules_define(path):
    known = defined_metrics() | recorded_series()
    dashboard = json.loads(path.read_text())

    for panel in panels(dashboard):
        for target in panel["targets"]:
            used = set(SERIES.findall(target["expr"]))
            assert used, f"{panel['title']}: {target['expr']} reads no Ringback series"
            assert used <= known, f"{panel['title']} reads unknown {used - known}"


@pytest.mark.parametrize("path", DASHBOARDS, ids=lambda p: p.name)
def test_every_query_uses_the_provisioned_datasource(path):
    provisioned = yaml.safe_load(
        (DEPLOY / "grafana/provisioning/datasources/prometheus.yml").read_text()
    )
    uids = {source["uid"] for source in provisioned["datasources"]}
    dashboard = json.loads(path.read_text())

    for panel in panels(dashboard):
        assert panel["datasource"]["uid"] in uids
        assert all(t["datasource"]["uid"] in uids for t in panel["targets"])
