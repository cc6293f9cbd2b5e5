"""The alert rules and scrape configs pass promtool, and the rules' own unit tests."""

import re
import subprocess

import pytest
import yaml

from tests.ops.deploy_files import PROMETHEUS, RULES, defined_metrics, promtool


def run(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [promtool(), *arguments],
        cwd=PROMETHEUS,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_rules_are_valid_for_promtool():
    result = run("check", "rules", str(RULES))

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_rules_behave_as_their_unit_tests_say():
    result = run("test", "rules", "tests/ringback_test.yml")

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("config", ["prometheus.yml", "prometheus-k8s.yml"])
def test_each_scrape_config_is_valid_for_promtool(config):
    result = run("check", "config", config)

    assert result.returncode == 0, result.stdout + result.stderr


def test_every_rule_reads_metrics_the_code_defines():
    known = defined_metrics() | {"up"}
    groups = yaml.safe_load(RULES.read_text())["groups"]
    recorded = {r["record"] for g in groups for r in g["rules"] if "record" in r}

    for group in groups:
        for rule in group["rules"]:
            used = set(re.findall(r"\b(ringback_\w+|up)\b", rule["expr"]))
            used |= set(re.findall(r"ringback:[\w:]+", rule["expr"]))
            assert used, f"{rule} reads no metric"
            assert used <= known | recorded, f"unknown in {rule}: {used - known}"
