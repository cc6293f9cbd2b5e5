"""What the deploy tests read: the files under deploy/ and facts found in the code."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PROMETHEUS = DEPLOY / "prometheus"
RULES = PROMETHEUS / "rules" / "ringback.yml"

_METRIC = re.compile(r'(?:Counter|Gauge|Histogram|Summary)\(\s*"(ringback_\w+)"', re.S)
_SUBSCRIBER = re.compile(r'subscriber\(\s*(\w+)\s*,\s*"([\w-]+)"')


def yaml_documents(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def service_names() -> set[str]:
    """Every service that runs as `python -m services.<name>`."""
    return {path.parent.name for path in (ROOT / "services").glob("*/__main__.py")}


def _python_sources() -> list[Path]:
    return [*(ROOT / "services").rglob("*.py"), *(ROOT / "libs").rglob("*.py")]


def defined_metrics() -> set[str]:
    """Every series name the code can expose, with histograms' extra series."""
    names: set[str] = set()
    for path in _python_sources():
        for name in _METRIC.findall(path.read_text()):
            names |= {name, f"{name}_bucket", f"{name}_count", f"{name}_sum"}
    return names


def recorded_series() -> set[str]:
    """The names the recording rules of deploy/prometheus define."""
    groups = yaml.safe_load(RULES.read_text())["groups"]
    return {
        rule["record"]
        for group in groups
        for rule in group["rules"]
        if "record" in rule
    }


def subscriber_purposes(service: str) -> dict[str, str]:
    """purpose -> message type name, for every `runtime.subscriber` of a service."""
    found: dict[str, str] = {}
    for path in (ROOT / "services" / service).rglob("*.py"):
        for type_name, purpose in _SUBSCRIBER.findall(path.read_text()):
            found[purpose] = type_name
    return found


def promtool() -> str:
    """The promtool binary; the test is skipped only where it cannot be installed."""
    found = shutil.which("promtool")
    if found is None:
        pytest.skip(
            "promtool is missing: `make ops-tools` installs the Debian package "
            "prometheus, which needs root and apt"
        )
    return found
